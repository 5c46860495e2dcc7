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
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/singleflight"

	"github.com/streamgate/streamgate/asset/policy"
	"github.com/streamgate/streamgate/contracts/rpcfault"
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
	chains  map[int64]*chain
	local   *local
	shared  *shared // nil without Redis
	flight  singleflight.Group
	metrics *metrics
	log     *slog.Logger
	hooks   hooks // invalidate.go, announce.go
}

// New dials the configured chains (HTTP endpoints connect on first use).
// rdb may be nil: the shared layer is then skipped.
func New(cfg Config, rdb redis.UniversalClient, prefix string, m *Metrics, log *slog.Logger) (*Checker, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	l, err := newLocal(cfg.CacheEntries)
	if err != nil {
		return nil, fmt.Errorf("ownership cache: %w", err)
	}
	c := &Checker{cfg: cfg, chains: map[int64]*chain{}, local: l, metrics: m.or(), log: log}
	if rdb != nil {
		c.shared = &shared{rdb: rdb, prefix: prefix}
	}
	for _, cc := range cfg.Chains {
		ch, err := dialChain(cc, cfg.CallTimeout)
		if err != nil {
			return nil, err
		}
		bursts := rpcfault.NewBursts(cc.RPC, c.log, "chain", cc.ID)
		ch.calls = c.metrics.rpcCalls.Inc
		ch.failures = func(i int, err error) {
			c.metrics.rpcFailures.WithLabelValues(rpcfault.Reason(err)).Inc()
			bursts.Failed(i, err)
		}
		ch.answered = bursts.OK
		c.chains[cc.ID] = ch
	}
	return c, nil
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
		if e == nil || t >= e.usable || !grace && t >= e.fresh {
			return nil
		}
		return &e.value
	}
	return p.Eval(func(cond *policy.Condition) policy.Answer { return decide(cond, wallet, lookup) })
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

// Close releases the cache.
func (c *Checker) Close() { c.local.cache.Close() }

// Call makes one eth_call on chainID through its endpoints, with failover
// and the call timeout; the signer asks EIP-1271 wallets through it. want is
// the least length in bytes of a conforming answer (32 for one ABI word):
// shorter data from a contract with code is an endpoint failure, and the
// next endpoint is asked; from an address without code it is returned (EVM
// calls to such an address answer nothing). A revert is returned as an
// error wrapping ErrReverted; ErrUnavailable (wrapped) when no endpoint
// answered.
func (c *Checker) Call(ctx context.Context, chainID int64, to common.Address, data []byte, want int) ([]byte, error) {
	ch := c.chains[chainID]
	if ch == nil {
		return nil, fmt.Errorf("%w: chain %d is not configured", ErrUnavailable, chainID)
	}
	return ch.call(ctx, &to, data, want)
}

// CallCreation runs creation code in an eth_call without deploying it, and
// returns what its constructor returned (ERC-6492 checks use this). The
// caller's code returns exactly want bytes, so any other length is an
// endpoint failure and the next endpoint is asked. Errors are as Call's.
func (c *Checker) CallCreation(ctx context.Context, chainID int64, code []byte, want int) ([]byte, error) {
	ch := c.chains[chainID]
	if ch == nil {
		return nil, fmt.Errorf("%w: chain %d is not configured", ErrUnavailable, chainID)
	}
	return ch.call(ctx, nil, code, want)
}

// Code returns the code at addr on chainID (empty for wallets not yet
// deployed, as ERC-6492 signatures need to know).
func (c *Checker) Code(ctx context.Context, chainID int64, addr common.Address) ([]byte, error) {
	ch := c.chains[chainID]
	if ch == nil {
		return nil, fmt.Errorf("%w: chain %d is not configured", ErrUnavailable, chainID)
	}
	var code []byte
	err := ch.each(ctx, func(ctx context.Context, rpc caller) error {
		var err error
		code, err = rpc.CodeAt(ctx, addr, nil)
		return err
	})
	return code, err
}

// HasChain reports whether chainID is configured.
func (c *Checker) HasChain(chainID int64) bool { return c.chains[chainID] != nil }
