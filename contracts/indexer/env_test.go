package indexer

import (
	"context"
	"io"
	"log/slog"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/internal/testenv"
)

var (
	accessPass = bindings.NewAccessPass()
	multiPass  = bindings.NewMultiPass()
	testToken  = bindings.NewTestToken()
)

// world is a simulated chain with the project's ERC-721, ERC-1155 and
// ERC-20 contracts.
type world struct {
	chain              *testenv.ChainEnv
	owner, alice, bob  *testenv.Account
	pass, multi, token common.Address
	quiet              *slog.Logger
}

func newWorld(t testing.TB) *world {
	return worldOn(t, testenv.Chain(t))
}

func worldOn(t testing.TB, c *testenv.ChainEnv) *world {
	w := &world{chain: c, owner: c.Accounts[0], alice: c.Accounts[1], bob: c.Accounts[2], quiet: slog.New(slog.NewTextHandler(io.Discard, nil))}
	w.pass = c.Deploy(t, w.owner, &bindings.AccessPassMetaData, accessPass.PackConstructor("Pass", "PASS", w.owner.Address))
	w.multi = c.Deploy(t, w.owner, &bindings.MultiPassMetaData, multiPass.PackConstructor("https://example.test/{id}.json", w.owner.Address))
	w.token = c.Deploy(t, w.owner, &bindings.TestTokenMetaData, testToken.PackConstructor("Test", "TST", w.owner.Address))
	return w
}

func (w *world) mintPass(t testing.TB, to common.Address) *big.Int {
	r := w.chain.Transact(t, w.owner, w.pass, accessPass.PackMint(to))
	return r.Logs[0].Topics[3].Big()
}

// recorder is a Sink that keeps what it is given.
type recorder struct {
	mu       sync.Mutex
	invs     []ownership.Invalidation
	fail     bool
	failures int // Publish calls refused while fail was set
}

func (r *recorder) Publish(_ context.Context, invs ...ownership.Invalidation) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail {
		r.failures++
		return io.ErrClosedPipe
	}
	r.invs = append(r.invs, invs...)
	return nil
}

func (r *recorder) failed() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failures
}

func (r *recorder) got() []ownership.Invalidation {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]ownership.Invalidation(nil), r.invs...)
}

// count returns how many invalidations match id (nil: an ERC-20's) from
// and to.
func count(invs []ownership.Invalidation, contract common.Address, id *big.Int, from, to common.Address) int {
	n := 0
	for _, inv := range invs {
		idOK := inv.ID == nil && id == nil || inv.ID != nil && id != nil && inv.ID.ToBig().Cmp(id) == 0
		if inv.Contract == contract && idOK && inv.From == from && inv.To == to {
			n++
		}
	}
	return n
}

// fastConfig follows the world's chain every few milliseconds, with no
// repeats or backfill (tests count publications).
func (w *world) fastConfig(contracts ...common.Address) Config {
	cfg := DefaultConfig()
	cfg.PollInterval, cfg.RepeatAfter, cfg.ContractsRefresh, cfg.Backfill = 5*time.Millisecond, 0, 20*time.Millisecond, 0
	ch := ChainConfig{ID: testenv.ChainID, RPC: []string{w.chain.RPCURL}}
	for _, c := range contracts {
		ch.Contracts = append(ch.Contracts, c.Hex())
	}
	cfg.Chains = []ChainConfig{ch}
	return cfg
}

// run starts an indexer until the test ends or stop is called.
func (w *world) run(t testing.TB, cfg Config, sink Sink, rdb redis.UniversalClient) (x *Indexer, stop func()) {
	t.Helper()
	x, err := New(cfg, Deps{Sink: sink, Redis: rdb, Prefix: redisconf.DefaultPrefix}, w.quiet)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		if err := x.Run(ctx); err != nil {
			t.Error(err)
		}
		close(done)
	}()
	stop = sync.OnceFunc(func() { cancel(); <-done })
	t.Cleanup(stop)
	return x, stop
}
