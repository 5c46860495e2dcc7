// Shared pieces of the browser tests (watch.mjs, dapp.mjs): Debian's
// Chromium through playwright-core, and an injected EIP-1193 test wallet
// whose key stays in Node (ethers signs; the page only sees the address).

import { getBytes, toUtf8String } from "ethers";
import { chromium } from "playwright-core";

export function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

export function expect(cond, message) {
  if (!cond) throw new Error(message);
}

// launch starts headless Chromium (make deps installs Debian's package;
// Playwright never downloads a browser here).
export function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
      // Pages in the background of one browser keep their timers and
      // media running, as a tab a viewer watches does.
      "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows",
    ],
  });
}

// installWallet runs in the page before its scripts: a minimal EIP-1193
// provider. Accounts are shared once the page asks (eth_requestAccounts);
// signing goes to Node (exposed __testWalletSign); the chain can
// be switched, which emits chainChanged like a real wallet.
function installWallet({ address, chainId }) {
  const listeners = {};
  let chain = chainId;
  let connected = false;
  const fail = (code, message) => Object.assign(new Error(message), { code });
  window.ethereum = {
    isStreamGateTestWallet: true,
    async request({ method, params = [] }) {
      switch (method) {
        case "eth_requestAccounts":
          connected = true;
          return [address];
        case "eth_accounts": // like MetaMask: nothing until the site is connected
          return connected ? [address] : [];
        case "eth_chainId":
          return `0x${chain.toString(16)}`;
        case "personal_sign":
          if (String(params[1]).toLowerCase() !== address.toLowerCase()) throw fail(4100, "unknown account");
          return window.__testWalletSign(params[0]);
        case "wallet_switchEthereumChain": {
          const next = Number.parseInt(params[0].chainId, 16);
          if (next !== chain) {
            chain = next;
            for (const f of listeners.chainChanged ?? []) f(params[0].chainId);
          }
          return null;
        }
        default:
          throw fail(4200, `${method} is not supported by the test wallet`);
      }
    },
    on(event, f) {
      (listeners[event] ??= []).push(f);
    },
    removeListener(event, f) {
      listeners[event] = (listeners[event] ?? []).filter((g) => g !== f);
    },
  };
}

// addWallet gives every page of context the test wallet of key (an ethers
// Wallet) on chainId. It returns the list of messages signed so far (UTF-8).
export async function addWallet(context, key, chainId) {
  const signed = [];
  await context.exposeFunction("__testWalletSign", async (hex) => {
    signed.push(toUtf8String(getBytes(hex)));
    return key.signMessage(getBytes(hex));
  });
  await context.addInitScript(installWallet, { address: key.address, chainId });
  return signed;
}

// pageLog collects what a page says (console, uncaught errors, failed
// requests) for a failure's report.
export function pageLog(page) {
  const log = { lines: [], errors: [] };
  page.on("console", (m) => log.lines.push(`console.${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => log.errors.push(e.message));
  page.on("requestfailed", (r) => log.lines.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  return log;
}
