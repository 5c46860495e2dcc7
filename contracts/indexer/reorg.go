package indexer

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum"

	"github.com/streamgate/streamgate/contracts/ownership"
)

// reorg handles a processed block that left the canonical chain: it finds
// the newest remembered range still canonical, publishes again what the
// orphaned ranges invalidated (their transfers may be undone: a holder gets
// access back), and rewinds the cursor there so the new blocks are read and
// invalidated in turn.
func (f *follower) reorg(ctx context.Context) error {
	i, err := f.canonicalAncestor(ctx)
	if err != nil {
		return err
	}
	var undo []ownership.Invalidation
	for _, r := range f.recent[i+1:] {
		undo = append(undo, r.invs...)
	}
	var back cursor
	if i >= 0 {
		back = f.recent[i].cursor
	} else if back, err = f.rewind(ctx); err != nil {
		return err
	}
	if f.keeper != nil {
		// Before publishing: checks the undo sends to the state must read
		// the restored holders.
		if err := f.undoState(ctx, f.recent[i+1:], back); err != nil {
			return err
		}
	}
	if err := f.publish(ctx, undo, nil); err != nil {
		return err
	}
	f.m.reorgs.Inc()
	f.log.Warn("chain reorganized: rewinding", "from_block", f.cursor.num, "to_block", back.num, "invalidations_repeated", len(undo))
	if i >= 0 {
		f.recent = f.recent[:i+1]
		f.moveTo(ctx, back)
	} else {
		f.recent = f.recent[:0]
		f.advance(ctx, record{cursor: back})
	}
	return nil
}

// canonicalAncestor returns the index in f.recent of the newest range whose
// last block is still canonical, or -1 when none is.
func (f *follower) canonicalAncestor(ctx context.Context) (int, error) {
	for i := len(f.recent) - 1; i >= 0; i-- {
		h, err := f.rpc.HeaderAt(ctx, f.recent[i].num)
		switch {
		case errors.Is(err, ethereum.NotFound):
			continue // the chain is now shorter than this block
		case err != nil:
			f.m.rpcErrors.Inc()
			return 0, fmt.Errorf("finding the reorg's common ancestor: %w", err)
		case h.Hash() == f.recent[i].hash:
			return i, nil
		}
	}
	return -1, nil
}

// rewind handles a reorg deeper than the remembered ranges (or one that
// happened while the indexer was stopped): it goes back cfg.Backfill blocks
// before the oldest and reads forward again. Transfers that only the lost
// blocks held are not known any more; their answers expire with the TTLs.
func (f *follower) rewind(ctx context.Context) (cursor, error) {
	oldest := f.cursor.num
	if len(f.recent) > 0 {
		oldest = f.recent[0].num
	}
	head, err := f.rpc.HeaderByNumber(ctx, nil)
	if err != nil {
		f.m.rpcErrors.Inc()
		return cursor{}, fmt.Errorf("reading the head: %w", err)
	}
	n := min(sub(oldest, f.cfg.Backfill), head.Number.Uint64())
	h, err := f.rpc.HeaderAt(ctx, n)
	if err != nil {
		f.m.rpcErrors.Inc()
		return cursor{}, fmt.Errorf("reading block %d: %w", n, err)
	}
	f.log.Warn("reorg deeper than the remembered blocks: reading again from an older block", "block", n)
	return cursor{num: n, hash: h.Hash()}, nil
}
