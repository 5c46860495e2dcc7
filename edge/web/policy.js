// Asset policies (docs/protocol.md "Policies") in words, and the
// chains they need the wallet on.

const chainNames = {
  1: "Ethereum",
  10: "OP Mainnet",
  137: "Polygon",
  1337: "the local dev chain",
  8453: "Base",
  42161: "Arbitrum One",
  11155111: "Sepolia",
};

// chainName names a chain for people, keeping its id.
export function chainName(id) {
  return chainNames[id] ? `${chainNames[id]} (chain ${id})` : `chain ${id}`;
}

function shortAddress(a) {
  return typeof a === "string" && a.length === 42 ? `${a.slice(0, 6)}…${a.slice(-4)}` : String(a);
}

// collectionOf names a condition's contract: /api/assets's "collection"
// (its on-chain name, else the policy's label, else a short address); the
// long form adds the full address.
function collectionOf(c, short) {
  const name = typeof c.collection === "string" && c.collection ? c.collection : null;
  if (!name) return short ? shortAddress(c.contract) : c.contract;
  return short ? name : `${name} (${c.contract})`;
}

function condition(c, short) {
  const contract = collectionOf(c, short);
  const on = `on ${chainName(c.chain_id)}`;
  switch (c.standard) {
    case "erc721":
      if (c.token_ids?.length === 1) return `own ERC-721 token ${c.token_ids[0]} of ${contract} ${on}`;
      if (c.token_ids?.length) return `own one of ERC-721 tokens ${c.token_ids.join(", ")} of ${contract} ${on}`;
      return `hold an ERC-721 pass of ${contract} ${on}`;
    case "erc1155":
      return `hold ${c.min_balance ?? "1"} of token ${c.token_id} of ERC-1155 ${contract} ${on}`;
    case "erc20":
      return `hold at least ${c.min_balance ?? "1"} (smallest units) of ERC-20 ${contract} ${on}`;
    default:
      return `meet a ${c.standard} condition ${on}`;
  }
}

// describe says what a policy asks of a viewer as a verb phrase, e.g. "hold
// an ERC-721 pass of StreamGate Demo Pass (SGPASS) on the local dev chain
// (chain 1337)" or "meet any one of: …". short gives collections by name
// alone (or a short address); the long form adds each full address.
export function describe(policy, short = true) {
  if (!policy || typeof policy !== "object") return "not available";
  if (policy.public) return "sign in (free)";
  const list = policy.any ?? policy.all;
  if (Array.isArray(list)) {
    const parts = list.map((p) => describe(p, short));
    if (parts.length === 1) return parts[0];
    const joined = parts.map((p) => (p.includes(";") ? `(${p})` : p)).join("; ");
    return policy.any ? `meet any one of: ${joined}` : `meet all of: ${joined}`;
  }
  return condition(policy, short);
}

// chains lists the chain ids a policy's conditions are on, in order.
export function chains(policy, out = []) {
  if (!policy || typeof policy !== "object") return out;
  for (const p of policy.any ?? policy.all ?? []) chains(p, out);
  if (Number.isInteger(policy.chain_id) && !out.includes(policy.chain_id)) out.push(policy.chain_id);
  return out;
}
