// @streamgate/player: sign a viewer in with their wallet (EIP-4361) against a
// StreamGate signer and play token-gated video with the player library the
// page brings (hls.js, dash.js, Shaka) or native HLS, renewing the playback
// token while it plays. One dependency-free ES module; the protocol is
// docs/protocol.md of the StreamGate repository.

export const version = "1.0.0";

// StreamGateError is what a method rejects with: the same fields as the error
// event it also emits (type, code, status, message, asset, chainId).
export class StreamGateError extends Error {
  constructor(event) {
    super(event.message);
    this.name = "StreamGateError";
    Object.assign(this, event);
  }
}

// typeOf maps a signer or edge answer (HTTP status and JSON error code) to
// the event type a page shows; playing says whether a player was running.
function typeOf(status, code, playing) {
  switch (code) {
    case "policy_unmet":
      return playing ? "revoked" : "policy_unmet";
    case "revoked":
      return "revoked";
    case "too_many_streams":
      return "too_many_streams";
    case "chain_unavailable":
      return "chain_unavailable";
    case "chain_not_accepted":
      return "wrong_chain";
    case "token_expired":
    case "invalid_token":
      return "token_expired";
  }
  if (status === 429 && code !== "rate_limited" && code !== "too_many_requests") return "too_many_streams";
  return "error";
}

// walletWords turns an EIP-1193 provider error into words for a viewer.
function walletWords(err) {
  switch (err?.code) {
    case 4001:
      return "You declined the request in your wallet.";
    case 4100:
      return "The wallet has not authorised this site: connect it again.";
    case 4902:
      return "Your wallet does not know that network yet: add it in the wallet, then try again.";
    case -32002:
      return "Your wallet already has a request waiting: open it to answer.";
    default:
      return err?.message || String(err);
  }
}

function walletCode(err) {
  switch (err?.code) {
    case 4001:
      return "wallet_rejected";
    case 4100:
      return "wallet_unauthorized";
    case 4902:
      return "unknown_chain";
    case -32002:
      return "wallet_busy";
    default:
      return "wallet_error";
  }
}

function utf8Hex(text) {
  let hex = "0x";
  for (const b of new TextEncoder().encode(text)) hex += b.toString(16).padStart(2, "0");
  return hex;
}

// claimsOf decodes a JWT's payload without verifying it: the SDK only needs
// iat and exp to time a renewal; the edge and signer verify.
function claimsOf(token) {
  try {
    const b64 = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)));
  } catch {
    return {};
  }
}

// parseError reads the {"error","message"} body every StreamGate layer
// answers; anything else keeps the status alone.
function parseError(status, body) {
  let text = body;
  if (body instanceof ArrayBuffer) text = new TextDecoder().decode(body);
  else if (ArrayBuffer.isView(body)) text = new TextDecoder().decode(body);
  if (typeof text === "string") {
    try {
      const j = JSON.parse(text);
      if (j && typeof j.error === "string") return { status, code: j.error, message: j.message ?? j.error };
    } catch {
      // not JSON: a proxy's page
    }
  }
  return { status, code: `http_${status}`, message: `HTTP ${status}` };
}

// moduleOrigin is where this file was loaded from, when that is a web origin.
function moduleOrigin() {
  try {
    const u = new URL(import.meta.url);
    if (u.protocol === "http:" || u.protocol === "https:") return u.origin;
  } catch {
    // bundled without import.meta.url
  }
  return globalThis.location?.origin;
}

const trimSlash = (u) => String(u).replace(/\/+$/, "");

// renewAt is when to renew a playback token: at half its lifetime, and at
// least 10 s before exp, but not in the past (ms since the epoch).
function renewAt(token) {
  const { iat, exp } = claimsOf(token);
  if (!Number.isFinite(exp)) return Date.now() + 60_000;
  const half = Number.isFinite(iat) ? (iat + (exp - iat) / 2) * 1000 : exp * 1000 - 10_000;
  return Math.max(Date.now() + 1000, Math.min(half, exp * 1000 - 10_000));
}

