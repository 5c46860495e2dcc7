package indexer

import (
	"context"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/internal/testenv"
)

var zero common.Address

type move struct {
	contract common.Address
	id       *big.Int // nil: ERC-20
	from, to common.Address
}

func logsOf(r *types.Receipt) []types.Log {
	out := make([]types.Log, len(r.Logs))
	for i, l := range r.Logs {
		out[i] = *l
	}
	return out
}

// TestDecodeTransfers: every transfer event of the project's contracts
// becomes the invalidation of its holders, and only that.
func TestDecodeTransfers(t *testing.T) {
	w := newWorld(t)
	id := w.mintPass(t, w.alice.Address)
	a, b := w.alice.Address, w.bob.Address
	ids, ones := []*big.Int{big.NewInt(7), big.NewInt(8)}, []*big.Int{big.NewInt(1), big.NewInt(1)}
	w.chain.Transact(t, w.owner, w.token, testToken.PackMint(a, big.NewInt(10)))
	cases := []struct {
		name string
		r    *types.Receipt
		want []move
	}{
		{"erc721 transfer", w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(a, b, id)), []move{{w.pass, id, a, b}}},
		{"erc20 transfer", w.chain.Transact(t, w.alice, w.token, testToken.PackTransfer(b, big.NewInt(3))), []move{{w.token, nil, a, b}}},
		{"erc1155 batch mint", w.chain.Transact(t, w.owner, w.multi, multiPass.PackMintBatch(a, ids, []*big.Int{big.NewInt(2), big.NewInt(2)})),
			[]move{{w.multi, ids[0], zero, a}, {w.multi, ids[1], zero, a}}},
		{"erc1155 single", w.chain.Transact(t, w.alice, w.multi, multiPass.PackSafeTransferFrom(a, b, ids[0], big.NewInt(1), nil)),
			[]move{{w.multi, ids[0], a, b}}},
		{"erc1155 batch", w.chain.Transact(t, w.alice, w.multi, multiPass.PackSafeBatchTransferFrom(a, b, ids, ones, nil)),
			[]move{{w.multi, ids[0], a, b}, {w.multi, ids[1], a, b}}},
	}
	for _, tc := range cases {
		invs, blocks, bad := decode(testenv.ChainID, logsOf(tc.r))
		if bad != 0 || len(invs) != len(tc.want) {
			t.Fatalf("%s: %d invalidations, %d malformed: %+v", tc.name, len(invs), bad, invs)
		}
		for i := range blocks {
			if blocks[i] != tc.r.BlockNumber.Uint64() {
				t.Fatalf("%s: invalidation %d from block %d, want %d", tc.name, i, blocks[i], tc.r.BlockNumber)
			}
		}
		if len(blocks) != len(invs) {
			t.Fatalf("%s: %d blocks for %d invalidations", tc.name, len(blocks), len(invs))
		}
		for _, m := range tc.want {
			if count(invs, m.contract, m.id, m.from, m.to) != 1 {
				t.Fatalf("%s: %+v missing from %+v", tc.name, m, invs)
			}
		}
	}
}

// TestFollowTransfers: the indexer publishes a transfer once, and its
// confirmation depth holds it back until enough blocks follow.
func TestFollowTransfers(t *testing.T) {
	w := newWorld(t)
	id := w.mintPass(t, w.alice.Address)
	for _, confirmations := range []uint64{0, 2} {
		for range confirmations { // start past the earlier transfers
			w.chain.Sim.Commit()
		}
		rec := &recorder{}
		cfg := w.fastConfig(w.pass)
		cfg.Chains[0].Confirmations = confirmations
		x, _ := w.run(t, cfg, rec, nil)
		testenv.WaitFor(t, 10*time.Second, testenv.Holds("started", func() bool { return x.Processed(testenv.ChainID) > 0 }))
		r := w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.bob.Address, id))
		if confirmations > 0 {
			// Processed reaching the transfer's block less the depth means the head was read.
			testenv.WaitFor(t, 10*time.Second, testenv.Holds("the transfer's block is the head", func() bool {
				return x.Processed(testenv.ChainID) >= r.BlockNumber.Uint64()-confirmations
			}))
			if len(rec.got()) != 0 {
				t.Fatalf("published before %d confirmations: %+v", confirmations, rec.got())
			}
			for range confirmations {
				w.chain.Sim.Commit()
			}
		}
		testenv.WaitFor(t, 10*time.Second, testenv.Holds("the transfer is published", func() bool { return len(rec.got()) > 0 }))
		if got := rec.got(); len(got) != 1 || count(got, w.pass, id, w.alice.Address, w.bob.Address) != 1 {
			t.Fatalf("published %+v", got)
		}
		if p := x.Processed(testenv.ChainID); p < r.BlockNumber.Uint64() {
			t.Fatalf("processed block %d, transfer in %d", p, r.BlockNumber)
		}
		w.alice, w.bob = w.bob, w.alice // the pass goes back next round
	}
}

