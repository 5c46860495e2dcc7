package ownership

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/streamgate/streamgate/asset/policy"
	"github.com/streamgate/streamgate/contracts/chainrpc"
)

// maxRounds bounds how often resolve refetches facts invalidated meanwhile.
const maxRounds = 3

// resolve fetches the facts p needs that the local layer lacks, from Redis
// and then the chains, and decides p again. When a chain fails, positive
// answers within the grace window still count.
func (c *Checker) resolve(ctx context.Context, wallet common.Address, p *policy.Policy, now time.Time) (policy.Answer, *policy.Condition, error) {
	var fetchErr error
	// An invalidation (a transfer) can drop what a fetch just stored before
	// it is read here; the facts then changed, so they are fetched again,
	// a bounded number of times.
	for range maxRounds {
		fetchErr = c.fill(ctx, c.missing(p, wallet, now), now)
		if a, unmet := c.eval(p, wallet, now, false); a != policy.Unknown {
			return a, unmet, nil
		}
		if fetchErr != nil {
			break
		}
	}
	if a, unmet := c.eval(p, wallet, now, true); a == policy.Met {
		c.metrics.graceUsed.Inc()
		c.log.Warn("ownership answered from a recent positive: chain unavailable", "wallet", wallet, "err", fetchErr)
		return a, unmet, nil
	}
	if fetchErr == nil {
		fetchErr = errors.New("facts missing after fetch")
	}
	return policy.Unknown, nil, fmt.Errorf("%w: %w", ErrUnavailable, fetchErr)
}

// missing lists, without duplicates, the facts of p not fresh locally.
func (c *Checker) missing(p *policy.Policy, wallet common.Address, now time.Time) []fact {
	t := now.UnixNano()
	var out []fact
	seen := map[fact]bool{}
	var buf []fact
	p.Conditions(func(cond *policy.Condition) {
		buf = factsOf(buf[:0], cond, wallet)
		for _, f := range buf {
			if e := c.local.get(&f); (e == nil || !c.fresh(e, t)) && !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	})
	return out
}

// fill loads facts into the local layer: Redis first, then one coalesced
// fetch per distinct set of facts still missing.
func (c *Checker) fill(ctx context.Context, facts []fact, now time.Time) error {
	if len(facts) == 0 {
		return nil
	}
	facts = c.fromState(ctx, facts, now)
	if len(facts) == 0 {
		return nil
	}
	facts = c.fromShared(ctx, facts, now)
	if len(facts) == 0 {
		return nil
	}
	var key strings.Builder
	for i := range facts {
		key.WriteString(facts[i].redisKey(""))
		key.WriteByte('|')
	}
	// The leader fetches on its own deadline so that one caller's cancel
	// does not fail the others waiting on it.
	_, err, _ := c.flight.Do(key.String(), func() (any, error) {
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.CallTimeout*time.Duration(1+c.maxRPCs()))
		defer cancel()
		return nil, c.fetch(fctx, facts, now)
	})
	return err
}

// fromShared takes what Redis has fresh and returns what it lacked.
func (c *Checker) fromShared(ctx context.Context, facts []fact, now time.Time) []fact {
	if c.shared == nil {
		return facts
	}
	vals, fresh, err := c.shared.get(ctx, facts, now)
	if err != nil {
		c.metrics.redisErrors.Inc()
		c.log.Warn("redis ownership layer unavailable; asking the chain", "err", err)
		return facts
	}
	var rest []fact
	for i := range facts {
		if fresh[i] == 0 {
			rest = append(rest, facts[i])
			continue
		}
		c.metrics.redisHits.Inc()
		c.store(&entry{fact: facts[i], value: vals[i], fresh: fresh[i]}, now)
	}
	c.local.cache.Wait()
	return rest
}

// fetch asks each chain for its facts in one batch and stores the answers.
// Chains that fail leave their facts missing; the last error is returned.
func (c *Checker) fetch(ctx context.Context, facts []fact, now time.Time) error {
	c.announce(ctx, facts) // before the read: transfers after it must be followed
	gen := c.hooks.gen.Load()
	byChain := map[int64][]fact{}
	for _, f := range facts {
		byChain[f.chain] = append(byChain[f.chain], f)
	}
	var errs []error
	var fetched []*entry
	for id, fs := range byChain {
		entries, err := c.fetchChain(ctx, id, fs, now)
		if err != nil {
			errs = append(errs, err)
		}
		fetched = append(fetched, entries...)
	}
	for _, e := range fetched {
		c.store(e, now)
	}
	c.local.cache.Wait()
	if c.raced(gen, fetched) {
		return errors.Join(errs...)
	}
	if c.shared != nil && len(fetched) > 0 {
		if err := c.shared.put(ctx, fetched, now); err != nil {
			c.metrics.redisErrors.Inc()
		}
	}
	return errors.Join(errs...)
}

func (c *Checker) fetchChain(ctx context.Context, id int64, facts []fact, now time.Time) ([]*entry, error) {
	ch := c.batch[id]
	if ch == nil {
		return nil, fmt.Errorf("chain %d is not configured", id)
	}
	reqs := make([]chainrpc.Request, len(facts))
	for i := range facts {
		r, err := pack(&facts[i])
		if err != nil {
			return nil, err
		}
		reqs[i] = r
	}
	replies, err := ch.do(ctx, reqs)
	if err != nil {
		return nil, err
	}
	out := make([]*entry, 0, len(facts))
	for i := range facts {
		v, err := unpack(&facts[i], replies[i])
		if err != nil {
			return out, fmt.Errorf("chain %d contract %s: %w", id, facts[i].contract, err)
		}
		out = append(out, c.newEntry(facts[i], v, now))
	}
	return out, nil
}

// newEntry dates a fetched value: positives stay fresh longer than zeros,
// and stay usable for the grace window.
func (c *Checker) newEntry(f fact, v uint256.Int, now time.Time) *entry {
	e := &entry{fact: f, value: v}
	if v.IsZero() {
		e.fresh = now.Add(c.cfg.NegativeTTL).UnixNano()
	} else {
		e.fresh = now.Add(c.cfg.PositiveTTL).UnixNano()
	}
	return e
}

// store puts e in the local layer, keeping positives usable for the grace.
func (c *Checker) store(e *entry, now time.Time) {
	e.usable = e.fresh
	if !e.value.IsZero() {
		e.usable = max(e.fresh, now.Add(c.cfg.Grace).UnixNano())
	}
	c.local.set(e)
}

func (c *Checker) maxRPCs() int {
	n := 1
	for _, ch := range c.chains {
		n = max(n, ch.Endpoints())
	}
	return n
}