export class StreamGate {
  constructor(options = {}) {
    const o = options;
    this.signerURL = trimSlash(o.signer ?? moduleOrigin());
    this.edgeURL = trimSlash(o.edge ?? this.signerURL);
    this.provider = o.provider ?? globalThis.ethereum ?? null;
    this.statement = o.statement ?? "Sign in to watch.";
    this.maxBufferSeconds = o.maxBufferSeconds ?? 30;
    if (!(this.maxBufferSeconds > 0)) throw new TypeError("maxBufferSeconds: want a number of seconds > 0");
    if (o.storage !== undefined && o.storage !== "memory" && o.storage !== "session") {
      throw new TypeError('storage: want "memory" or "session"');
    }
    this.storageKey = o.storage === "session" ? `streamgate.session:${this.signerURL}` : null;
    this.listeners = new Map();
    this.playbacks = new Set();
    this.address = null;
    this.chainId = null;
    this.session = this.loadSession();
    this.watchProvider();
  }

  get signedIn() {
    const s = this.session;
    return !!s && (!this.address || s.address.toLowerCase() === this.address.toLowerCase())
      && Date.parse(s.expires_at) > Date.now() + 5000;
  }

  on(type, listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(listener);
    return this;
  }

  off(type, listener) {
    this.listeners.get(type)?.delete(listener);
    return this;
  }

  emit(event) {
    for (const l of [...(this.listeners.get(event.type) ?? [])]) {
      try {
        l(event);
      } catch (err) {
        // a page's listener must not break the SDK
        setTimeout(() => {
          throw err;
        });
      }
    }
    return event;
  }

  // fail emits an error event and returns the error to throw.
  fail(fields) {
    const err = new StreamGateError(this.emit({ status: 0, asset: undefined, ...fields }));
    err.emittedOnce = true;
    return err;
  }

  watchProvider() {
    const p = this.provider;
    if (!p?.on) return;
    p.on("accountsChanged", async (list) => {
      const a = list?.[0] ?? null;
      if ((a ?? "").toLowerCase() === (this.address ?? "").toLowerCase()) return;
      this.address = a;
      this.stopAll();
      if (this.session && a?.toLowerCase() !== this.session.address.toLowerCase()) this.saveSession(null);
      if (a) {
        try {
          const sum = await this.checksum(a); // wallets often give lowercase
          if (this.address?.toLowerCase() !== a.toLowerCase()) return; // switched again meanwhile
          this.address = sum;
        } catch {
          // emitted; the wallet's spelling stays until the next sign-in
        }
      }
      this.emit({ type: "accountchanged", address: this.address });
    });
    p.on("chainChanged", (hex) => {
      this.chainId = Number.parseInt(hex, 16);
      this.emit({ type: "chainchanged", chainId: this.chainId });
    });
  }

  async request(method, params) {
    if (!this.provider) {
      throw this.fail({ type: "error", code: "no_wallet", message: "No browser wallet (EIP-1193) was found." });
    }
    try {
      return await this.provider.request(params === undefined ? { method } : { method, params });
    } catch (err) {
      throw this.fail({ type: "error", code: walletCode(err), message: walletWords(err), walletError: err });
    }
  }

  // call sends a JSON request to base+path; a failure is an error event of
  // the type the answer's code maps to.
  async call(base, method, path, { body, bearer, asset, playing = false } = {}) {
    const headers = {};
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    let res;
    try {
      res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw this.fail({ type: "error", code: "network", message: "The server cannot be reached. Check your connection and try again.", asset });
    }
    const text = await res.text().catch(() => "");
    if (!res.ok) {
      const e = parseError(res.status, text);
      throw new StreamGateError({ type: typeOf(e.status, e.code, playing), ...e, asset });
    }
    try {
      return JSON.parse(text);
    } catch {
      throw this.fail({ type: "error", code: "bad_answer", status: res.status, message: "The server's answer is not JSON.", asset });
    }
  }

