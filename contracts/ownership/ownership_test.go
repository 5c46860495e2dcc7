package ownership

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"

	"github.com/streamgate/streamgate/contracts/chainrpc"
	"github.com/streamgate/streamgate/internal/testenv"
)

func allow(c *Checker, wallet common.Address, p string, t *testing.T) error {
	return c.Allow(context.Background(), wallet, mustPolicy(t, p))
}

func wantUnmet(t *testing.T, err error, contains string) {
	t.Helper()
	var ue *UnmetError
	if !errors.As(err, &ue) || !errors.Is(err, ErrNotHeld) || !strings.Contains(err.Error(), contains) {
		t.Fatalf("err = %v, want an UnmetError naming %q", err, contains)
	}
}

func TestERC721MintTransferBurn(t *testing.T) {
	w := newWorld(t)
	c := w.checker(t, nil)
	p := cond721(w)
	if err := allow(c, w.alice.Address, p, t); err == nil {
		t.Fatal("alice allowed before holding a pass")
	}
	id := w.mintPass(t, w.alice.Address)
	if err := c.Invalidate(context.Background(), testenv.ChainID, w.pass, uint256.MustFromBig(id), common.Address{}, w.alice.Address); err != nil {
		t.Fatal(err)
	}
	if err := allow(c, w.alice.Address, p, t); err != nil {
		t.Fatalf("holder refused: %v", err)
	}
	wantUnmet(t, allow(c, w.bob.Address, p, t), "ERC-721 of "+w.pass.Hex())

	w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.bob.Address, id))
	if err := c.Invalidate(context.Background(), testenv.ChainID, w.pass, uint256.MustFromBig(id), w.alice.Address, w.bob.Address); err != nil {
		t.Fatal(err)
	}
	wantUnmet(t, allow(c, w.alice.Address, p, t), "ERC-721")
	if err := allow(c, w.bob.Address, p, t); err != nil {
		t.Fatalf("new holder refused: %v", err)
	}

	byID := `{"chain_id":1337,"contract":"` + w.pass.Hex() + `","standard":"erc721","token_ids":["` + id.String() + `","999"]}`
	if err := allow(c, w.bob.Address, byID, t); err != nil {
		t.Fatalf("owner of listed token refused: %v", err)
	}
	w.chain.Transact(t, w.bob, w.pass, accessPass.PackBurn(id))
	if err := c.Invalidate(context.Background(), testenv.ChainID, w.pass, uint256.MustFromBig(id), w.bob.Address); err != nil {
		t.Fatal(err)
	}
	wantUnmet(t, allow(c, w.bob.Address, byID, t), "tokens "+id.String()+", 999")
	wantUnmet(t, allow(c, w.bob.Address, p, t), "ERC-721")
}

func TestERC1155AndERC20Balances(t *testing.T) {
	w := newWorld(t)
	w.chain.Transact(t, w.owner, w.multi, multiPass.PackMint(w.alice.Address, big.NewInt(7), big.NewInt(3)))
	w.chain.Transact(t, w.owner, w.token, testToken.PackMint(w.alice.Address, big.NewInt(5e18)))
	c := w.checker(t, nil)
	multi := func(least string) string {
		return `{"chain_id":1337,"contract":"` + w.multi.Hex() + `","standard":"erc1155","token_id":"7","min_balance":"` + least + `"}`
	}
	erc20 := func(least string) string {
		return `{"chain_id":1337,"contract":"` + w.token.Hex() + `","standard":"erc20","min_balance":"` + least + `"}`
	}
	cases := []struct {
		policy string
		wallet common.Address
		ok     bool
	}{
		{multi("3"), w.alice.Address, true},
		{multi("4"), w.alice.Address, false},
		{multi("1"), w.bob.Address, false},
		{erc20("5000000000000000000"), w.alice.Address, true},
		{erc20("5000000000000000001"), w.alice.Address, false},
		{`{"any":[` + multi("4") + `,` + erc20("1") + `]}`, w.alice.Address, true},
		{`{"all":[` + multi("3") + `,` + erc20("1") + `]}`, w.alice.Address, true},
		{`{"all":[` + multi("3") + `,` + erc20("1") + `,` + cond721(w) + `]}`, w.alice.Address, false},
		{`{"any":[` + multi("1") + `,` + erc20("1") + `]}`, w.bob.Address, false},
	}
	for i, tc := range cases {
		err := allow(c, tc.wallet, tc.policy, t)
		if tc.ok != (err == nil) || err != nil && !errors.Is(err, ErrNotHeld) {
			t.Errorf("case %d: err = %v, want ok=%v", i, err, tc.ok)
		}
	}
}

