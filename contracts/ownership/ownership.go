// Package ownership answers whether a wallet meets an asset's policy from
// ERC-721, ERC-1155 and ERC-20 state on any configured chain, through three
// layers: ristretto in-process, Redis shared, then the chain's RPC
// endpoints, with concurrent identical look-ups coalesced into one call.
package ownership

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/singleflight"

	"github.com/streamgate/streamgate/asset/policy"
	"github.com/streamgate/streamgate/contracts/chainrpc"
)

var (
	// ErrUnavailable is returned (wrapped) when ownership cannot be decided:
	// every RPC endpoint of a needed chain failed (and no recent positive
	// answer covers it), or the chain is not configured.
	ErrUnavailable = errors.New("ownership: chain unavailable")
	// ErrNotHeld is wrapped by *UnmetError.
	ErrNotHeld = errors.New("ownership: policy not met")
)

// UnmetError names the first condition the wallet does not meet.
type UnmetError struct {
	Condition *policy.Condition
}

func (e *UnmetError) Error() string {
	return fmt.Sprintf("%v: %s", ErrNotHeld, e.Condition)
}

func (e *UnmetError) Unwrap() error { return ErrNotHeld }

// Checker decides policies for wallets. It is safe for concurrent use.
type Checker struct {
	cfg     Config
	chains  chainrpc.Chains
	batch   map[int64]*batcher // by chain id, over chains
	local   *local
	shared  *shared      // nil without Redis
	state   *stateReader // nil unless ownership.state.enabled and Redis
	flight  singleflight.Group
	metrics *metrics
	log     *slog.Logger
	hooks   hooks // invalidate.go, announce.go
}

// New prepares the configured chains (endpoints connect on first use).
// rdb may be nil: the shared layer is then skipped.
func New(cfg Config, rdb redis.UniversalClient, prefix string, m *Metrics, log *slog.Logger) (*Checker, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	l, err := newLocal(cfg.CacheEntries)
	if err != nil {
		return nil, fmt.Errorf("ownership cache: %w", err)
	}
	c := &Checker{cfg: cfg, local: l, metrics: m.or(), log: log}
	switch {
	case rdb != nil:
		c.shared = &shared{rdb: rdb, prefix: prefix}
		if cfg.State.Enabled {
			c.state = newStateReader(rdb, prefix, cfg.State, cfg.Chains, c.metrics)
		}
	case cfg.State.Enabled && len(cfg.Chains) > 0:
		// On by default: one line, not a warning, says why it does nothing.
		log.Info("ownership.state off: no redis.addr, so no indexed state to read; ERC-721/1155 checks ask the RPC")
	}
	c.dialChains()
	return c, nil
}

// dialChains makes the chain clients, counting in c.metrics; HTTP and ws
// endpoints connect on first use.
func (c *Checker) dialChains() {
	c.chains = chainrpc.NewChains(c.cfg.Chains, chainrpc.Options{
		Timeout: c.cfg.CallTimeout,
		Log:     c.log,
		Sent:    c.metrics.rpcCalls.Inc,
		Failed:  func(reason string) { c.metrics.rpcFailures.WithLabelValues(reason).Inc() },
	})
	c.batch = make(map[int64]*batcher, len(c.chains))
	for id, ch := range c.chains {
		c.batch[id] = newBatcher(ch, &c.cfg)
	}
}

// Allow returns nil when wallet meets p, an *UnmetError naming the first
// unmet condition, or ErrUnavailable. Answered from memory it allocates
// nothing.
func (c *Checker) Allow(ctx context.Context, wallet common.Address, p *policy.Policy) error {
	return c.AllowAt(ctx, wallet, p, time.Now())
}

// AllowAt is Allow for a caller that already read the clock (the edge reads
// it once per request; on some VMs a read costs ~90 ns).
func (c *Checker) AllowAt(ctx context.Context, wallet common.Address, p *policy.Policy, now time.Time) error {
	a, unmet := c.eval(p, wallet, now, false)
	if a == policy.Unknown {
		c.metrics.misses.Inc()
		var err error
		if a, unmet, err = c.resolve(ctx, wallet, p, now); err != nil {
			return err
		}
	} else {
		c.metrics.hits.Inc()
	}
	if a == policy.Unmet {
		return &UnmetError{Condition: unmet}
	}
	return nil
}

// eval decides p from the local layer: fresh entries, or with grace also
// positive entries still usable.
func (c *Checker) eval(p *policy.Policy, wallet common.Address, now time.Time, grace bool) (policy.Answer, *policy.Condition) {
	t := now.UnixNano()
	lookup := func(f fact) *uint256.Int {
		e := c.local.get(&f)
		if e == nil || t >= e.usable || !grace && !c.fresh(e, t) {
			return nil
		}
		return &e.value
	}
	return p.Eval(func(cond *policy.Condition) policy.Answer { return decide(cond, wallet, lookup) })
}

// fresh reports whether e answers at t (unix ns) without asking again: its
// TTL has not passed, or it came from the indexed state and the chain's
// indexer is still live. Allocation-free.
func (c *Checker) fresh(e *entry, t int64) bool {
	return t < e.fresh || t < e.trusted && c.state != nil && c.state.live(e.fact.chain, t)
}

// Invalidate drops what is cached about wallets' holdings in contract:
// their whole balance, and token id's ownership or balance when id is set.
// The indexer calls it when tokens move.
func (c *Checker) Invalidate(ctx context.Context, chainID int64, contract common.Address, id *uint256.Int, wallets ...common.Address) error {
	var facts []fact
	for _, w := range wallets {
		facts = append(facts, fact{chain: chainID, contract: contract, kind: balanceOf, wallet: w})
		if id != nil {
			for _, k := range []factKind{ownerOf, balanceOfID} {
				facts = append(facts, fact{chain: chainID, contract: contract, kind: k, id: *id, wallet: w})
			}
		}
	}
	for i := range facts {
		c.local.del(&facts[i])
	}
	c.local.cache.Wait()
	if c.shared == nil || len(facts) == 0 {
		return nil
	}
	return c.shared.del(ctx, facts)
}

// Close stops reading the indexed state and releases the cache.
func (c *Checker) Close() {
	if c.state != nil {
		c.state.close()
	}
	c.local.cache.Close()
}

// Chains returns the RPC clients of the configured chains by id (a copy of
// the map; the clients are shared), with this checker's call timeout,
// failover logging and RPC metrics: the signer asks contract wallets
// through them.
func (c *Checker) Chains() chainrpc.Chains { return maps.Clone(c.chains) }
