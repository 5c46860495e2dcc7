package ownership

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/redis/go-redis/v9"
)

// Invalidation says that tokens of Contract moved between From and To: every
// cached fact about either wallet's holdings in Contract is stale. ID is the
// ERC-721 or ERC-1155 token id, nil for an ERC-20 transfer. It is the JSON
// published on the channel {prefix}own:invalidate, for example
// {"chain":1,"contract":"0x…","id":"7","from":"0x…","to":"0x…"}.
type Invalidation struct {
	Chain    int64          `json:"chain"`
	Contract common.Address `json:"contract"`
	ID       *uint256.Int   `json:"id,omitempty"`
	From     common.Address `json:"from"`
	To       common.Address `json:"to"`
}

// ErrBadInvalidation wraps every ParseInvalidations error.
var ErrBadInvalidation = errors.New("ownership: malformed invalidation")

// maxPerMessage bounds the invalidations one published message carries, so a
// large ERC-1155 batch does not make a multi-megabyte message.
const maxPerMessage = 256

// ParseInvalidations reads a channel message: one invalidation object, or an
// array of them (the indexer batches a block's transfers).
func ParseInvalidations(data []byte) ([]Invalidation, error) {
	data = bytes.TrimSpace(data)
	var invs []Invalidation
	var err error
	if len(data) > 0 && data[0] == '[' {
		err = json.Unmarshal(data, &invs)
	} else {
		invs = make([]Invalidation, 1)
		err = json.Unmarshal(data, &invs[0])
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadInvalidation, err)
	}
	for i := range invs {
		if invs[i].Chain <= 0 {
			return nil, fmt.Errorf("%w: [%d].chain: want > 0, got %d", ErrBadInvalidation, i, invs[i].Chain)
		}
	}
	return invs, nil
}

// factsOfInvalidation lists the facts inv makes stale, appending to dst. The
// zero address (mints and burns) holds nothing worth caching.
func factsOfInvalidation(dst []fact, inv *Invalidation) []fact {
	for i, w := range [2]common.Address{inv.From, inv.To} {
		if w == (common.Address{}) || i == 1 && w == inv.From {
			continue
		}
		f := fact{chain: inv.Chain, contract: inv.Contract, kind: balanceOf, wallet: w}
		dst = append(dst, f)
		if inv.ID != nil {
			f.id = *inv.ID
			f.kind = ownerOf
			dst = append(dst, f)
			f.kind = balanceOfID
			dst = append(dst, f)
		}
	}
	return dst
}

// hooks fan changes out to the checker's dependents: an edge's seats release
// leases on invalidations, an in-process indexer follows the contracts whose
// facts are read.
type hooks struct {
	gen          atomic.Uint64 // counts Apply calls: a fetch that saw it change raced one
	mu           sync.RWMutex
	onInvalidate []func(Invalidation)
	onContract   []func(chainID int64, contract common.Address)
	seen         map[contractKey]int64 // unix ns the contract was last announced
}

type contractKey struct {
	chain    int64
	contract common.Address
}

// OnInvalidate registers f to run after Apply dropped the facts of each
// invalidation (the edge releases the seats of a token that changed hands).
func (c *Checker) OnInvalidate(f func(Invalidation)) {
	c.hooks.mu.Lock()
	c.hooks.onInvalidate = append(c.hooks.onInvalidate, f)
	c.hooks.mu.Unlock()
}

// Apply drops the facts that invs make stale from this process only, then
// runs the OnInvalidate hooks. Subscribers call it for each message; the
// Redis layer was already cleared by the publisher. Without Redis the
// in-process indexer calls it directly.
func (c *Checker) Apply(invs ...Invalidation) {
	c.hooks.gen.Add(1) // before the drops: see raced
	var facts []fact
	for i := range invs {
		facts = factsOfInvalidation(facts[:0], &invs[i])
		for j := range facts {
			c.local.del(&facts[j])
		}
	}
	c.local.cache.Wait()
	c.metrics.invalidations.Add(float64(len(invs)))
	c.hooks.mu.RLock()
	fs := c.hooks.onInvalidate
	c.hooks.mu.RUnlock()
	for _, f := range fs {
		for _, inv := range invs {
			f(inv)
		}
	}
}

// raced re-stores the entries of a fetch that an Apply ran during (since gen
// was read) as stale from now on: the chain may have answered before the
// transfer, and Apply's drop may have come before the store. They still
// answer the requests already waiting on the fetch (all began before now);
// the next request asks again, and they are not shared through Redis.
func (c *Checker) raced(gen uint64, fetched []*entry) bool {
	if c.hooks.gen.Load() == gen {
		return false
	}
	now := time.Now().UnixNano()
	for _, e := range fetched {
		stale := *e
		stale.fresh, stale.usable, stale.trusted = now, now, 0
		c.local.set(&stale)
	}
	c.local.cache.Wait()
	return true
}

// Reset drops every fact held in process. A subscriber calls it when it
// resubscribes, because invalidations published while it was cut off are
// lost.
func (c *Checker) Reset() {
	c.hooks.gen.Add(1) // a fetch in flight may predate what was missed
	c.local.cache.Clear()
}

// Publisher sends invalidations to every subscribed edge and signer: it
// deletes the Redis layer's stale facts first, so that a subscriber that
// refetches at once does not read them back, then publishes on
// {prefix}own:invalidate.
type Publisher struct {
	rdb     redis.UniversalClient
	prefix  string
	channel string
}

// NewPublisher publishes through rdb with the deployment's key prefix.
func NewPublisher(rdb redis.UniversalClient, prefix string) *Publisher {
	return &Publisher{rdb: rdb, prefix: prefix, channel: InvalidateChannel(prefix)}
}

// InvalidateChannel is docs/protocol.md's channel sg:own:invalidate for prefix.
func InvalidateChannel(prefix string) string { return prefix + "own:invalidate" }

// Publish deletes and announces, in one round trip, the facts invs make
// stale. A failure leaves the caller to retry: nothing tells which part of
// the pipeline ran.
func (p *Publisher) Publish(ctx context.Context, invs ...Invalidation) error {
	pipe := p.rdb.Pipeline()
	var facts []fact
	for start := 0; start < len(invs); start += maxPerMessage {
		chunk := invs[start:min(start+maxPerMessage, len(invs))]
		keys := make([]string, 0, 6*len(chunk))
		for i := range chunk {
			facts = factsOfInvalidation(facts[:0], &chunk[i])
			for j := range facts {
				keys = append(keys, facts[j].redisKey(p.prefix))
			}
		}
		if len(keys) > 0 {
			pipe.Del(ctx, keys...)
		}
		msg, err := json.Marshal(chunk)
		if err != nil {
			return fmt.Errorf("encoding invalidations: %w", err)
		}
		pipe.Publish(ctx, p.channel, msg)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("publishing invalidations: %w", err)
	}
	return nil
}
