package indexer

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/internal/testenv"
)

var batchPass = bindings.NewBatchPass()

// stateWorld is the world plus a BatchPass whose constructor minted ids 1–4
// to alice and 5–7 to bob in two ERC-2309 batches.
type stateWorld struct {
	*world
	batch  common.Address
	rdb    redis.UniversalClient
	rng    *rand.Rand
	wallet []*testenv.Account
}

func newStateWorld(t *testing.T) *stateWorld {
	w := &stateWorld{world: newWorld(t)}
	w.batch = w.chain.Deploy(t, w.owner, &bindings.BatchPassMetaData, batchPass.PackConstructor("Batch", "BP", w.owner.Address,
		[]common.Address{w.alice.Address, w.bob.Address}, []*big.Int{big.NewInt(4), big.NewInt(3)}))
	w.rdb = testenv.Redis(t).Client
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	w.rng = rand.New(rand.NewPCG(seed, seed))
	w.wallet = w.chain.Accounts
	return w
}

func (w *stateWorld) config() Config {
	cfg := w.fastConfig(w.pass, w.multi, w.batch, w.token)
	cfg.State = DefaultStateConfig()
	cfg.State.Enabled, cfg.State.BackfillRange, cfg.State.BackfillRate = true, 3, 1000 // many small backfill ranges
	return cfg
}

func (w *stateWorld) pick() *testenv.Account { return w.wallet[w.rng.IntN(len(w.wallet))] }

func (w *stateWorld) account(a common.Address) *testenv.Account {
	for _, acc := range w.wallet {
		if acc.Address == a {
			return acc
		}
	}
	return nil
}

