// The watch page: list the assets, connect a wallet, sign in, play.
// States shown in #status (data-state): idle, no-wallet, connecting,
// signing-in, wrong-chain, not-holder, loading, ready, playing, ended,
// revoked, error.

import { APIError, api } from "./api.js";
import { chainName, chains, describe } from "./policy.js";
import { Player } from "./player.js";
import * as wallet from "./wallet.js";

const $ = (id) => document.getElementById(id);
const ui = {
  walletText: $("wallet-text"), connect: $("connect"), signin: $("signin"), signout: $("signout"),
  notice: $("notice"), status: $("status"), title: $("status-title"), text: $("status-text"),
  action: $("status-action"), video: $("video"), assets: $("assets"), empty: $("assets-empty"),
};

const state = {
  address: null, // checksummed, once connected
  chainId: null, // the wallet's current chain
  session: null, // {address, session, expires_at} from /auth/verify
  assets: [],
  run: 0, // bumped by every Play and wallet change; older flows stop
};

const titles = {
  idle: "Welcome.", "no-wallet": "No wallet.", connecting: "Connecting…", "signing-in": "Signing in…",
  "wrong-chain": "Wrong network.", "not-holder": "Not a holder.", loading: "Loading…", ready: "Ready.", playing: "Now playing:",
  ended: "Finished.", revoked: "Access revoked.", error: "Something went wrong.",
};

// show puts the page in a state, with words and at most one action button.
function show(name, text, action) {
  ui.notice.dataset.state = name;
  ui.status.dataset.state = name;
  ui.title.textContent = titles[name];
  ui.text.textContent = text;
  ui.action.hidden = !action;
  ui.action.textContent = action?.label ?? "";
  ui.action.onclick = action ? () => action.run() : null;
}

function showNoWallet() {
  show("no-wallet", "Signing in needs a browser wallet such as MetaMask (EIP-1193). Install one, then reload this page. You can still look through the videos below.");
}

const player = new Player(ui.video, {
  onPlaying: () => show("playing", quoted(state.current)),
  onBlocked: () => show("ready", `Press play on the video to start ${quoted(state.current)}.`),
  onEnded: () => show("ended", `${quoted(state.current)} has ended.`, { label: "Play again", run: () => play(state.current) }),
  onError: (message) => show("error", message),
  onRevoked: () => {
    ui.video.hidden = true;
    const a = state.current;
    show("revoked", `The edge stopped ${quoted(a)} because this wallet no longer qualifies: it needs to ${describe(a.policy)}.`,
      { label: "Check again", run: () => play(a) });
  },
});

const quoted = (a) => `“${a.title || a.id}”`;
const short = (address) => `${address.slice(0, 6)}…${address.slice(-4)}`;
const reason = (err) => (err instanceof APIError ? err.message : wallet.walletMessage(err));

// Session: kept for this tab only, and only for the connected address.
const sessionKey = "streamgate.session";

function saveSession(s) {
  state.session = s;
  if (s) sessionStorage.setItem(sessionKey, JSON.stringify(s));
  else sessionStorage.removeItem(sessionKey);
}

function loadSession() {
  try {
    return JSON.parse(sessionStorage.getItem(sessionKey));
  } catch {
    return null;
  }
}

function signedIn() {
  const s = state.session;
  return !!s && s.address === state.address && Date.parse(s.expires_at) > Date.now() + 60_000;
}

function setAddress(address) {
  state.address = address;
  if (state.session && state.session.address !== address) saveSession(null);
  renderWallet();
}

function renderWallet() {
  const has = !!wallet.provider();
  const inside = signedIn();
  ui.connect.hidden = !has || !!state.address;
  ui.signin.hidden = !state.address || inside;
  ui.signout.hidden = !inside;
  ui.walletText.title = state.address ?? "";
  if (!has) ui.walletText.textContent = "No wallet found";
  else if (!state.address) ui.walletText.textContent = "Wallet not connected";
  else ui.walletText.textContent = `${inside ? "Signed in as" : "Connected:"} ${short(state.address)} on ${chainName(state.chainId)}`;
}

