// The viewer side of .ci/first-contact: an independent client (the siwe npm
// package builds the EIP-4361 message, ethers signs it) that signs in to a
// running `make run` demo, gets a playback grant and fetches the HLS master
// playlist, a media playlist, its init segment and its first segment.
//
// Usage: node first-contact.mjs DEMO_JSON (the demo's .streamgate/demo.json:
// edge_url, chain_id, asset, viewer_key). Prints one "first contact: ok" line,
// or exits 1 naming the step, the status and the body that failed.

import { readFileSync } from "node:fs";
import { Wallet } from "ethers";
import { SiweMessage } from "siwe";

const STEP_MS = 20_000;

function fail(step, detail) {
  console.error(`first contact: ${step}: ${detail}`);
  process.exit(1);
}

// call fetches url and returns {res, body}; any answer but 200 with a
// non-empty body fails the step.
async function call(step, url, init = {}) {
  let res;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(STEP_MS) });
  } catch (err) {
    fail(step, `${url}: ${err.message}`);
  }
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200 || body.length === 0) {
    fail(step, `${url}: status ${res.status}, ${body.length} bytes: ${body.toString("utf8", 0, 300)}`);
  }
  return { res, body };
}

async function callJSON(step, url, init) {
  const { body } = await call(step, url, init);
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    fail(step, `${url}: not JSON: ${body.toString("utf8", 0, 300)}`);
  }
}

// uris returns a playlist's URI lines and EXT-X-MAP URIs, resolved against base.
function uris(step, base, text) {
  if (!text.startsWith("#EXTM3U")) fail(step, `${base}: not an HLS playlist: ${text.slice(0, 200)}`);
  const out = { maps: [], lines: [] };
  for (const line of text.split("\n").map((l) => l.trim())) {
    const map = line.match(/^#EXT-X-MAP:.*URI="([^"]+)"/);
    if (map) out.maps.push(new URL(map[1], base).href);
    else if (line && !line.startsWith("#")) out.lines.push(new URL(line, base).href);
  }
  return out;
}

const factsPath = process.argv[2];
if (!factsPath) fail("usage", "node first-contact.mjs DEMO_JSON");
let facts;
try {
  facts = JSON.parse(readFileSync(factsPath, "utf8"));
} catch (err) {
  fail("reading the demo facts", err.message);
}
const edge = new URL(facts.edge_url);
const wallet = new Wallet(facts.viewer_key);

const { nonce } = await callJSON("nonce", new URL("/auth/nonce", edge));
const message = new SiweMessage({
  domain: edge.host,
  address: wallet.address,
  statement: "Sign in to watch.",
  uri: edge.origin,
  version: "1",
  chainId: facts.chain_id,
  nonce,
  issuedAt: new Date().toISOString(),
}).prepareMessage();
const signature = await wallet.signMessage(message);
const session = await callJSON("sign-in", new URL("/auth/verify", edge), {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ message, signature }),
});
if (!session.session || session.address?.toLowerCase() !== wallet.address.toLowerCase()) {
  fail("sign-in", `unexpected session ${JSON.stringify(session)}`);
}

const grant = await callJSON("playback", new URL(`/playback/${encodeURIComponent(facts.asset)}`, edge), {
  method: "POST",
  headers: { Authorization: `Bearer ${session.session}` },
});
if (!grant.hls) fail("playback", `no hls URL in ${JSON.stringify(grant)}`);

const masterURL = new URL(grant.hls, edge).href;
const master = uris("master playlist", masterURL, (await call("master playlist", masterURL)).body.toString("utf8"));
if (master.lines.length === 0) fail("master playlist", `${masterURL} lists no media playlist`);
const mediaURL = master.lines[0];
const media = uris("media playlist", mediaURL, (await call("media playlist", mediaURL)).body.toString("utf8"));
if (media.lines.length === 0) fail("media playlist", `${mediaURL} lists no segment`);
let bytes = 0;
for (const url of [...media.maps.slice(0, 1), media.lines[0]]) {
  bytes += (await call("segment", url)).body.length;
}
console.log(`first contact: ok: signed in as ${wallet.address}, played ${facts.asset} ` +
  `(${master.lines.length} renditions; init + first segment ${bytes} bytes) from ${edge.origin}`);
