package edge

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/asset/policy"
	"github.com/streamgate/streamgate/contracts/ownership"
)

// errTooManyStreams is wrapped by *seatsError: a playback session would
// exceed a condition's max_streams.
var errTooManyStreams = errors.New("edge: too many streams")

// seatsError names the condition whose seats are all taken.
type seatsError struct {
	cond *policy.Condition
	idle time.Duration
}

func (e *seatsError) Error() string {
	return fmt.Sprintf("too many streams: a pass that meets %q plays in at most %d session(s) at once; stop another player, or retry about %s after it stopped",
		e.cond.String(), e.cond.MaxStreams, e.idle)
}

func (e *seatsError) Unwrap() error { return errTooManyStreams }

// holder answers one condition from memory after the gate passed, naming
// the ERC-721 id held: *ownership.Checker.
type holder interface {
	Held(wallet common.Address, cond *policy.Condition, now time.Time) (policy.Answer, *uint256.Int)
}

// seats limits concurrent playback sessions (token sids) per pass for
// conditions with max_streams. A session holds a lease on a seat key,
// renewed by its requests at most once per cfg.Renew (a local memo answers
// in between without allocating) and lost after cfg.Idle without requests.
// Leases live in Redis so that every edge counts the same sessions; without
// Redis, or while it fails, this edge counts alone.
type seats struct {
	ctx     context.Context
	cfg     SeatsConfig
	holder  holder
	store   seatStore // Redis, or local
	local   *localSeats
	memo    *seatMemo
	failing atomic.Bool
	longest atomic.Int64 // the longest idle window leased so far (ns): CDN-mode ones outlast cfg.Idle
	log     *slog.Logger

	refusals, renewals, failures prometheus.Counter
}

func newSeats(ctx context.Context, cfg SeatsConfig, h holder, store seatStore, m *metrics, log *slog.Logger) *seats {
	f := factory{m.registry}
	st := &seats{ctx: ctx, cfg: cfg, holder: h, store: store, local: newLocalSeats(), memo: newSeatMemo(), log: log}
	if store == nil {
		st.store = st.local
	}
	st.refusals = f.counter("streamgate_edge_seat_refusals_total", "Requests refused because a pass's max_streams sessions were playing.")
	st.renewals = f.counter("streamgate_edge_seat_renewals_total", "Seat leases taken or renewed in the store (at most one per session per seats.renew).")
	st.failures = f.counter("streamgate_edge_seat_errors_total", "Seat calls to Redis that failed; this edge then counted seats alone.")
	return st
}

// cdnIdle is how long a CDN-mode session keeps its seat after a request:
// two key periods of media (2 × key_period × segment_s from asset.json).
// Its player reaches the edge once per key period (segments come from the
// CDN), so the seat outlives the wait between two key requests even when
// the player asks for the next key late in its buffer.
func cdnIdle(a *asset.Asset) time.Duration {
	return time.Duration(2 * float64(a.KeyPeriod) * a.SegmentS * float64(time.Second))
}

// admit returns nil when the session may play: the policy has no
// max_streams, the wallet meets it without a limited condition, or the
// session holds or takes a seat, which it keeps for idle after this
// request; else a *seatsError.
func (st *seats) admit(g *grant, p *policy.Policy, idle time.Duration, now time.Time) error {
	if !limited(p) {
		return nil
	}
	if int64(idle) > st.longest.Load() {
		st.longest.Store(int64(idle)) // racing stores may keep a shorter one until the next longer idle
	}
	if a, _ := p.Eval(func(c *policy.Condition) policy.Answer {
		if c.MaxStreams > 0 {
			return policy.Unmet
		}
		a, _ := st.holder.Held(g.wallet, c, now)
		return a
	}); a == policy.Met {
		return nil // an unlimited alternative grants access: no seat needed
	}
	var full *policy.Condition
	a, _ := p.Eval(func(c *policy.Condition) policy.Answer {
		a, id := st.holder.Held(g.wallet, c, now)
		if a != policy.Met || c.MaxStreams == 0 {
			return a
		}
		if st.lease(seatOf(c, g.wallet, id), g, c.MaxStreams, idle, now) {
			return policy.Met
		}
		full = c
		return policy.Unmet
	})
	if a == policy.Met || full == nil {
		return nil // nil full: holdings changed since the gate; the next request decides
	}
	st.refusals.Inc()
	return &seatsError{cond: full, idle: idle}
}

// limited reports whether any condition of p has max_streams.
func limited(p *policy.Policy) bool {
	if p.Condition != nil {
		return p.Condition.MaxStreams > 0
	}
	for i := range p.Any {
		if limited(&p.Any[i]) {
			return true
		}
	}
	for i := range p.All {
		if limited(&p.All[i]) {
			return true
		}
	}
	return false
}

// lease reports whether g's session holds a seat on k, from the memo when
// it was asked less than cfg.Renew ago, else from the store.
func (st *seats) lease(k seatKey, g *grant, maxStreams int, idle time.Duration, now time.Time) bool {
	t := now.UnixNano()
	if held, ok := st.memo.get(&k, g.sid, t, int64(st.cfg.Renew)); ok {
		return held
	}
	held := st.take(k, g, maxStreams, idle, now) // by value: &k would escape on every call
	st.memo.put(&k, g.wallet, g.sid, t, held)
	return held
}

// take asks the store; when Redis fails this edge decides alone and says so
// once per outage.
func (st *seats) take(k seatKey, g *grant, maxStreams int, idle time.Duration, now time.Time) bool {
	ctx, cancel := context.WithTimeout(st.ctx, st.cfg.Timeout)
	defer cancel()
	st.renewals.Inc()
	held, err := st.store.take(ctx, &k, g.wallet, g.sid, maxStreams, idle, now)
	if err == nil {
		if st.failing.CompareAndSwap(true, false) {
			st.log.Info("seat leases back in redis")
		}
		return held
	}
	st.failures.Inc()
	if st.failing.CompareAndSwap(false, true) {
		st.log.Warn("seat leases unavailable in redis: this edge counts seats alone until it returns", "err", err)
	}
	held, _ = st.local.take(ctx, &k, g.wallet, g.sid, maxStreams, idle, now)
	return held
}

// release is the ownership.Checker's invalidation hook: when a token leaves
// a wallet, that wallet's leases on it go, so the new holder's sessions
// find its seats free at once rather than after cfg.Idle. Leases of other
// wallets stay: an invalidation published again (a repeat, a backfill, a
// reorg) must not unseat the current holder. Only an edge whose sessions
// of that wallet leased it (its memo knows) asks Redis.
func (st *seats) release(inv ownership.Invalidation) {
	if inv.ID == nil || inv.From == (common.Address{}) {
		return
	}
	k := seatKey{chain: inv.Chain, contract: inv.Contract, id: *inv.ID, hasID: true}
	if !st.memo.release(&k, inv.From) {
		return
	}
	ctx, cancel := context.WithTimeout(st.ctx, st.cfg.Timeout)
	defer cancel()
	_ = st.local.release(ctx, &k, inv.From) // in memory: never fails
	if err := st.store.release(ctx, &k, inv.From); err != nil {
		st.failures.Inc()
	}
}

// sweep forgets sessions idle longer than the longest idle window leased (a
// CDN session's lease outlives cfg.Idle, and release needs the memo to know it).
func (st *seats) sweep(now time.Time) {
	st.memo.sweep(now.Add(-max(st.cfg.Idle, time.Duration(st.longest.Load()))).UnixNano())
	st.local.sweep(now.UnixNano())
}