function renderAssets() {
  ui.assets.setAttribute("aria-busy", "false");
  ui.empty.hidden = state.assets.length > 0;
  ui.empty.textContent = "No videos are published yet.";
  ui.assets.replaceChildren(...state.assets.map(assetItem));
}

function assetItem(a) {
  const li = document.createElement("li");
  li.className = "asset";
  const h = document.createElement("h3");
  h.textContent = a.title || a.id;
  const needs = document.createElement("p");
  needs.className = "needs";
  needs.title = `To watch: ${describe(a.policy, false)}`;
  const label = document.createElement("span");
  label.textContent = "To watch: ";
  needs.append(label, describe(a.policy));
  const play_ = document.createElement("button");
  play_.type = "button";
  play_.textContent = "Play";
  play_.setAttribute("aria-label", `Play ${a.title || a.id}`);
  play_.onclick = () => play(a);
  const poster_ = poster(a);
  if (poster_) li.append(poster_);
  li.append(h);
  if (a.duration_s > 0) {
    const d = document.createElement("p");
    d.className = "meta";
    d.textContent = `${Math.floor(a.duration_s / 60)}:${String(Math.round(a.duration_s % 60)).padStart(2, "0")}`;
    li.append(d);
  }
  const actions = document.createElement("div");
  actions.className = "actions";
  actions.append(play_);
  const get = getPass(a);
  if (get) actions.append(get);
  li.append(needs, actions);
  return li;
}

// poster is a teaser asset's poster (the edge's token-free route), sized
// before it loads so the list does not jump; a poster that fails to load
// leaves the card as it would be without one.
function poster(a) {
  if (!a.teaser || typeof a.poster !== "string" || !a.poster.startsWith("/teaser/")) return null;
  const img = document.createElement("img");
  img.className = "poster";
  img.src = a.poster;
  img.alt = `Poster of ${a.title || a.id}`;
  img.width = 320;
  img.height = 180;
  img.decoding = "async";
  img.onerror = () => img.remove();
  return img;
}

