// Drives the watch page in Debian's headless Chromium (playwright-core) with
// an injected EIP-1193 test wallet that signs with a dev key (ethers).
// Run by TestBrowserWatchPage; exits non-zero with a message on any failure.
//
// Environment: URL (the edge, page on), HOLDER_KEY and OTHER_KEY (0x hex
// private keys: a pass holder and a wallet without the pass), CHAIN_ID,
// SCREENSHOT_DIR; SCENARIOS: "page" (default: the page's states over a 4 s
// clip) or "renewal" (a clip longer than PLAYBACK_TTL seconds, the signer's
// playback_ttl, with the edge's token leeway about 1 s).

import { mkdirSync } from "node:fs";
import path from "node:path";
import { getAddress, Wallet } from "ethers";
import { addWallet, env, expect, launch, pageLog } from "./lib.mjs";

const suite = process.env.SCENARIOS ?? "page";
const BUDGET_MS = suite === "renewal" ? 120_000 : 60_000;
const STEP_MS = 15_000;

const url = env("URL");
const chainId = Number(env("CHAIN_ID"));
const holder = new Wallet(env("HOLDER_KEY"));
const other = new Wallet(env("OTHER_KEY"));
const shots = env("SCREENSHOT_DIR");
mkdirSync(shots, { recursive: true });

const watchdog = setTimeout(() => {
  console.error(`FAIL: the browser test took longer than ${BUDGET_MS / 1000} s`);
  process.exit(3);
}, BUDGET_MS);

const browser = await launch();