  // emitted rethrows err after emitting it (errors from call are not yet).
  emitted(err) {
    if (err instanceof StreamGateError && !err.emittedOnce) {
      err.emittedOnce = true;
      this.emit({ type: err.type, code: err.code, status: err.status, message: err.message, asset: err.asset, chainId: err.chainId });
    }
    return err;
  }

  // connect asks the wallet for its account (eth_requestAccounts, which may
  // prompt) and resolves to its EIP-55 form; with { prompt: false } it only
  // reads an account already shared (eth_accounts) and resolves to null if
  // there is none.
  async connect({ prompt = true } = {}) {
    const list = await this.request(prompt ? "eth_requestAccounts" : "eth_accounts");
    if (!list?.[0] && !prompt) return null;
    if (!list?.[0]) throw this.fail({ type: "error", code: "no_account", message: "The wallet shared no account." });
    this.chainId = Number.parseInt(await this.request("eth_chainId"), 16);
    this.address = await this.checksum(list[0]);
    if (this.session && this.session.address.toLowerCase() !== this.address.toLowerCase()) this.saveSession(null);
    return this.address;
  }

  // checksum asks the signer for the EIP-55 form (GET /auth/nonce?address=)
  // and keeps the nonce for the sign-in that usually follows.
  async checksum(address) {
    try {
      const n = await this.call(this.signerURL, "GET", `/auth/nonce?address=${encodeURIComponent(address)}`);
      this.nonce = { ...n, at: Date.now() };
      return n.address;
    } catch (err) {
      throw this.emitted(err);
    }
  }

  async switchChain(chainId) {
    try {
      await this.request("wallet_switchEthereumChain", [{ chainId: `0x${Number(chainId).toString(16)}` }]);
    } catch (err) {
      if (err.code === "unknown_chain") err.chainId = chainId;
      throw err;
    }
    this.chainId = Number.parseInt(await this.request("eth_chainId"), 16);
    return this.chainId;
  }

  // signIn signs a fresh EIP-4361 message for this page (location.host,
  // location.origin) with personal_sign and trades it at the signer for a
  // session. options.chainId: the chain the page needs; a wallet elsewhere
  // gets a wrong_chain event instead of a signature request.
  async signIn(options = {}) {
    if (!this.address) await this.connect();
    this.chainId = Number.parseInt(await this.request("eth_chainId"), 16);
    const want = options.chainId;
    if (want !== undefined && want !== this.chainId) {
      throw this.fail({ type: "wrong_chain", code: "wrong_chain", chainId: want, message: `Switch the wallet to chain ${want}.` });
    }
    try {
      let n = this.nonce;
      this.nonce = null;
      if (!n || n.address.toLowerCase() !== this.address.toLowerCase() || Date.now() - n.at > 60_000) {
        n = await this.call(this.signerURL, "GET", `/auth/nonce?address=${encodeURIComponent(this.address)}`);
      }
      this.address = n.address;
      const message = `${location.host} wants you to sign in with your Ethereum account:
${n.address}

${this.statement}

URI: ${location.origin}
Version: 1
Chain ID: ${this.chainId}
Nonce: ${n.nonce}
Issued At: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}`;
      const signature = await this.request("personal_sign", [utf8Hex(message), n.address]);
      const s = await this.call(this.signerURL, "POST", "/auth/verify", { body: { message, signature } });
      this.saveSession(s);
      this.emit({ type: "signedin", address: s.address, expires_at: s.expires_at });
      return { address: s.address, expires_at: s.expires_at };
    } catch (err) {
      if (err.type === "wrong_chain") err.chainId = want;
      throw this.emitted(err);
    }
  }

  signOut() {
    this.stopAll();
    this.saveSession(null);
  }

  stopAll() {
    for (const p of [...this.playbacks]) p.stop();
  }

  loadSession() {
    if (!this.storageKey) return null;
    try {
      return JSON.parse(sessionStorage.getItem(this.storageKey));
    } catch {
      return null;
    }
  }

