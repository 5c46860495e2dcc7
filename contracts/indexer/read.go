package indexer

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/streamgate/streamgate/contracts/ownership"
)

// start takes up the saved place, or begins cfg.Backfill blocks behind the
// confirmed head: transfers shortly before a first start may still be cached.
func (f *follower) start(ctx context.Context) error {
	c, ok, err := f.store.load(ctx, f.chain.ID)
	if err != nil {
		return fmt.Errorf("loading the last processed block: %w", err)
	}
	if ok {
		f.log.Info("indexer resuming", "after_block", c.num)
	} else {
		if c, err = f.behindHead(ctx, f.cfg.Backfill); err != nil {
			return err
		}
		f.log.Info("indexer starting", "after_block", c.num)
	}
	f.started, f.cursor, f.recent = true, c, []record{{cursor: c}}
	f.processed.Store(c.num)
	f.m.processed.Set(float64(c.num))
	f.take() // the start position covers the contracts known so far
	if !ok {
		// Saved at once: a restart before the next block resumes here
		// instead of behind a later head, which would skip what came between.
		f.moveTo(ctx, c)
	}
	if f.keeper != nil {
		f.keeper.loaded = false // this holding's first step reads it
	}
	return nil
}

// behindHead returns the block back blocks behind the confirmed head.
func (f *follower) behindHead(ctx context.Context, back uint64) (cursor, error) {
	head, err := f.rpc.HeaderByNumber(ctx, nil)
	if err != nil {
		f.m.rpcErrors.Inc()
		return cursor{}, fmt.Errorf("reading the head: %w", err)
	}
	n := sub(sub(head.Number.Uint64(), f.chain.Confirmations), back)
	h, err := f.rpc.HeaderAt(ctx, n)
	if err != nil {
		f.m.rpcErrors.Inc()
		return cursor{}, fmt.Errorf("reading block %d: %w", n, err)
	}
	return cursor{num: n, hash: h.Hash()}, nil
}

// read processes the blocks after the cursor up to target, at most
// cfg.MaxRange of them: parent-hash check, logs, publish, advance.
func (f *follower) read(ctx context.Context, contracts []common.Address, target uint64, head *types.Header) error {
	from := f.cursor.num + 1
	to := min(target, f.cursor.num+f.cfg.MaxRange)
	last, err := f.headerAt(ctx, to, head)
	if err != nil {
		return err
	}
	first, err := f.headerAt(ctx, from, last)
	if err != nil {
		return err
	}
	if first.ParentHash != f.cursor.hash {
		return f.reorg(ctx)
	}
	logs, err := f.logs(ctx, contracts, from, last)
	if err != nil {
		return err
	}
	invs, blocks, bad := decode(f.chain.ID, logs)
	f.m.malformed.Add(float64(bad))
	r := record{cursor: cursor{num: to, hash: last.Hash()}, invs: invs}
	if f.keeper != nil {
		// Before publishing: a check that an invalidation sends to the
		// state must read the new holders.
		if r.undo, err = f.applyRange(ctx, logs, from, r.cursor); err != nil {
			return err
		}
	}
	if err := f.publish(ctx, invs, blocks); err != nil {
		return err
	}
	f.advance(ctx, r)
	f.m.lagBlocks.Set(float64(target - to))
	f.m.lagSeconds.Set(0)
	if to < target {
		f.m.lagSeconds.Set(max(0, time.Since(time.Unix(int64(last.Time), 0)).Seconds()))
	}
	return nil
}

// headerAt returns block n's header, reusing known when it is that block.
func (f *follower) headerAt(ctx context.Context, n uint64, known *types.Header) (*types.Header, error) {
	if known.Number.Uint64() == n {
		return known, nil
	}
	h, err := f.rpc.HeaderAt(ctx, n)
	if err != nil {
		f.m.rpcErrors.Inc()
		return nil, fmt.Errorf("reading block %d: %w", n, err)
	}
	return h, nil
}

// logs reads the transfer logs of contracts from block from to last. One
// block is read by hash, which pins it; a range is pinned by reading its
// last block again afterwards.
func (f *follower) logs(ctx context.Context, contracts []common.Address, from uint64, last *types.Header) ([]types.Log, error) {
	if len(contracts) == 0 {
		return nil, nil
	}
	q := ethereum.FilterQuery{Addresses: contracts, Topics: transferTopics}
	to := last.Number.Uint64()
	if from == to {
		h := last.Hash()
		q.BlockHash = &h
	} else {
		q.FromBlock, q.ToBlock = new(big.Int).SetUint64(from), new(big.Int).SetUint64(to)
	}
	logs, err := f.rpc.FilterLogs(ctx, q)
	if err != nil {
		f.m.rpcErrors.Inc()
		return nil, fmt.Errorf("reading logs of blocks %d–%d: %w", from, to, err)
	}
	if from != to {
		again, err := f.rpc.HeaderAt(ctx, to)
		if err != nil || again.Hash() != last.Hash() {
			return nil, fmt.Errorf("%w: block %d", errRaced, to)
		}
	}
	return logs, nil
}

