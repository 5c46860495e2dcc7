package indexer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/streamgate/streamgate/contracts/chainrpc"
	"github.com/streamgate/streamgate/contracts/ownership"
)

// errRaced is returned when the chain changed under a range read; the range
// is read again at the next poll.
var errRaced = errors.New("indexer: the chain changed during a read")

// follower follows one chain: it reads transfer logs block range by block
// range behind the confirmation depth, checks each range's parent hash, and
// publishes what moved.
type follower struct {
	cfg       *Config
	chain     ChainConfig
	rpc       *chainrpc.Client
	sink      Sink
	store     cursors
	m         chainMetrics
	log       *slog.Logger
	wake      chan struct{}
	processed atomic.Uint64
	lease     *lease  // nil without Redis: always the publisher
	keeper    *keeper // nil unless indexer.state.enabled (with Redis)
	logInvs   bool    // Deps.LogInvalidations

	mu      sync.Mutex // guards the contract set: Add runs on other goroutines
	watched map[common.Address]bool
	all     []common.Address // copied on write: readers keep their snapshot
	fresh   []common.Address // added since the last step: to backfill

	// Owned by the run goroutine.
	token   string             // the lease's, fencing cursor writes
	stand   context.CancelFunc // stops following while the lease is lost
	started bool
	cursor  cursor
	unsaved bool     // the last save of cursor failed: saved again when idle
	recent  []record // processed ranges, newest last: what a reorg undoes
	pending []repeat // published invalidations to publish again
	failing bool
}

// record is one processed range: its last block and what it invalidated.
type record struct {
	cursor
	invs []ownership.Invalidation
	undo *undo // what the range changed in the indexed state (nil: nothing)
}

type repeat struct {
	due  time.Time
	invs []ownership.Invalidation
}

func newFollower(cfg *Config, ch ChainConfig, sink Sink, store cursors, m chainMetrics, log *slog.Logger) *follower {
	return &follower{
		cfg: cfg, chain: ch, rpc: chainrpc.New(ch, chainrpc.Options{Timeout: cfg.CallTimeout, Log: log}), sink: sink, store: store, m: m, log: log,
		wake: make(chan struct{}, 1), watched: map[common.Address]bool{},
	}
}

// watch adds a contract; the next step reads its recent past.
func (f *follower) watch(a common.Address) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.watched[a] {
		return
	}
	f.watched[a] = true
	f.all = append(f.all[:len(f.all):len(f.all)], a)
	f.fresh = append(f.fresh, a)
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// take returns the contracts to backfill, clearing them, and all contracts.
func (f *follower) take() (fresh, all []common.Address) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fresh, f.fresh = f.fresh, nil
	return fresh, f.all
}

func (f *follower) untake(fresh []common.Address) {
	f.mu.Lock()
	f.fresh = append(f.fresh, fresh...)
	f.mu.Unlock()
}

// run follows the chain until ctx is done; with a lease, only while it
// holds it, from the saved place each time it takes it.
func (f *follower) run(ctx context.Context) {
	if f.lease == nil {
		f.stand = func() {}
		f.follow(ctx)
		return
	}
	f.m.leaseHeld.Set(0)
	for ctx.Err() == nil {
		token, until, err := f.lease.acquire(ctx)
		if err != nil {
			return
		}
		hctx, cancel := context.WithCancel(ctx)
		kept := make(chan struct{})
		go func() {
			defer close(kept)
			f.lease.keep(hctx, token, until)
			cancel()
		}()
		// A previous holding's place and memory are stale: start again
		// from the saved place, as after a restart.
		f.token, f.stand, f.started, f.pending = token, cancel, false, nil
		f.follow(hctx)
		cancel()
		<-kept
	}
}

// follow polls (and wakes on new heads over ws) until ctx is done.
func (f *follower) follow(ctx context.Context) {
	go f.rpc.WatchHeads(ctx, f.wake, func(err error) {
		f.log.Warn("new heads subscription failed; polling meanwhile", "err", err)
	})
	t := time.NewTicker(f.cfg.PollInterval)
	defer t.Stop()
	for {
		f.catchUp(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-f.wake:
		}
	}
}

// catchUp steps until the follower is at the confirmed head or fails.
func (f *follower) catchUp(ctx context.Context) {
	for ctx.Err() == nil {
		more, err := f.step(ctx)
		if ctx.Err() != nil {
			return
		}
		switch {
		case err != nil && !f.failing:
			f.log.Warn("indexer step failed; retrying at each poll", "block", f.cursor.num, "err", err)
		case err == nil && f.failing:
			f.log.Info("indexer following again", "block", f.cursor.num)
		}
		f.failing = err != nil
		if errors.Is(err, errLeaseLost) {
			f.stand()
		}
		if err != nil || !more {
			return
		}
	}
}

// step does one unit of work; more reports that another may follow at once.
func (f *follower) step(ctx context.Context) (more bool, err error) {
	if !f.started {
		if err := f.start(ctx); err != nil {
			return false, err
		}
	}
	if err := f.repeatDue(ctx); err != nil {
		return false, err
	}
	fresh, all := f.take()
	if err := f.backfill(ctx, fresh); err != nil {
		f.untake(fresh)
		return false, err
	}
	if f.keeper != nil {
		if !f.keeper.loaded {
			if err := f.loadState(ctx); err != nil {
				return false, err
			}
		}
		if err := f.watchState(ctx, all); err != nil {
			return false, err
		}
	}
	head, err := f.rpc.HeaderByNumber(ctx, nil)
	if err != nil {
		f.m.rpcErrors.Inc()
		return false, fmt.Errorf("reading the head: %w", err)
	}
	n := head.Number.Uint64()
	f.m.head.Set(float64(n))
	target := sub(n, f.chain.Confirmations)
	if n < f.chain.Confirmations || target <= f.cursor.num {
		more, err = f.idle(ctx, head)
		if err == nil && !more && f.keeper != nil {
			// Caught up: read some history of a contract being backfilled.
			more, err = f.backfillState(ctx)
		}
	} else {
		more, err = true, f.read(ctx, all, target, head)
	}
	if f.keeper != nil && f.keeper.loaded {
		// After the step: checks see how far the state got (lag, at head).
		f.heartbeat(ctx, n, target)
	}
	return more, err
}

// idle handles a head no further than the cursor: caught up, unless the
// chain replaced or dropped the cursor's block (a reorg to a chain that is
// not longer, or a dev chain restarted).
func (f *follower) idle(ctx context.Context, head *types.Header) (bool, error) {
	if n := head.Number.Uint64(); n < f.cursor.num || n == f.cursor.num && head.Hash() != f.cursor.hash {
		return true, f.reorg(ctx)
	}
	f.m.lagBlocks.Set(0)
	f.m.lagSeconds.Set(0)
	if f.unsaved { // caught up: a quiet chain would otherwise keep it unsaved
		f.moveTo(ctx, f.cursor)
	}
	return false, nil
}