  saveSession(s) {
    this.session = s ? { address: s.address, session: s.session, expires_at: s.expires_at } : null;
    if (!this.storageKey) return;
    try {
      if (s) sessionStorage.setItem(this.storageKey, JSON.stringify(this.session));
      else sessionStorage.removeItem(this.storageKey);
    } catch {
      // storage disabled: the session stays in memory
    }
  }

  // grant asks the signer for a playback token: a new one, or, with renew,
  // a successor of that token in the same playback session (sid).
  async grant(asset, renew, playing) {
    if (!this.signedIn) {
      this.saveSession(null);
      throw new StreamGateError({ type: "token_expired", code: "token_expired", status: 401, message: "Sign in again: the session has expired.", asset });
    }
    try {
      return await this.call(this.signerURL, "POST", `/playback/${encodeURIComponent(asset)}`, {
        bearer: this.session.session, body: renew ? { renew } : undefined, asset, playing,
      });
    } catch (err) {
      if (err.status === 401) this.saveSession(null);
      throw err;
    }
  }

  // play gets a playback token for asset and plays it in video with
  // options.player (hls.js's Hls, dash.js's dashjs, Shaka's shaka) or, when
  // omitted, native HLS. Resolves to a Playback once the player is attached.
  // Arguments are checked first, before any sign-in or wallet prompt: a bad
  // one rejects with, and emits, an error of code bad_argument.
  async play(video, asset, options = {}) {
    let kind, format;
    try {
      ({ kind, format } = playArgs(video, asset, options));
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
      throw this.fail({ type: "error", code: "bad_argument", message: err.message, asset: typeof asset === "string" ? asset : undefined });
    }
    for (const p of [...this.playbacks]) if (p.video === video) p.stop();
    try {
      if (!kind) {
        throw new StreamGateError({ type: "error", code: "no_player", status: 0, asset,
          message: "This browser cannot play HLS natively: pass a player library (hls.js, dash.js or Shaka)." });
      }
      if (!this.signedIn) await this.signIn();
      const g = await this.grant(asset, null, false);
      const p = new Playback(this, video, asset, kind, options.player, format, g);
      this.playbacks.add(p);
      p.start();
      return p;
    } catch (err) {
      throw this.emitted(err);
    }
  }
}

// assetRe is the edge's asset id grammar (docs/protocol.md).
const assetRe = /^[a-z0-9][a-z0-9_-]{0,63}$/;

// playArgs checks play's arguments and returns the player kind (null: no
// library and no native HLS) and the format; a bad argument is a TypeError
// naming it.
function playArgs(video, asset, options) {
  if (typeof video?.canPlayType !== "function") throw new TypeError("video: want a <video> element");
  if (typeof asset !== "string" || !assetRe.test(asset)) {
    throw new TypeError(`asset: want an asset id, [a-z0-9][a-z0-9_-]{0,63}, got ${JSON.stringify(String(asset)).slice(0, 80)}`);
  }
  if (options === null || typeof options !== "object") throw new TypeError("options: want an object");
  const kind = playerKind(options.player, video);
  const format = options.format ?? (kind === "dashjs" ? "dash" : "hls");
  if (format !== "hls" && format !== "dash") throw new TypeError(`format: want "hls" or "dash", got ${JSON.stringify(String(format)).slice(0, 40)}`);
  if (kind === "hls" && format !== "hls") throw new TypeError(`format: hls.js plays HLS only, not ${format}`);
  if (kind === "native" && format !== "hls") throw new TypeError(`format: native playback is HLS only, not ${format}: pass player`);
  if (kind === "dashjs" && format !== "dash") throw new TypeError(`format: dash.js plays DASH only, not ${format}`);
  return { kind, format };
}

// END_SLACK is how close to its duration, in seconds, a paused element is
// at its end: dash.js pauses exactly there, a viewer cannot pause closer.
const END_SLACK = 0.05;

function atEnd(v) {
  return Number.isFinite(v.duration) && v.duration > 0 && v.currentTime >= v.duration - END_SLACK;
}