// TestCoalescing: 100 concurrent checks of a cold wallet make one eth_call.
func TestCoalescing(t *testing.T) {
	w := newWorld(t)
	w.mintPass(t, w.alice.Address)
	c := w.checker(t, nil)
	p := mustPolicy(t, cond721(w))
	w.resetCounts()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	start := make(chan struct{})
	for range 100 {
		wg.Go(func() {
			<-start
			errs <- c.Allow(context.Background(), w.alice.Address, p)
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := w.calls("eth_call"); n != 1 {
		t.Fatalf("100 concurrent checks made %d eth_calls, want 1", n)
	}
}

// TestBatching: three conditions on one chain make one Multicall3 call, or
// three parallel calls where the chain has no Multicall3.
func TestBatching(t *testing.T) {
	w := newWorld(t)
	p := `{"all":[` + cond721(w) +
		`,{"chain_id":1337,"contract":"` + w.multi.Hex() + `","standard":"erc1155","token_id":"1"}` +
		`,{"chain_id":1337,"contract":"` + w.token.Hex() + `","standard":"erc20"}]}`
	for _, tc := range []struct {
		multicall string
		calls     int
	}{{w.multicall.Hex(), 1}, {"none", 3}, {common.Address{1}.Hex(), 3}} {
		c := w.checker(t, func(cfg *Config) { cfg.Chains[0].Multicall3 = tc.multicall })
		w.resetCounts()
		wantUnmet(t, allow(c, w.alice.Address, p, t), "ERC-721")
		if n := w.calls("eth_call"); n != tc.calls {
			t.Errorf("multicall3 %s: %d eth_calls, want %d", tc.multicall, n, tc.calls)
		}
	}
}

func TestRPCFailover(t *testing.T) {
	w := newWorld(t)
	w.mintPass(t, w.alice.Address)
	dead := "http://127.0.0.1:" + testenv.FreePort(t)
	m := NewMetrics(nil)
	c := w.checker(t, func(cfg *Config) { cfg.Chains[0].RPC = []string{dead, w.rpc} })
	c.metrics = m
	c.dialChains()
	if err := allow(c, w.alice.Address, cond721(w), t); err != nil {
		t.Fatalf("failover: %v", err)
	}
	// The dead endpoint is tried first twice: by the one-time Multicall3
	// probe (batching across wallets needs to know) and by the call.
	if got := counterValue(m.rpcFailures.WithLabelValues("transport")); got != 2 {
		t.Fatalf("rpc transport failures = %v, want 2 (the dead endpoint, for the probe and the call)", got)
	}
}

// TestGraceAndUnavailable: with every endpoint down, a recent positive
// still counts; a wallet never seen gets ErrUnavailable, not a refusal.
func TestGraceAndUnavailable(t *testing.T) {
	w := newWorld(t)
	w.mintPass(t, w.alice.Address)
	hung := testenv.Hung(t)
	var rpc = []string{w.rpc}
	c := w.checker(t, func(cfg *Config) {
		cfg.PositiveTTL, cfg.NegativeTTL, cfg.CallTimeout = 50*time.Millisecond, 50*time.Millisecond, 200*time.Millisecond
		cfg.Chains[0].RPC = rpc
	})
	if err := allow(c, w.alice.Address, cond721(w), t); err != nil {
		t.Fatal(err)
	}
	c.chains[testenv.ChainID] = chainrpc.New(ChainConfig{ID: testenv.ChainID, RPC: []string{hung}, Multicall3: "none"}, chainrpc.Options{Timeout: 200 * time.Millisecond})
	c.batch[testenv.ChainID] = newBatcher(c.chains[testenv.ChainID], &c.cfg)
	time.Sleep(100 * time.Millisecond) // past the positive TTL, within grace
	if err := allow(c, w.alice.Address, cond721(w), t); err != nil {
		t.Fatalf("grace: %v", err)
	}
	start := time.Now()
	err := allow(c, w.bob.Address, cond721(w), t)
	if !errors.Is(err, ErrUnavailable) || errors.Is(err, ErrNotHeld) {
		t.Fatalf("unknown wallet with the chain down: err = %v, want ErrUnavailable", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("a hung RPC held the check for %s", d)
	}
}