// backfill reads the recent past of contracts just added: transfers between
// a checker's read and the moment the indexer learned the contract.
func (f *follower) backfill(ctx context.Context, contracts []common.Address) error {
	if len(contracts) == 0 || f.cfg.Backfill == 0 {
		return nil
	}
	q := ethereum.FilterQuery{Addresses: contracts, Topics: transferTopics}
	q.FromBlock = new(big.Int).SetUint64(sub(f.cursor.num+1, f.cfg.Backfill))
	q.ToBlock = new(big.Int).SetUint64(f.cursor.num)
	logs, err := f.rpc.FilterLogs(ctx, q)
	if err != nil {
		f.m.rpcErrors.Inc()
		return fmt.Errorf("backfilling %d contracts: %w", len(contracts), err)
	}
	invs, blocks, bad := decode(f.chain.ID, logs)
	f.m.malformed.Add(float64(bad))
	return f.publish(ctx, invs, blocks)
}

// publish sends invs, read from blocks (nil: a reorg's undo), and
// schedules their repeat.
func (f *follower) publish(ctx context.Context, invs []ownership.Invalidation, blocks []uint64) error {
	if len(invs) == 0 {
		return nil
	}
	if err := f.send(ctx, invs); err != nil {
		return err
	}
	if f.logInvs && blocks != nil {
		for i := range invs {
			f.logInvalidation(&invs[i], blocks[i])
		}
	}
	if f.cfg.RepeatAfter > 0 {
		f.pending = append(f.pending, repeat{due: time.Now().Add(f.cfg.RepeatAfter), invs: invs})
	}
	return nil
}

func (f *follower) send(ctx context.Context, invs []ownership.Invalidation) error {
	ctx, cancel := context.WithTimeout(ctx, f.cfg.CallTimeout)
	defer cancel()
	if err := f.sink.Publish(ctx, invs...); err != nil {
		f.m.publishErrors.Inc()
		return fmt.Errorf("publishing %d invalidations: %w", len(invs), err)
	}
	f.m.invalidations.Add(float64(len(invs)))
	return nil
}

// repeatDue publishes again the invalidations whose repeat is due.
func (f *follower) repeatDue(ctx context.Context) error {
	now := time.Now()
	for len(f.pending) > 0 && !now.Before(f.pending[0].due) {
		if err := f.send(ctx, f.pending[0].invs); err != nil {
			return err
		}
		f.pending = f.pending[1:]
	}
	return nil
}

// advance remembers r and moves the cursor past it.
func (f *follower) advance(ctx context.Context, r record) {
	f.recent = append(f.recent, r)
	if over := len(f.recent) - f.cfg.ReorgWindow; over > 0 {
		f.recent = append(f.recent[:0], f.recent[over:]...)
	}
	f.moveTo(ctx, r.cursor)
}

// moveTo sets and saves the cursor. A failed save only costs re-reading
// some blocks after a restart, so it is logged and tried again with the
// next block or when caught up; a save refused because another indexer
// holds the lease stops following at once.
func (f *follower) moveTo(ctx context.Context, c cursor) {
	f.cursor = c
	f.processed.Store(c.num)
	f.m.processed.Set(float64(c.num))
	err := f.store.save(ctx, f.chain.ID, c, f.token)
	f.unsaved = err != nil
	switch {
	case errors.Is(err, errLeaseLost):
		f.log.Warn("the last processed block was not saved: another indexer holds the lease", "block", c.num)
		f.stand()
	case err != nil:
		f.log.Warn("saving the last processed block", "block", c.num, "err", err)
	}
}

// sub is a - b, or 0 when b > a.
func sub(a, b uint64) uint64 {
	if b > a {
		return 0
	}
	return a - b
}

// logInvalidation writes one INFO line for a published invalidation (once:
// repeats are not logged).
func (f *follower) logInvalidation(inv *ownership.Invalidation, block uint64) {
	token := "" // ERC-20: a balance, no token id
	if inv.ID != nil {
		token = inv.ID.Dec()
	}
	f.log.Info("transfer: cached ownership dropped", "contract", inv.Contract.Hex(), "token", token, "from", inv.From.Hex(), "to", inv.To.Hex(), "block", block)
}