function playerKind(lib, video) {
  if (lib === undefined || lib === null) return video.canPlayType("application/vnd.apple.mpegurl") ? "native" : null;
  if (typeof lib === "function" && typeof lib.isSupported === "function") return "hls";
  if (typeof lib?.MediaPlayer === "function") return "dashjs";
  if (typeof lib?.Player === "function" && lib.net) return "shaka";
  throw new TypeError("player: want hls.js's Hls, dash.js's dashjs or Shaka's shaka");
}

// Playback is one asset playing in one video element under one playback
// session (sid), its token renewed until stop.
export class Playback {
  constructor(sg, video, asset, kind, lib, format, grant) {
    this.sg = sg;
    this.video = video;
    this.asset = asset;
    this.kind = kind;
    this.lib = lib;
    this.format = format;
    this.token = grant.token;
    this.expiresAt = grant.expires_at;
    this.path = format === "dash" ? grant.dash : grant.hls;
    this.player = null;
    this.stopped = false;
    this.timer = 0;
    this.fixes401 = 0;
    // Every edge URL of this asset under any token is sent with the current one.
    this.tokenRe = new RegExp(`/t/[A-Za-z0-9_.-]+/v/${asset.replace(/[^a-z0-9_-]/g, "")}/`);
    // ended is emitted once per play-through, on whichever comes first:
    // the element's ended event, or the element paused at its end while it
    // was playing. dash.js 5 pauses it there itself (its 200 ms
    // PLAYBACK_ENDED check seeks to the period end and pauses) when it gets
    // there before the element's own end, and a paused element never fires
    // ended (HTML: ended fires only if paused is false). A pause short of
    // the end, or a seek to the end while paused, is not an end.
    this.running = false; // between the element's playing and its pause/ended
    this.endSent = false;
    this.onPlaying = () => {
      this.running = true;
      this.endSent = false;
      this.sg.emit({ type: "playing", asset });
    };
    this.onPause = () => {
      const was = this.running;
      this.running = false;
      if (was && atEnd(video)) this.end();
    };
    this.onEnded = () => {
      this.running = false;
      this.end();
    };
    this.onNativeError = () => this.nativeError();
    video.addEventListener("playing", this.onPlaying);
    video.addEventListener("pause", this.onPause);
    video.addEventListener("ended", this.onEnded);
  }

  end() {
    if (this.endSent || this.stopped) return;
    this.endSent = true;
    this.sg.emit({ type: "ended", asset: this.asset });
  }

  get url() {
    return this.sg.edgeURL + this.path;
  }

  rewrite(url) {
    return String(url).replace(this.tokenRe, `/t/${this.token}/v/${this.asset}/`);
  }

