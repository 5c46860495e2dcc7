package ownership

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/streamgate/streamgate/contracts/chainrpc"
)

// batcher joins the calls of concurrent checks of different wallets on one
// chain into one chainrpc.Batch, so that N first checks arriving within
// Config.BatchWindow cost one Multicall3 aggregate3 eth_call (up to
// Config.BatchMax calls each) instead of N. Where the chain has no
// Multicall3 it stays out of the way: each check makes its own parallel
// calls, as without it.
type batcher struct {
	ch      *chainrpc.Client
	window  time.Duration
	max     int
	timeout time.Duration // bounds one joined Batch, failover included

	mu  sync.Mutex
	cur *batch // collecting; nil when none is
}

// batch is one joined Batch: the requests of its parts, back to back.
type batch struct {
	reqs  []chainrpc.Request
	parts []part
	done  chan struct{} // closed when replies and errs are set
	reply []chainrpc.Reply
}

// part is one caller's share of a batch.
type part struct {
	off, n int
	err    error
}

func newBatcher(ch *chainrpc.Client, cfg *Config) *batcher {
	return &batcher{ch: ch, window: cfg.BatchWindow, max: cfg.BatchMax, timeout: cfg.CallTimeout * time.Duration(1+ch.Endpoints())}
}

// do answers reqs as chainrpc.Client.Batch does, joined with the requests
// of other callers that arrive within the window. A caller's error is its
// own: an impossible sub-answer fails only the caller it belongs to.
func (b *batcher) do(ctx context.Context, reqs []chainrpc.Request) ([]chainrpc.Reply, error) {
	if b.window <= 0 || len(reqs) >= b.max || !b.ch.Multicall(ctx) {
		return b.ch.Batch(ctx, reqs)
	}
	b.mu.Lock()
	if b.cur != nil && len(b.cur.reqs)+len(reqs) > b.max {
		go b.run(b.detach()) // full: it goes now, a new one starts
	}
	bt := b.cur
	if bt == nil {
		bt = &batch{done: make(chan struct{})}
		b.cur = bt
		time.AfterFunc(b.window, func() {
			b.mu.Lock()
			mine := b.cur == bt
			if mine {
				b.cur = nil
			}
			b.mu.Unlock()
			if mine {
				b.run(bt)
			}
		})
	}
	i := len(bt.parts)
	bt.parts = append(bt.parts, part{off: len(bt.reqs), n: len(reqs)})
	bt.reqs = append(bt.reqs, reqs...)
	if len(bt.reqs) >= b.max {
		go b.run(b.detach())
	}
	b.mu.Unlock()
	select {
	case <-bt.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	p := bt.parts[i]
	if p.err != nil {
		return nil, p.err
	}
	return bt.reply[p.off : p.off+p.n], nil
}

// detach takes the collecting batch out (b.mu held): whoever detaches a
// batch runs it, exactly once.
func (b *batcher) detach() *batch {
	bt := b.cur
	b.cur = nil
	return bt
}

// run makes bt's one Batch on its own deadline, so that one caller's cancel
// does not fail the others. When the joined answer was impossible (the
// endpoint-failure rule of chainrpc, e.g. one short sub-result), each part
// is asked again on its own, so one wallet's bad answer fails that wallet
// only; any other failure (429, timeout) is every part's, and is not
// multiplied into more calls to a limited endpoint.
func (b *batcher) run(bt *batch) {
	defer close(bt.done)
	ctx, cancel := context.WithTimeout(context.Background(), b.timeout)
	defer cancel()
	reply, err := b.ch.Batch(ctx, bt.reqs)
	if err == nil {
		bt.reply = reply
		return
	}
	if len(bt.parts) == 1 || !errors.Is(err, chainrpc.ErrBadAnswer) {
		for i := range bt.parts {
			bt.parts[i].err = err
		}
		return
	}
	bt.reply = make([]chainrpc.Reply, len(bt.reqs))
	var wg sync.WaitGroup
	for i := range bt.parts {
		p := &bt.parts[i]
		wg.Go(func() {
			r, err := b.ch.Batch(ctx, bt.reqs[p.off:p.off+p.n])
			if err != nil {
				p.err = err
				return
			}
			copy(bt.reply[p.off:], r)
		})
	}
	wg.Wait()
}