// ownerOf reads an ERC-721 owner from the chain (zero when none).
func (w *stateWorld) ownerOf(t *testing.T, contract common.Address, id int64) common.Address {
	out, err := w.chain.Client.CallContract(t.Context(), ethereum.CallMsg{To: &contract, Data: erc721.PackOwnerOf(big.NewInt(id))}, nil)
	if err != nil { // a revert: no owner
		return common.Address{}
	}
	a, err := erc721.UnpackOwnerOf(out)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func (w *stateWorld) call(t *testing.T, contract common.Address, data []byte) *big.Int {
	out, err := w.chain.Client.CallContract(t.Context(), ethereum.CallMsg{To: &contract, Data: data}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return new(big.Int).SetBytes(out)
}

// maxID is the highest ERC-721 id the tests touch.
const maxID = 40

// randomOps mints, transfers, batch-transfers and burns at random on the
// ERC-721, BatchPass, ERC-1155 and ERC-20 contracts, one block each.
func (w *stateWorld) randomOps(t *testing.T, n int) {
	tiers := []*big.Int{big.NewInt(1), big.NewInt(2), big.NewInt(3)}
	for range n {
		to := w.pick()
		switch w.rng.IntN(9) {
		case 0:
			w.chain.Transact(t, w.owner, w.pass, accessPass.PackMint(to.Address))
		case 1:
			w.chain.Transact(t, w.owner, w.batch, batchPass.PackMintMany([]common.Address{to.Address, w.pick().Address, w.pick().Address}))
		case 2, 3: // move or burn a token someone holds
			c := []common.Address{w.pass, w.batch}[w.rng.IntN(2)]
			id := int64(1 + w.rng.IntN(maxID))
			holder := w.account(w.ownerOf(t, c, id))
			if holder == nil {
				continue
			}
			if w.rng.IntN(4) == 0 {
				w.chain.Transact(t, holder, c, accessPass.PackBurn(big.NewInt(id)))
			} else {
				w.chain.Transact(t, holder, c, accessPass.PackTransferFrom(holder.Address, to.Address, big.NewInt(id)))
			}
		case 4:
			w.chain.Transact(t, w.owner, w.multi, multiPass.PackMintBatch(to.Address, tiers, []*big.Int{big.NewInt(int64(w.rng.IntN(3))), big.NewInt(2), big.NewInt(int64(1 + w.rng.IntN(5)))}))
		case 5, 6: // batch transfer or burn of what a wallet holds
			from := w.pick()
			amounts := make([]*big.Int, len(tiers))
			for i, id := range tiers {
				bal := w.call(t, w.multi, multiPass.PackBalanceOf(from.Address, id))
				amounts[i] = big.NewInt(w.rng.Int64N(bal.Int64() + 1))
			}
			if w.rng.IntN(3) == 0 {
				w.chain.Transact(t, from, w.multi, multiPass.PackBurn(from.Address, tiers[0], amounts[0]))
			} else {
				w.chain.Transact(t, from, w.multi, multiPass.PackSafeBatchTransferFrom(from.Address, to.Address, tiers, amounts, nil))
			}
		case 7:
			w.chain.Transact(t, w.owner, w.token, testToken.PackMint(to.Address, big.NewInt(5)))
		case 8:
			w.chain.Transact(t, w.owner, w.multi, multiPass.PackMint(to.Address, tiers[1], big.NewInt(1)))
		}
	}
}

// caughtUp waits until the state is synced to the head and every token
// contract is live.
func (w *stateWorld) caughtUp(t *testing.T) {
	t.Helper()
	head, err := w.chain.Client.HeaderByNumber(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := cursor{num: head.Number.Uint64(), hash: head.Hash()}.String()
	testenv.WaitFor(t, 30*time.Second, func() error {
		ctx := context.Background()
		if v, _ := w.rdb.Get(ctx, ownership.StateSyncedKey(redisconf.DefaultPrefix, testenv.ChainID)).Result(); v != want {
			return fmt.Errorf("state synced %q, want %q", v, want)
		}
		st, _ := w.rdb.HGetAll(ctx, ownership.StateContractsKey(redisconf.DefaultPrefix, testenv.ChainID)).Result()
		for _, c := range []common.Address{w.pass, w.batch, w.multi} {
			if s := st[strings.ToLower(c.Hex())]; !strings.HasPrefix(s, "live:") {
				return fmt.Errorf("contract %s: status %q", c, s)
			}
		}
		if s := st[strings.ToLower(w.token.Hex())]; s != phaseERC20 {
			return fmt.Errorf("ERC-20 status %q, want erc20", s)
		}
		return nil
	})
}

// same fails unless the state equals ownerOf/balanceOf read from the chain
// for every id and wallet the tests touch.
func (w *stateWorld) same(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	key := func(c common.Address) string { return ownership.StateKey(redisconf.DefaultPrefix, testenv.ChainID, c) }
	checked := 0
	for _, c := range []common.Address{w.pass, w.batch} {
		for id := int64(1); id <= maxID; id++ {
			want := w.ownerOf(t, c, id)
			got, _ := w.rdb.HGet(ctx, key(c), ownership.OwnerField(uint256.NewInt(uint64(id)))).Result()
			if got == "" && want != (common.Address{}) || got != "" && common.HexToAddress(got) != want {
				t.Errorf("%s ownerOf(%d): state %q, chain %s", c, id, got, want)
			}
			checked++
		}
		for _, a := range w.wallet {
			want := w.call(t, c, erc721.PackBalanceOf(a.Address))
			if got := stateInt(ctx, w.rdb, key(c), ownership.BalanceField(a.Address)); got.Cmp(want) != 0 {
				t.Errorf("%s balanceOf(%s): state %s, chain %s", c, a.Address, got, want)
			}
			checked++
		}
	}
	for id := int64(1); id <= 3; id++ {
		for _, a := range w.wallet {
			want := w.call(t, w.multi, multiPass.PackBalanceOf(a.Address, big.NewInt(id)))
			if got := stateInt(ctx, w.rdb, key(w.multi), ownership.BalanceIDField(uint256.NewInt(uint64(id)), a.Address)); got.Cmp(want) != 0 {
				t.Errorf("ERC-1155 balanceOf(%s, %d): state %s, chain %s", a.Address, id, got, want)
			}
			checked++
		}
	}
	if n, _ := w.rdb.Exists(ctx, key(w.token)).Result(); n != 0 {
		t.Errorf("the ERC-20 has holder state")
	}
	t.Logf("%d values equal to the chain's", checked)
}

func stateInt(ctx context.Context, rdb redis.UniversalClient, key, field string) *big.Int {
	v, err := rdb.HGet(ctx, key, field).Result()
	if err != nil {
		return new(big.Int)
	}
	n, _ := new(big.Int).SetString(v, 10)
	return n
}

// TestStateEqualsChain: after random mints, transfers, batch transfers,
// burns and consecutive mints, read partly by backfill (before the indexer
// starts) and partly live, and after a reorg, the indexed state equals what
// ownerOf and balanceOf answer on the chain.
func TestStateEqualsChain(t *testing.T) {
	w := newStateWorld(t)
	w.randomOps(t, 30) // history: backfilled from each contract's deployment
	x, _ := w.run(t, w.config(), &recorder{}, w.rdb)
	w.caughtUp(t)
	w.same(t)

	w.randomOps(t, 40) // live
	w.caughtUp(t)
	w.same(t)

	// A reorg: blocks with transfers leave the chain for longer empty ones.
	parent := w.chain.Sim.Commit()
	w.randomOps(t, 6)
	w.caughtUp(t)
	if err := w.chain.Sim.Fork(parent); err != nil {
		t.Fatal(err)
	}
	w.chain.Sim.Rollback()
	for range 8 {
		w.chain.Sim.Commit()
	}
	w.caughtUp(t)
	w.same(t)
	if n := testutil.ToFloat64(x.followers[testenv.ChainID].m.reorgs); n != 1 {
		t.Fatalf("reorgs counted %v, want 1", n)
	}
	w.randomOps(t, 10) // and it keeps following after the reorg
	w.caughtUp(t)
	w.same(t)
}