// TestReorgPublishesAgain: when the block holding a transfer leaves the
// chain, its invalidation is published again and the new blocks are read.
func TestReorgPublishesAgain(t *testing.T) {
	w := newWorld(t)
	id := w.mintPass(t, w.alice.Address)
	parent := w.chain.Sim.Commit() // an empty block to fork from
	rec := &recorder{}
	x, stop := w.run(t, w.fastConfig(w.pass), rec, nil)
	// Transfer only once the indexer has its start block, or a slow start
	// could begin after the transfer and rightly never publish it.
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("started", func() bool { return x.Processed(testenv.ChainID) > 0 }))
	w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.bob.Address, id))
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the transfer is published", func() bool { return len(rec.got()) == 1 }))
	if err := w.chain.Sim.Fork(parent); err != nil {
		t.Fatal(err)
	}
	w.chain.Sim.Rollback() // the orphaned transfer must not be mined again
	w.chain.Sim.Commit()
	w.chain.Sim.Commit()
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the orphaned transfer is published again", func() bool { return len(rec.got()) == 2 }))
	if n := testutil.ToFloat64(x.followers[testenv.ChainID].m.reorgs); n != 1 {
		t.Fatalf("reorgs counted %v", n)
	}
	head, _ := w.chain.Client.HeaderByNumber(context.Background(), nil)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the new chain is followed", func() bool { return x.Processed(testenv.ChainID) == head.Number.Uint64() }))
	stop() // the cursor is the follower's own until it stopped
	if f := x.followers[testenv.ChainID]; f.cursor.hash != head.Hash() {
		t.Fatalf("cursor %x, head %x", f.cursor.hash, head.Hash())
	}
}

// TestResumeAfterRestart: transfers mined while the indexer is stopped are
// published when it starts again from the block saved in Redis, and nothing
// before it is read again.
func TestResumeAfterRestart(t *testing.T) {
	w := newWorld(t)
	id := w.mintPass(t, w.alice.Address)
	rdb := testenv.Redis(t).Client
	rec := &recorder{}
	x, stop := w.run(t, w.fastConfig(w.pass), rec, rdb)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("started", func() bool { return x.Processed(testenv.ChainID) > 0 }))
	r := w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.bob.Address, id))
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the first transfer is published", func() bool { return x.Processed(testenv.ChainID) >= r.BlockNumber.Uint64() }))
	// Processed moves just before the save: wait for Redis to hold it.
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the block is saved", func() bool { return savedBlock(rdb, redisconf.DefaultPrefix) >= r.BlockNumber.Uint64() }))
	stop()
	saved, _ := rdb.Get(context.Background(), CursorKey(redisconf.DefaultPrefix, testenv.ChainID)).Result()
	w.chain.Transact(t, w.bob, w.pass, accessPass.PackTransferFrom(w.bob.Address, w.alice.Address, id))
	w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.bob.Address, id))
	x, _ = w.run(t, w.fastConfig(w.pass), rec, rdb)
	head, _ := w.chain.Client.HeaderByNumber(context.Background(), nil)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("caught up", func() bool { return x.Processed(testenv.ChainID) == head.Number.Uint64() }))
	got := rec.got()
	if len(got) != 3 || count(got, w.pass, id, w.bob.Address, w.alice.Address) != 1 || count(got, w.pass, id, w.alice.Address, w.bob.Address) != 2 {
		t.Fatalf("after the restart (saved %q) published %+v", saved, got)
	}
	want := head.Number.String() + ":" + head.Hash().Hex()
	testenv.WaitFor(t, 10*time.Second, func() error { // saved just after Processed moves
		if v, _ := rdb.Get(context.Background(), CursorKey(redisconf.DefaultPrefix, testenv.ChainID)).Result(); v != want {
			return fmt.Errorf("saved block %q, want %q", v, want)
		}
		return nil
	})
}

