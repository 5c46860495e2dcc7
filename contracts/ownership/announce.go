package ownership

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// reannounce is how often a contract already announced is added to the
// Redis set again, in case the set was lost (a flushed or replaced Redis).
const reannounce = 10 * time.Minute

// ContractsKey is the Redis set of "chain:contract" members that checkers
// read facts about: a separate indexer follows their transfers. It holds
// exactly the contracts that can have cached facts to revoke.
func ContractsKey(prefix string) string { return prefix + "own:contracts" }

// OnContract registers f to learn each contract whose facts this checker
// reads from a chain, once per contract, starting with those already read.
// An in-process indexer follows them.
func (c *Checker) OnContract(f func(chainID int64, contract common.Address)) {
	c.hooks.mu.Lock()
	c.hooks.onContract = append(c.hooks.onContract, f)
	known := make([]contractKey, 0, len(c.hooks.seen))
	for k := range c.hooks.seen {
		known = append(known, k)
	}
	c.hooks.mu.Unlock()
	for _, k := range known {
		f(k.chain, k.contract)
	}
}

// announce tells the indexer about the contracts of facts about to be read
// from the chain, before they are cached, so that no transfer after the read
// goes unseen. It runs on the fetch path, never on a cache hit.
func (c *Checker) announce(ctx context.Context, facts []fact) {
	now := time.Now().UnixNano()
	var first, all []contractKey
	var members []any
	c.hooks.mu.Lock()
	if c.hooks.seen == nil {
		c.hooks.seen = map[contractKey]int64{}
	}
	for i := range facts {
		k := contractKey{facts[i].chain, facts[i].contract}
		last, ok := c.hooks.seen[k]
		if ok && now-last < int64(reannounce) {
			continue
		}
		if !ok {
			first = append(first, k)
		}
		c.hooks.seen[k] = now
		all = append(all, k)
		members = append(members, strconv.FormatInt(k.chain, 10)+":"+strings.ToLower(k.contract.Hex()))
	}
	fs := c.hooks.onContract
	c.hooks.mu.Unlock()
	for _, k := range first {
		for _, f := range fs {
			f(k.chain, k.contract)
		}
	}
	if c.shared != nil && len(members) > 0 {
		if err := c.shared.rdb.SAdd(ctx, ContractsKey(c.shared.prefix), members...).Err(); err != nil {
			c.metrics.redisErrors.Inc()
			c.retryAnnounce(all)
		}
	}
}

// retryAnnounce dates keys back so that the next fetch announces them again
// (without running the hooks, which already know them).
func (c *Checker) retryAnnounce(keys []contractKey) {
	c.hooks.mu.Lock()
	for _, k := range keys {
		c.hooks.seen[k] = 0
	}
	c.hooks.mu.Unlock()
}
