// The watch page: list the assets, connect a wallet, sign in, play, all
// through the player SDK (/sdk/v1/streamgate.js, the edge's copy of
// @streamgate/player) with hls.js from /vendor.
// States shown in #status (data-state): idle, no-wallet, connecting,
// signing-in, wrong-chain, not-holder, loading, ready, playing, ended,
// revoked, error.

import { StreamGate } from "/sdk/v1/streamgate.js";
import { chainName, chains, describe } from "./policy.js";

const $ = (id) => document.getElementById(id);
const ui = {
  walletText: $("wallet-text"), connect: $("connect"), signin: $("signin"), signout: $("signout"),
  notice: $("notice"), status: $("status"), title: $("status-title"), text: $("status-text"),
  action: $("status-action"), video: $("video"), assets: $("assets"), empty: $("assets-empty"),
};

// The session is kept for this tab only (sessionStorage). Players fetch at
// most 10 s ahead, so a revoked viewer stops within about that.
const sg = new StreamGate({ signer: location.origin, provider: window.ethereum, storage: "session", maxBufferSeconds: 10 });

const state = {
  assets: [],
  current: null, // the asset asked for last
  playback: null, // the SDK's Playback while one runs
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

const quoted = (a) => `“${a.title || a.id}”`;
const short = (address) => `${address.slice(0, 6)}…${address.slice(-4)}`;

function stopPlayback() {
  state.playback?.stop();
  state.playback = null;
  ui.video.hidden = true;
}

// What happens during playback arrives as SDK events; errors of a flow
// still running (sign-in, the grant) are handled where it awaits them.
const playingAsset = (e) => state.playback && e.asset === state.current?.id;
sg.on("playing", (e) => playingAsset(e) && show("playing", quoted(state.current)));
sg.on("blocked", (e) => playingAsset(e) && show("ready", `Press play on the video to start ${quoted(state.current)}.`));
sg.on("ended", (e) => {
  const a = state.current;
  if (playingAsset(e)) show("ended", `${quoted(a)} has ended.`, { label: "Play again", run: () => play(a) });
});
sg.on("renewed", (e) => {
  if (playingAsset(e)) ui.video.dataset.renewals = String(Number(ui.video.dataset.renewals ?? 0) + 1);
});
sg.on("revoked", (e) => {
  if (!playingAsset(e)) return;
  const a = state.current;
  stopPlayback();
  show("revoked", `The edge stopped ${quoted(a)} because this wallet no longer qualifies: it needs to ${describe(a.policy)}.`,
    { label: "Check again", run: () => play(a) });
});
for (const type of ["token_expired", "too_many_streams", "chain_unavailable", "wrong_chain", "policy_unmet", "error"]) {
  sg.on(type, (e) => {
    if (!playingAsset(e)) return;
    const a = state.current;
    stopPlayback();
    renderWallet();
    if (type === "token_expired") show("error", "Your session has expired: sign in again to go on watching.", { label: "Sign in", run: () => play(a) });
    else show("error", e.message);
  });
}
sg.on("accountchanged", (e) => {
  state.run++;
  stopPlayback();
  renderWallet();
  show("idle", e.address ? "The wallet switched account: sign in with it to watch." : "The wallet disconnected.");
});
sg.on("chainchanged", () => renderWallet());

function renderWallet() {
  const has = !!window.ethereum;
  const inside = sg.signedIn && !!sg.address;
  ui.connect.hidden = !has || !!sg.address;
  ui.signin.hidden = !sg.address || inside;
  ui.signout.hidden = !inside;
  ui.walletText.title = sg.address ?? "";
  if (!has) ui.walletText.textContent = "No wallet found";
  else if (!sg.address) ui.walletText.textContent = "Wallet not connected";
  else ui.walletText.textContent = `${inside ? "Signed in as" : "Connected:"} ${short(sg.address)} on ${chainName(sg.chainId)}`;
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
  li.append(delivery(a));
  const actions = document.createElement("div");
  actions.className = "actions";
  actions.append(play_);
  const get = getPass(a);
  if (get) actions.append(get);
  li.append(needs, actions);
  return li;
}

// deliveries say how an asset reaches the viewer (/api/assets' delivery).
const deliveries = {
  cdn: ["CDN delivery", "encrypted segments from a shared cache, keys through the gate"],
  edge: ["Edge delivery", "every request through the gate"],
};

function delivery(a) {
  const [name, how] = deliveries[a.delivery] ?? deliveries.edge;
  const p = document.createElement("p");
  p.className = "delivery";
  p.dataset.delivery = a.delivery === "cdn" ? "cdn" : "edge";
  const label = document.createElement("span");
  label.textContent = `${name}: `;
  p.append(label, how);
  return p;
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
    await sg.connect();
    renderWallet();
    return true;
  } catch (err) {
    renderWallet();
    show("error", err.message);
    return false;
  }
}

