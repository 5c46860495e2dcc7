// The test dApp (served by TestBrowserDApp*'s own server, another origin than
// the edge): loads the player library the query names from this site, the
// SDK from the edge's /sdk/v1/streamgate.js, signs in through the injected
// wallet and plays. Everything the driver (testdata/browser/dapp.mjs) checks
// is in window.dapp; body[data-state] follows the last step.
//
// Query: edge (the edge's base URL, required), player (hls | dash | shaka |
// native | unknown, an object that is no player library), format (hls |
// dash | any other word; default the SDK's), asset, buffer
// (maxBufferSeconds), signer (default: none given, so the SDK takes the
// origin it was loaded from), direct (present: call play at once, leaving
// connect and sign-in to it).

const q = new URLSearchParams(location.search);
const edge = q.get("edge");
const player = q.get("player") ?? "hls";
const video = document.getElementById("video");

// The players' browser builds, as npm installs them (pinned in package.json).
const libraries = {
  hls: ["/vendor/hls.js/dist/hls.min.js", () => window.Hls],
  dash: ["/vendor/dashjs/dist/modern/umd/dash.all.min.js", () => window.dashjs],
  shaka: ["/vendor/shaka-player/dist/shaka-player.compiled.js", () => window.shaka],
};

const TYPES = ["signedin", "playing", "renewed", "ended", "policy_unmet", "revoked", "too_many_streams",
  "token_expired", "chain_unavailable", "wrong_chain", "error"];

const dapp = (window.dapp = {
  state: "loading", events: [], failure: null,
  // Playback health, sampled every 100 ms once playing: the longest time
  // currentTime stood still while the video was neither paused nor ended,
  // the media buffered ahead of the playhead, and the playhead (events
  // carry the last two: an error event comes after the SDK stopped the
  // player).
  maxStallMs: 0, bufferAhead: 0, playhead: 0, waits: 0, maxWaitMs: 0, maxFrameGapMs: 0,
});

function setState(s) {
  dapp.state = s;
  document.body.dataset.state = s;
}

function log(line) {
  document.getElementById("log").textContent += `${line}\n`;
}

function bufferAhead() {
  const t = video.currentTime;
  for (let i = 0; i < video.buffered.length; i++) {
    if (video.buffered.start(i) <= t + 0.1 && t <= video.buffered.end(i)) return video.buffered.end(i) - t;
  }
  return 0;
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`loading ${src} failed`));
    document.head.append(s);
  });
}

// Waits: each `waiting` after playback began (the player ran dry) until
// the next `playing`, timed to the millisecond.
function timeWaits() {
  let since = null;
  video.addEventListener("waiting", () => {
    if (dapp.events.some((e) => e.type === "playing")) since ??= performance.now();
  });
  video.addEventListener("playing", () => {
    if (since === null) return;
    dapp.waits++;
    dapp.maxWaitMs = Math.max(dapp.maxWaitMs, performance.now() - since);
    since = null;
  });
}

// Frame gaps: the longest time between two presented video frames while
// playing (40 ms at 25 fps when smooth), from requestVideoFrameCallback.
function timeFrames() {
  let last = null;
  const onFrame = (now) => {
    if (last !== null && !video.paused && dapp.events.some((e) => e.type === "playing")) {
      dapp.maxFrameGapMs = Math.max(dapp.maxFrameGapMs, now - last);
    }
    last = video.paused ? null : now;
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  video.addEventListener("pause", () => { last = null; });
}

function sample() {
  let last = -1;
  let still = null;
  setInterval(() => {
    if (!dapp.events.some((e) => e.type === "playing")) return;
    const now = performance.now();
    const t = video.currentTime;
    if (!video.paused && !video.ended && t === last) {
      still ??= now;
      dapp.maxStallMs = Math.max(dapp.maxStallMs, now - still);
    } else {
      still = null;
    }
    last = t;
    dapp.bufferAhead = bufferAhead();
    dapp.playhead = t;
  }, 100);
}

async function main() {
  if (!edge) throw new Error("no ?edge=");
  let lib;
  if (player === "unknown") {
    lib = { version: "1.0.0", load() {} };
  } else if (player !== "native") {
    const [src, get] = libraries[player] ?? [];
    if (!src) throw new Error(`unknown player ${player}`);
    await loadScript(src);
    lib = get();
  }
  const { StreamGate } = await import(new URL("/sdk/v1/streamgate.js", edge).href);
  const options = { provider: window.ethereum };
  if (q.has("signer")) options.signer = q.get("signer");
  if (q.has("buffer")) options.maxBufferSeconds = Number(q.get("buffer"));
  const sg = new StreamGate(options);
  dapp.sg = sg;
  for (const type of TYPES) {
    sg.on(type, (e) => {
      const { code, status, message, asset } = e;
      dapp.events.push({ type, code, status, message, asset, at: Date.now(), bufferAhead: dapp.bufferAhead, playhead: dapp.playhead });
      log(`${type} ${status ?? ""} ${code ?? ""} ${message ?? ""}`);
      setState(type);
    });
  }
  sample();
  timeWaits();
  timeFrames();
  if (!q.has("direct")) {
    setState("connecting");
    await sg.connect();
    setState("signing-in");
    await sg.signIn();
  }
  setState("starting");
  const opts = { player: lib };
  if (q.has("format")) opts.format = q.get("format");
  dapp.playback = await sg.play(video, q.get("asset") ?? "clip", opts);
}

main().catch((err) => {
  dapp.failure = `${err?.name ?? "Error"}: ${err?.message ?? err}${err?.code !== undefined ? ` (code ${err.code})` : ""}`;
  log(`failed: ${dapp.failure}`);
  setState("failed");
});