  start() {
    const mbs = this.sg.maxBufferSeconds;
    const v = this.video;
    switch (this.kind) {
      case "hls": {
        const Hls = this.lib;
        const hls = new Hls({
          maxBufferLength: mbs,
          maxMaxBufferLength: mbs,
          xhrSetup: (xhr, url) => xhr.open("GET", this.rewrite(url), true),
          fetchSetup: (ctx, init) => new Request(this.rewrite(ctx.url), init),
        });
        this.player = hls;
        hls.on(Hls.Events.ERROR, (_, data) => this.hlsError(data));
        hls.on(Hls.Events.MANIFEST_PARSED, () => this.autoplay());
        hls.loadSource(this.url);
        hls.attachMedia(v);
        break;
      }
      case "dashjs": {
        const p = this.lib.MediaPlayer().create();
        this.player = p;
        p.updateSettings({
          streaming: { buffer: { bufferTimeAtTopQuality: mbs, bufferTimeAtTopQualityLongForm: mbs, bufferTimeDefault: Math.min(12, mbs), bufferToKeep: Math.min(20, mbs) } },
        });
        p.addRequestInterceptor(async (req) => {
          req.url = this.rewrite(req.url);
          return req;
        });
        p.addResponseInterceptor(async (res) => {
          const s = res.status;
          if (s >= 400) this.lastHTTP = parseError(s, res.data);
          if (s === 401 || s === 403 || s === 429) this.httpError(this.lastHTTP);
          return res;
        });
        p.on(this.lib.MediaPlayer.events.ERROR, (e) => this.dashError(e));
        // dash.js's own end of the last period, while the element plays
        // (its pause event, which clears running, is still to come).
        p.on(this.lib.MediaPlayer.events.PLAYBACK_ENDED, (e) => {
          if (e?.isLast !== false && this.running) this.end();
        });
        p.initialize(v, this.url, true);
        break;
      }
      case "shaka": {
        const shaka = this.lib;
        shaka.polyfill?.installAll?.();
        const p = new shaka.Player();
        this.player = p;
        p.configure({ streaming: { bufferingGoal: mbs, rebufferingGoal: Math.min(2, mbs), bufferBehind: Math.min(30, mbs) } });
        const net = p.getNetworkingEngine();
        net.registerRequestFilter((_, req) => {
          req.uris = req.uris.map((u) => this.rewrite(u));
        });
        // Shaka retries an HTTP error after a backoff (~1 s) and reports it
        // after another; a 403 or 429 is a decision, not an outage: act on
        // the first refusal so that revoked and too_many_streams reach the
        // page at once, and stop the retry.
        net.addEventListener("retry", (e) => {
          const err = e.error;
          if (err?.code === 1001 && (err.data?.[1] === 403 || err.data?.[1] === 429)) {
            e.preventDefault();
            this.shakaError(err);
          }
        });
        p.addEventListener("error", (e) => this.shakaError(e.detail));
        p.attach(v)
          .then(() => p.load(this.url))
          .then(() => this.autoplay())
          .catch((err) => this.shakaError(err));
        break;
      }
      case "native":
        v.addEventListener("error", this.onNativeError);
        v.src = this.url;
        this.autoplay();
        break;
    }
    this.schedule();
  }

  autoplay() {
    if (this.stopped) return;
    this.video.play().catch((err) => {
      // Autoplay long after the click (a slow wallet) is refused: the
      // viewer starts it with the video's controls.
      if (err.name === "NotAllowedError") this.sg.emit({ type: "blocked", code: "autoplay_blocked", asset: this.asset, message: "Press play to start." });
    });
  }

