// The browser wallet (EIP-1193 window.ethereum) and Sign-In with Ethereum
// (EIP-4361) against the signer's /auth/nonce and /auth/verify.

import { api } from "./api.js";

// provider is the injected wallet, or null when there is none.
export const provider = () => window.ethereum ?? null;

// checksum returns the EIP-55 form of an address (ethers from /vendor).
export function checksum(address) {
  if (!window.ethers) throw new Error("ethers.umd.min.js did not load: run make deps on the server.");
  return window.ethers.getAddress(address);
}

async function request(method, params) {
  return provider().request(params === undefined ? { method } : { method, params });
}

// accounts returns the wallet's checksummed accounts; ask prompts the user
// (eth_requestAccounts), otherwise it only reads (eth_accounts).
export async function accounts(ask) {
  const list = await request(ask ? "eth_requestAccounts" : "eth_accounts");
  return (list ?? []).map(checksum);
}

// chainID returns the wallet's current chain as a number.
export async function chainID() {
  return Number.parseInt(await request("eth_chainId"), 16);
}

// switchChain asks the wallet to move to chain id (EIP-3326).
export async function switchChain(id) {
  await request("wallet_switchEthereumChain", [{ chainId: `0x${id.toString(16)}` }]);
}

// siweMessage is the EIP-4361 text the signer parses, field for field.
export function siweMessage({ domain, address, statement, uri, chainId, nonce, issuedAt }) {
  return `${domain} wants you to sign in with your Ethereum account:
${address}

${statement}

URI: ${uri}
Version: 1
Chain ID: ${chainId}
Nonce: ${nonce}
Issued At: ${issuedAt}`;
}

function utf8Hex(text) {
  let hex = "0x";
  for (const b of new TextEncoder().encode(text)) hex += b.toString(16).padStart(2, "0");
  return hex;
}

// signIn signs a fresh SIWE message with personal_sign and trades it for a
// session: {address, session, expires_at}.
export async function signIn(address, chainId) {
  const { nonce } = await api("GET", "/auth/nonce");
  const message = siweMessage({
    domain: location.host,
    address,
    statement: "Sign in to watch.",
    uri: location.origin,
    chainId,
    nonce,
    issuedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  });
  const signature = await request("personal_sign", [utf8Hex(message), address]);
  return api("POST", "/auth/verify", { body: { message, signature } });
}

// walletMessage turns an EIP-1193 error into words for the viewer.
export function walletMessage(err) {
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
