// Package indexer follows ERC-721, ERC-1155 and ERC-20 transfers of the
// contracts that policies name and publishes the ownership invalidations
// they imply, so that a pass that changes hands stops playing within a
// block or two on every edge.
//
// Each chain is read by block ranges with eth_getLogs behind a per-chain
// confirmation depth; a ws endpoint's new-heads subscription wakes the
// reader at once, polling covers http endpoints. Every range's first block
// must have the previous range's last block as parent: when it does not,
// the chain reorganized, and the indexer publishes again what the orphaned
// blocks invalidated and reads the new blocks. The last processed block is
// kept in Redis ({prefix}indexer:{chain}:block) so that a restart resumes
// where the indexer stopped.
//
// The contracts come from the config, from (*ownership.Checker).OnContract
// in-process, and from the Redis set {prefix}own:contracts that every
// checker with Redis fills as it reads facts: the contracts whose answers
// can be cached are exactly the ones followed.
package indexer