  schedule() {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => this.renew(), renewAt(this.token) - Date.now());
  }

  // renew trades the current token for its successor (same sid); players
  // send it from their next request on. A refusal while playing: 403 →
  // revoked, 401 → the session expired, 5xx or network → retry until exp.
  async renew() {
    if (this.stopped) return false;
    if (this.renewing) return this.renewing;
    this.renewing = (async () => {
      try {
        const g = await this.sg.grant(this.asset, this.token, true);
        if (this.stopped) return false;
        const old = this.url;
        this.token = g.token;
        this.expiresAt = g.expires_at;
        this.path = this.format === "dash" ? g.dash : g.hls;
        if (this.kind === "native") this.swapNative(old);
        this.sg.emit({ type: "renewed", asset: this.asset, expires_at: g.expires_at });
        this.schedule();
        return true;
      } catch (err) {
        if (this.stopped) return false;
        const exp = (claimsOf(this.token).exp ?? 0) * 1000;
        if ((err.status === 0 || err.status >= 500) && err.type !== "token_expired" && Date.now() + 5000 < exp) {
          clearTimeout(this.timer);
          this.timer = setTimeout(() => this.renew(), 3000);
          return false;
        }
        if (err.type === "revoked" || err.type === "too_many_streams") this.stop();
        this.sg.emitted(err);
        return false;
      } finally {
        this.renewing = null;
      }
    })();
    return this.renewing;
  }

  // swapNative moves a native player to the new URL at the same time: it
  // cannot rewrite requests, so this is a brief reload.
  swapNative(old) {
    const v = this.video;
    if (v.src !== old && !v.src.endsWith(old)) return;
    const t = v.currentTime;
    const paused = v.paused;
    v.src = this.url;
    v.addEventListener("loadedmetadata", () => {
      v.currentTime = t;
      if (!paused) this.autoplay();
    }, { once: true });
  }

  // httpError handles an edge error answer during playback (JSON body read).
  // A 401 is tried once with a renewal; the player then retries.
  httpError(e) {
    if (this.stopped || this.failed) return;
    const type = typeOf(e.status, e.code, true);
    if (type === "token_expired" && this.fixes401 < 3) {
      this.fixes401++;
      this.renew().then((ok) => {
        if (ok && !this.stopped) this.resume();
        else if (!this.stopped) this.report({ ...e, type });
      });
      return;
    }
    this.report({ ...e, type });
  }

  // resume restarts loading after a renewal fixed a 401.
  resume() {
    if (this.kind === "hls") this.player.startLoad(this.video.currentTime);
  }

  report(e) {
    if (this.failed) return;
    this.failed = true;
    this.stop();
    this.sg.emitted(new StreamGateError({ ...e, asset: this.asset }));
  }

  hlsError(data) {
    if (this.stopped) return;
    const xhr = data.networkDetails;
    const status = data.response?.code ?? (typeof xhr?.status === "number" ? xhr.status : 0);
    // Access answers (401, 403, 429) end or fix playback at once; other
    // HTTP errors only once the player gives up.
    if (status === 401 || status === 403 || status === 429 || (data.fatal && status >= 400)) {
      let body = null;
      if (typeof XMLHttpRequest !== "undefined" && xhr instanceof XMLHttpRequest) body = xhr.responseType === "text" || xhr.responseType === "" ? xhr.responseText : xhr.response;
      else if (typeof data.response?.data === "string") body = data.response.data;
      this.httpError(parseError(status, body));
      return;
    }
    if (!data.fatal) return;
    if (data.type === this.lib.ErrorTypes.MEDIA_ERROR && !this.recovered) {
      this.recovered = true;
      this.player.recoverMediaError();
      return;
    }
    this.report({ type: "error", code: "playback_failed", status, message: `Playback failed (${data.details}).` });
  }

  dashError(e) {
    if (this.stopped || this.failed) return;
    const err = e.error ?? {};
    if (this.lastHTTP) return this.httpError(this.lastHTTP);
    this.report({ type: "error", code: "playback_failed", status: 0, message: `Playback failed (${err.message ?? err.code ?? "dash.js error"}).` });
  }

  shakaError(err) {
    if (this.stopped || !err) return;
    // shaka.util.Error BAD_HTTP_STATUS (1001): data = [uri, status, text, headers, type]
    if (err.code === 1001 && Array.isArray(err.data)) {
      this.httpError(parseError(err.data[1], err.data[2]));
      return;
    }
    if (err.code === 7000) return; // LOAD_INTERRUPTED: stopped or replaced
    if (err.severity === 1) return; // RECOVERABLE
    this.report({ type: "error", code: "playback_failed", status: 0, message: `Playback failed (Shaka error ${err.code}).` });
  }

  // nativeError: a media element hides the HTTP answer, so ask the edge
  // again for the playlist to learn why.
  async nativeError() {
    if (this.stopped) return;
    try {
      const res = await fetch(this.url);
      if (!res.ok) return this.httpError(parseError(res.status, await res.text()));
    } catch {
      // fall through
    }
    this.report({ type: "error", code: "playback_failed", status: 0, message: "The video cannot be played." });
  }

  // stop ends playback, the renewals and the player, and frees the element.
  stop() {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.sg.playbacks.delete(this);
    const v = this.video;
    v.removeEventListener("playing", this.onPlaying);
    v.removeEventListener("pause", this.onPause);
    v.removeEventListener("ended", this.onEnded);
    v.removeEventListener("error", this.onNativeError);
    try {
      if (this.kind === "hls") this.player?.destroy();
      else if (this.kind === "dashjs") this.player?.destroy();
      else if (this.kind === "shaka") this.player?.destroy();
    } catch {
      // a half-started player
    }
    this.player = null;
    v.pause();
    v.removeAttribute("src");
    v.load();
  }
}