// getPass links to where a viewer can get a pass, in a new tab; only
// http(s) URLs (the edge already drops anything else).
function getPass(a) {
  if (typeof a.get_url !== "string" || !/^https?:\/\//i.test(a.get_url)) return null;
  const link = document.createElement("a");
  link.className = "get-pass";
  link.href = a.get_url;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  link.textContent = "Get a pass";
  link.setAttribute("aria-label", `Get a pass for ${a.title || a.id} (opens in a new tab)`);
  return link;
}

async function connect() {
  show("connecting", "Approve the connection in your wallet.");
  try {
    const [address] = await wallet.accounts(true);
    state.chainId = await wallet.chainID();
    setAddress(address ?? null);
    if (!address) show("error", "The wallet shared no account.");
    return !!address;
  } catch (err) {
    show("error", wallet.walletMessage(err));
    return false;
  }
}

async function signIn() {
  show("signing-in", "Sign the message in your wallet. Signing is free and sends no transaction.");
  try {
    state.chainId = await wallet.chainID();
    const s = await wallet.signIn(state.address, state.chainId);
    saveSession({ address: s.address, session: s.session, expires_at: s.expires_at });
    renderWallet();
    return true;
  } catch (err) {
    const target = state.assets.flatMap((a) => chains(a.policy))[0];
    if (err instanceof APIError && err.code === "chain_not_accepted" && target !== undefined) {
      show("wrong-chain", `This site does not accept sign-in on ${chainName(state.chainId)}. Switch your wallet to ${chainName(target)}, then sign in.`,
        { label: `Switch to ${chainName(target)}`, run: () => switchTo(target, signInButton) });
    } else {
      show("error", `Sign-in failed: ${reason(err)}`);
    }
    return false;
  }
}

async function switchTo(id, then) {
  try {
    await wallet.switchChain(id);
    state.chainId = await wallet.chainID();
    renderWallet();
  } catch (err) {
    show("error", `The wallet did not switch network: ${wallet.walletMessage(err)}`);
    return;
  }
  then();
}

// play walks a viewer from wherever they are to a playing video: wallet,
// network, sign-in, playback token, hls.js.
async function play(asset, retried = false) {
  const run = ++state.run;
  const stale = () => run !== state.run;
  player.stop();
  ui.video.hidden = true;
  state.current = asset;
  if (!wallet.provider()) return showNoWallet();
  if (!state.address && !(await connect())) return;
  const need = chains(asset.policy);
  if (stale()) return;
  if (need.length > 0 && !need.includes(state.chainId)) {
    return show("wrong-chain", `To watch ${quoted(asset)}, you need to ${describe(asset.policy)}. Your wallet is on ${chainName(state.chainId)}.`,
      { label: `Switch to ${chainName(need[0])}`, run: () => switchTo(need[0], () => play(asset)) });
  }
  if (!signedIn() && !(await signIn())) return;
  if (stale()) return;
  show("loading", `Getting a playback pass for ${quoted(asset)}…`);
  let grant;
  try {
    grant = await api("POST", `/playback/${encodeURIComponent(asset.id)}`, { bearer: state.session.session });
  } catch (err) {
    if (stale()) return;
    if (err.status === 403) {
      return show("not-holder", `To watch ${quoted(asset)}, this wallet (${short(state.address)}) needs to ${err.message.replace(/\.$/, "")}. `
        + "Switch to an account that has it, or get one, then press Play again.");
    }
    if (err.status === 401 && !retried) {
      saveSession(null); // expired or from another signer key: sign in again
      renderWallet();
      return play(asset, true);
    }
    return show("error", `No playback pass for ${quoted(asset)}: ${reason(err)}`);
  }
  if (stale()) return;
  show("loading", `Starting ${quoted(asset)}…`);
  try {
    player.play(grant.hls);
  } catch (err) {
    show("error", err.message);
  }
}

async function listAssets() {
  try {
    state.assets = await api("GET", "/api/assets");
    renderAssets();
  } catch (err) {
    ui.assets.setAttribute("aria-busy", "false");
    ui.empty.hidden = false;
    ui.empty.textContent = `The list of videos cannot be loaded: ${reason(err)}`;
  }
}

function listen(p) {
  p.on?.("accountsChanged", (list) => {
    const address = list?.[0] ? wallet.checksum(list[0]) : null;
    if (address === state.address) return;
    state.run++;
    player.stop();
    ui.video.hidden = true;
    setAddress(address);
    show("idle", address ? "The wallet switched account: sign in with it to watch." : "The wallet disconnected.");
  });
  p.on?.("chainChanged", (hex) => {
    state.chainId = Number.parseInt(hex, 16);
    renderWallet();
  });
}

const busy = (button, fn) => async () => {
  button.disabled = true;
  try {
    await fn();
  } finally {
    button.disabled = false;
  }
};

const signInButton = async () => {
  if (await signIn()) show("idle", "Signed in. Choose a video.");
};

ui.connect.onclick = busy(ui.connect, async () => {
  if (await connect()) show("idle", "Wallet connected. Sign in, then choose a video.");
});
ui.signin.onclick = busy(ui.signin, signInButton);
ui.signout.onclick = () => {
  state.run++;
  player.stop();
  ui.video.hidden = true;
  saveSession(null);
  renderWallet();
  show("idle", "Signed out.");
};

async function init() {
  const listing = listAssets();
  if (!window.ethers || !window.Hls) {
    show("error", "The page's player libraries did not load from /vendor/: the server needs `make deps`.");
  }
  const p = wallet.provider();
  if (!p) {
    renderWallet();
    if (window.ethers && window.Hls) showNoWallet();
    return listing;
  }
  listen(p);
  state.session = loadSession();
  try {
    const [address] = await wallet.accounts(false);
    state.chainId = await wallet.chainID();
    setAddress(address ?? null);
  } catch (err) {
    renderWallet();
    show("error", reason(err));
  }
  return listing;
}

init();