async function signIn() {
  show("signing-in", "Sign the message in your wallet. Signing is free and sends no transaction.");
  try {
    await sg.signIn();
    renderWallet();
    return true;
  } catch (err) {
    renderWallet();
    const target = state.assets.flatMap((a) => chains(a.policy))[0];
    if (err.type === "wrong_chain" && target !== undefined) {
      show("wrong-chain", `This site does not accept sign-in on ${chainName(sg.chainId)}. Switch your wallet to ${chainName(target)}, then sign in.`,
        { label: `Switch to ${chainName(target)}`, run: () => switchTo(target, signInButton) });
    } else {
      show("error", `Sign-in failed: ${err.message}`);
    }
    return false;
  }
}

async function switchTo(id, then) {
  try {
    await sg.switchChain(id);
    renderWallet();
  } catch (err) {
    show("error", `The wallet did not switch network: ${err.message}`);
    return;
  }
  then();
}

// play walks a viewer from wherever they are to a playing video: wallet,
// network, sign-in, then the SDK's grant and player.
async function play(asset, retried = false) {
  const run = ++state.run;
  const stale = () => run !== state.run;
  stopPlayback();
  state.current = asset;
  if (!window.ethereum) return showNoWallet();
  if (!sg.address && !(await connect())) return;
  const need = chains(asset.policy);
  if (stale()) return;
  if (need.length > 0 && !need.includes(sg.chainId)) {
    return show("wrong-chain", `To watch ${quoted(asset)}, you need to ${describe(asset.policy)}. Your wallet is on ${chainName(sg.chainId)}.`,
      { label: `Switch to ${chainName(need[0])}`, run: () => switchTo(need[0], () => play(asset)) });
  }
  if (!sg.signedIn && !(await signIn())) return;
  if (stale()) return;
  show("loading", `Getting a playback pass for ${quoted(asset)}…`);
  let playback;
  try {
    playback = await sg.play(ui.video, asset.id, { player: window.Hls });
  } catch (err) {
    if (stale()) return;
    if (err.type === "policy_unmet") {
      return show("not-holder", `To watch ${quoted(asset)}, this wallet (${short(sg.address)}) needs to ${err.message.replace(/\.$/, "")}. `
        + "Switch to an account that has it, or get one, then press Play again.");
    }
    if (err.type === "token_expired" && !retried) {
      renderWallet(); // expired or from another signer key: sign in again
      return play(asset, true);
    }
    return show("error", `No playback pass for ${quoted(asset)}: ${err.message}`);
  }
  if (stale()) return playback.stop();
  state.playback = playback;
  ui.video.hidden = false;
  if (ui.status.dataset.state === "loading") show("loading", `Starting ${quoted(asset)}…`);
}

// getJSON reads one of the page's own JSON routes; errors carry the
// server's message.
async function getJSON(path) {
  let res;
  try {
    res = await fetch(path);
  } catch {
    throw new Error("The server cannot be reached. Check your connection and try again.");
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error(data?.message ?? `${res.status} ${res.statusText}`);
  return data;
}

async function listAssets() {
  try {
    state.assets = await getJSON("/api/assets");
    renderAssets();
  } catch (err) {
    ui.assets.setAttribute("aria-busy", "false");
    ui.empty.hidden = false;
    ui.empty.textContent = `The list of videos cannot be loaded: ${err.message}`;
  }
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
  stopPlayback();
  sg.signOut();
  renderWallet();
  show("idle", "Signed out.");
};

async function init() {
  const listing = listAssets();
  if (!window.Hls) {
    show("error", "The page's player library did not load from /vendor/: the server needs `make deps`.");
  }
  if (!window.ethereum) {
    renderWallet();
    if (window.Hls) showNoWallet();
    return listing;
  }
  try {
    await sg.connect({ prompt: false }); // an account already shared: no prompt
  } catch {
    // shown by renderWallet as not connected
  }
  renderWallet();
  return listing;
}

init();