// scenario runs fn in a fresh browser context (fresh storage), with a test
// wallet for key unless key is null and, for chain, the wallet's chain.
async function scenario(name, key, fn, chain = chainId) {
  const started = Date.now();
  const context = await browser.newContext({ viewport: { width: 1024, height: 720 } });
  context.setDefaultTimeout(STEP_MS);
  const signed = key ? await addWallet(context, key, chain) : [];
  const page = await context.newPage();
  const log = pageLog(page);
  try {
    await page.goto(url);
    await fn(page, signed);
    if (log.errors.length) throw new Error(`uncaught errors in the page: ${log.errors.join("; ")}`);
    console.log(`ok    ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    const shot = path.join(shots, `${name}-FAILED.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    const status = await statusOf(page).catch(() => "unknown");
    throw new Error(`${name}: ${err.message}\n  page status: ${status}\n  screenshot: ${shot}\n  ${log.lines.join("\n  ")}`);
  } finally {
    await context.close();
  }
}

async function statusOf(page) {
  return page.evaluate(() => {
    const s = document.getElementById("status");
    return `[${s.dataset.state}] ${s.textContent.trim()}`;
  });
}

// waitState waits for #status to reach state, naming where it got stuck.
async function waitState(page, state, timeout = STEP_MS) {
  try {
    await page.locator(`#status[data-state="${state}"]`).waitFor({ timeout });
  } catch {
    throw new Error(`the page did not reach state "${state}" within ${timeout} ms`);
  }
  return (await page.locator("#status").textContent()).trim();
}

const button = (page, name) => page.getByRole("button", { name, exact: true });

async function connectAndSignIn(page, key) {
  await button(page, "Connect wallet").click();
  await button(page, "Sign in").click();
  const text = page.locator("#wallet-text");
  await text.filter({ hasText: `Signed in as ${key.address.slice(0, 6)}` }).waitFor();
}

// video reads the player's element and the page's state.
function video(page) {
  return page.evaluate(() => {
    const v = document.getElementById("video");
    const q = v.getVideoPlaybackQuality();
    return {
      currentTime: v.currentTime, videoWidth: v.videoWidth, videoHeight: v.videoHeight,
      frames: q.totalVideoFrames, dropped: q.droppedVideoFrames, paused: v.paused, hidden: v.hidden,
      error: v.error ? `${v.error.code} ${v.error.message}` : null,
      state: document.getElementById("status").dataset.state,
    };
  });
}

// assertPlays checks the video really plays: time advances, frames are
// decoded, the picture has a size, and the page shows no error.
async function assertPlays(page) {
  await page.waitForFunction(() => {
    const v = document.getElementById("video");
    return v.currentTime > 0.2 && v.videoWidth > 0 && v.getVideoPlaybackQuality().totalVideoFrames > 0;
  });
  const first = await video(page);
  await page.waitForFunction((t) => document.getElementById("video").currentTime >= t + 0.4, first.currentTime);
  const then = await video(page);
  const desc = JSON.stringify(then);
  expect(then.currentTime > first.currentTime, `currentTime did not advance: ${desc}`);
  expect(then.frames > 0 && then.frames >= first.frames, `no decoded video frames: ${desc}`);
  expect(then.videoWidth > 0 && then.videoHeight > 0, `videoWidth is 0: ${desc}`);
  expect(then.error === null, `the video element has an error: ${desc}`);
  expect(["playing", "ended"].includes(then.state), `the page is in state ${then.state}: ${desc}`);
  return then;
}

const clip = (page) => button(page, "Play clip");
const shot = (page, name) => page.screenshot({ path: path.join(shots, name) });

// renewal: the playback token is renewed while the clip plays, hls.js sends
// the new token from its next request (no reload), and playback goes on
// past the first token's expiry with no error answer from the edge.
async function renewal(page) {
  const ttl = Number(env("PLAYBACK_TTL"));
  const requests = []; // {token, at} of every delivery request
  const failures = []; // delivery answers >= 400
  page.on("request", (r) => {
    const m = /\/t\/([^/]+)\/v\//.exec(r.url());
    if (m) requests.push({ token: m[1], at: Date.now(), url: r.url() });
  });
  page.on("response", (r) => {
    if (/\/t\/[^/]+\/v\//.test(r.url()) && r.status() >= 400) failures.push(`${r.status()} ${r.url().replace(/\/t\/[^/]+\//, "/t/…/")}`);
  });
  await connectAndSignIn(page, holder);
  const granted = Date.now();
  await clip(page).click();
  await waitState(page, "playing");
  const first = requests[0]?.token;
  expect(first, "no delivery request was seen");
  await page.waitForFunction(() => Number(document.getElementById("video").dataset.renewals ?? 0) >= 1, null, { timeout: ttl * 1000 });
  const renewedAt = Date.now();
  // Past the first token's exp plus the edge's leeway, in media time.
  const past = ttl + 4;
  await page.waitForFunction((t) => document.getElementById("video").currentTime >= t, past, { timeout: (past + 15) * 1000 });
  const v = await assertPlays(page);
  const renewals = await page.evaluate(() => Number(document.getElementById("video").dataset.renewals));
  const after = requests.filter((r) => r.at > renewedAt + 500);
  const stale = after.filter((r) => r.token === first);
  const lateOld = requests.filter((r) => r.at > granted + ttl * 1000 + 1500);
  expect(failures.length === 0, `the edge refused delivery requests: ${failures.join("; ")}`);
  expect(after.length > 0, "no delivery request after the renewal: the clip was buffered whole");
  expect(stale.length === 0, `${stale.length} requests after the renewal still carried the first token: ${stale.map((r) => r.url).join(" ")}`);
  expect(lateOld.length > 0, "no request after the first token expired: the test proves nothing about renewal");
  expect(v.state === "playing", `state ${v.state}`);
  await shot(page, "6-renewed.png");
  console.log(`      renewals: ${renewals}; delivery requests: ${requests.length}, ${after.length} after the first renewal `
    + `(${new Set(requests.map((r) => r.token)).size} tokens), ${lateOld.length} after the first token's exp; playing: ${JSON.stringify(v)}`);
}

let failed = false;
try {
  if (suite === "renewal") {
    await scenario("renewal", holder, renewal);
  } else {
    await scenario("no-wallet", null, async (page) => {
      const text = await waitState(page, "no-wallet");
      expect(/browser wallet/.test(text), `no-wallet text: ${text}`);
      const clipCard = page.locator(".asset", { has: page.getByRole("heading", { name: "clip", exact: true }) });
      const needs = await clipCard.locator(".needs").textContent();
      // The pass is named by its on-chain name() and symbol().
      expect(/To watch: hold an ERC-721 pass of Pass \(PASS\) on the local dev chain \(chain 1337\)/.test(needs), `clip needs: ${needs}`);
      expect(await clipCard.locator("img").count() === 0, "a poster is shown for an asset that is not a teaser");
      expect(await clipCard.locator("a.get-pass").count() === 0, "a get-a-pass link without get_url");
      // Each card says how its asset is delivered (/api/assets' delivery).
      const cdnCard = page.locator(".asset", { has: page.getByRole("heading", { name: "CDN clip", exact: true }) });
      for (const [card, want, words] of [[clipCard, "edge", /^Edge delivery: every request through the gate$/],
        [cdnCard, "cdn", /^CDN delivery: encrypted segments from a shared cache, keys through the gate$/]]) {
        const d = card.locator(".delivery");
        const [kind, text] = [await d.getAttribute("data-delivery"), await d.textContent()];
        expect(kind === want && words.test(text), `delivery on the card: ${kind} ${JSON.stringify(text)}, want ${want}`);
      }

      // The teaser: its poster before sign-in, the label naming a contract
      // without name(), and the get-a-pass link.
      const trailer = page.locator(".asset", { has: page.getByRole("heading", { name: "Trailer", exact: true }) });
      const poster = trailer.getByRole("img", { name: "Poster of Trailer" });
      await poster.waitFor({ state: "visible" });
      await page.waitForFunction(() => {
        const img = document.querySelector('.asset img.poster[src="/teaser/trailer/poster.jpg"]');
        return img && img.complete && img.naturalWidth === 320 && img.naturalHeight === 180;
      });
      const box = await poster.boundingBox();
      expect(box && box.width > 100 && Math.abs(box.width / box.height - 16 / 9) < 0.05, `poster box: ${JSON.stringify(box)}`);
      const tneeds = await trailer.locator(".needs").textContent();
      expect(/hold 1 of token 1 of ERC-1155 Backstage Pass on the local dev chain/.test(tneeds), `trailer needs: ${tneeds}`);
      const title = await trailer.locator(".needs").getAttribute("title");
      expect(title.includes("Backstage Pass (0x00000000000000000000000000000000000b0b01)"), `trailer needs (long): ${title}`);
      const get = trailer.getByRole("link", { name: "Get a pass for Trailer (opens in a new tab)" });
      const attrs = await get.evaluate((a) => ({ href: a.href, target: a.target, rel: a.rel, text: a.textContent }));
      expect(attrs.href === "https://example.com/get-a-pass" && attrs.target === "_blank" && attrs.rel.split(" ").includes("noopener") &&
        attrs.text === "Get a pass", `get-a-pass link: ${JSON.stringify(attrs)}`);
      await shot(page, "1-no-wallet.png");
    });

    await scenario("holder-plays", holder, async (page, signed) => {
      await connectAndSignIn(page, holder);
      const origin = new URL(url);
      expect(signed.length === 1, `signed ${signed.length} messages, want 1`);
      const want = `${origin.host} wants you to sign in with your Ethereum account:\n${getAddress(holder.address)}\n\n`;
      expect(signed[0].startsWith(want), `SIWE message starts:\n${signed[0]}`);
      expect(signed[0].includes(`\nURI: ${origin.origin}\nVersion: 1\nChain ID: ${chainId}\nNonce: `), `SIWE message:\n${signed[0]}`);
      await clip(page).click();
      await waitState(page, "playing");
      const v = await assertPlays(page);
      await shot(page, "2-holder-playing.png");
      console.log(`      playing: ${JSON.stringify(v)}`);

      // The CDN-mode asset on the same page: hls.js fetches the ciphertext
      // from the token-free /c/ route and the keys through the gate.
      const answers = [];
      page.on("response", (r) => {
        const p = new URL(r.url()).pathname;
        if (p.startsWith("/c/") || p.endsWith(".key")) answers.push({ path: p.replace(/^\/t\/[^/]+\//, "/t/…/"), status: r.status() });
      });
      await button(page, "Play CDN clip").click();
      await page.locator('#status[data-state="playing"]', { hasText: "CDN clip" }).waitFor();
      const c = await assertPlays(page);
      const segs = answers.filter((a) => a.path.startsWith("/c/clip-cdn/"));
      const keys = answers.filter((a) => /^\/t\/…\/v\/clip-cdn\/v[0-9a-f]{12}\/keys\/\d+\.key$/.test(a.path));
      expect(segs.length > 0 && keys.length > 0 && answers.every((a) => a.status === 200),
        `CDN clip answers: ${JSON.stringify(answers)}, want /c/ segments and gated keys, all 200`);
      await shot(page, "2b-holder-playing-cdn.png");
      console.log(`      playing the CDN clip: ${segs.length} segments from /c/, ${keys.length} keys: ${JSON.stringify(c)}`);
    });

    await scenario("not-holder", other, async (page) => {
      await connectAndSignIn(page, other);
      await clip(page).click();
      const text = await waitState(page, "not-holder");
      const contract = await page.evaluate(async () => (await (await fetch("/api/assets")).json())[0].policy.any[0].contract);
      const need = `hold an ERC-721 of ${contract} on chain ${chainId}`.toLowerCase();
      expect(text.toLowerCase().includes(need), `not-holder text does not carry the 403 message "${need}": ${text}`);
      expect(await page.locator("#video").isHidden(), "the video is shown to a non-holder");
      await shot(page, "3-not-holder.png");
    });

    await scenario("wrong-chain", holder, async (page) => {
      await button(page, "Connect wallet").click();
      await clip(page).click();
      const text = await waitState(page, "wrong-chain");
      expect(text.includes("Ethereum (chain 1)"), `wrong-chain text: ${text}`);
      await shot(page, "4-wrong-chain.png");
      await button(page, `Switch to the local dev chain (chain ${chainId})`).click();
      await waitState(page, "playing");
      await assertPlays(page);
    }, 1);

    // Revocation as the edge answers it (403 policy_unmet on a segment),
    // simulated from segment 3 on: a 4 s clip is buffered whole too soon for a
    // real transfer to land mid-play.
    await scenario("revoked", holder, async (page) => {
      await page.route(/\/chunk-stream\d+-(\d+)\.m4s$/, (route) => {
        const n = Number(/-(\d+)\.m4s$/.exec(route.request().url())[1]);
        if (n < 3) return route.continue();
        return route.fulfill({
          status: 403, contentType: "application/json",
          body: JSON.stringify({ error: "policy_unmet", message: "hold an ERC-721 of 0x… on chain 1337" }),
        });
      });
      await connectAndSignIn(page, holder);
      await clip(page).click();
      const text = await waitState(page, "revoked");
      expect(/no longer qualifies/.test(text), `revoked text: ${text}`);
      const v = await video(page);
      expect(v.hidden && v.paused, `the video goes on after revocation: ${JSON.stringify(v)}`);
      await button(page, "Check again").waitFor();
      await shot(page, "5-revoked.png");
    });
  }
} catch (err) {
  failed = true;
  console.error(`FAIL: ${err.message}`);
} finally {
  clearTimeout(watchdog);
  await browser.close();
}
console.log(`screenshots: ${shots}`);
process.exit(failed ? 1 : 0);