// TestContractsLearned: a contract added while running (in-process) or
// announced in Redis by a checker is followed, including transfers made
// shortly before the indexer learned it.
func TestContractsLearned(t *testing.T) {
	w := newWorld(t)
	id := w.mintPass(t, w.alice.Address)
	rdb := testenv.Redis(t).Client
	rec := &recorder{}
	cfg := w.fastConfig()
	cfg.Backfill = 8
	x, _ := w.run(t, cfg, rec, rdb)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("started", func() bool { return x.Processed(testenv.ChainID) > 0 }))
	w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.bob.Address, id))
	r := w.chain.Transact(t, w.owner, w.token, testToken.PackMint(w.alice.Address, big.NewInt(5)))
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("both blocks are processed", func() bool { return x.Processed(testenv.ChainID) >= r.BlockNumber.Uint64() }))
	if len(rec.got()) != 0 {
		t.Fatalf("published for contracts not followed: %+v", rec.got())
	}
	x.Add(testenv.ChainID, w.pass)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the added contract's past transfer", func() bool { return count(rec.got(), w.pass, id, w.alice.Address, w.bob.Address) == 1 }))
	rdb.SAdd(context.Background(), ownership.ContractsKey(redisconf.DefaultPrefix), "1337:"+w.token.Hex())
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the announced contract's past mint", func() bool { return count(rec.got(), w.token, nil, zero, w.alice.Address) == 1 }))
}

// TestPublishFailureHoldsTheBlock: while the sink fails, the cursor stays
// before the transfer; it is published once the sink recovers.
func TestPublishFailureHoldsTheBlock(t *testing.T) {
	w := newWorld(t)
	id := w.mintPass(t, w.alice.Address)
	rec := &recorder{}
	x, _ := w.run(t, w.fastConfig(w.pass), rec, nil)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("started", func() bool { return x.Processed(testenv.ChainID) > 0 }))
	rec.mu.Lock()
	rec.fail = true
	rec.mu.Unlock()
	r := w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.bob.Address, id))
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("a publish failed", func() bool { return rec.failed() > 0 }))
	if p := x.Processed(testenv.ChainID); p >= r.BlockNumber.Uint64() {
		t.Fatalf("advanced to %d past an unpublished transfer in %d", p, r.BlockNumber)
	}
	rec.mu.Lock()
	rec.fail = false
	rec.mu.Unlock()
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("published after recovery", func() bool { return len(rec.got()) == 1 }))
}

// TestCursorThroughEveryRedis: the indexer reads the announced contracts and
// keeps its place through a password-protected Redis, a TLS-only one and a
// Redis Cluster, each dialled from its redis: block.
func TestCursorThroughEveryRedis(t *testing.T) {
	w := newWorld(t)
	for _, v := range testenv.RedisVariants(t) {
		t.Run(v.Name, func(t *testing.T) {
			rdb, err := redisconf.Dial(context.Background(), v.Conf, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { rdb.Close() })
			id := w.mintPass(t, w.alice.Address)
			x, stop := w.run(t, w.fastConfig(w.pass), &recorder{}, rdb)
			r := w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.bob.Address, id))
			testenv.WaitFor(t, 10*time.Second, testenv.Holds("the transfer is processed", func() bool { return x.Processed(testenv.ChainID) >= r.BlockNumber.Uint64() }))
			// Processed moves just before the save: wait for Redis to hold it.
			testenv.WaitFor(t, 10*time.Second, testenv.Holds("the block is saved", func() bool { return savedBlock(rdb, v.Conf.Prefix) >= r.BlockNumber.Uint64() }))
			stop()
		})
	}
}

// savedBlock is the block number the indexer saved in Redis (0: none yet).
func savedBlock(rdb redis.UniversalClient, prefix string) uint64 {
	saved, _ := rdb.Get(context.Background(), CursorKey(prefix, testenv.ChainID)).Result()
	num, _, _ := strings.Cut(saved, ":")
	n, _ := strconv.ParseUint(num, 10, 64)
	return n
}
