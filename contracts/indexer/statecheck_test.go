package indexer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamgate/streamgate/asset/policy"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/internal/testenv"
)

// logsBlocker proxies JSON-RPC to target and, while on, fails every
// eth_getLogs with HTTP 503: an indexer behind it falls behind the head
// while still reading heads.
func logsBlocker(t *testing.T, target string) (string, *atomic.Bool) {
	u, _ := url.Parse(target)
	proxy := httputil.NewSingleHostReverseProxy(u)
	var on atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if on.Load() && bytes.Contains(body, []byte(`"eth_getLogs"`)) {
			http.Error(rw, "blocked", http.StatusServiceUnavailable)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		proxy.ServeHTTP(rw, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, &on
}

// counter reads a counter of reg by name.
func counter(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name {
			return mf.GetMetric()[0].GetCounter().GetValue()
		}
	}
	t.Fatalf("no metric %s", name)
	return 0
}

// lagGauge reads streamgate_ownership_state_lag_blocks of the test chain.
func lagGauge(t *testing.T, reg *prometheus.Registry) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != "streamgate_ownership_state_lag_blocks" {
			continue
		}
		for _, m := range mf.GetMetric() {
			if l := m.GetLabel(); len(l) == 1 && l[0].GetName() == "chain" && l[0].GetValue() == strconv.Itoa(testenv.ChainID) {
				return m.GetGauge().GetValue()
			}
		}
	}
	t.Fatal("no streamgate_ownership_state_lag_blocks for the test chain")
	return 0
}

// lagIs waits until the lag gauge satisfies ok.
func lagIs(t *testing.T, reg *prometheus.Registry, what string, ok func(float64) bool) {
	t.Helper()
	testenv.WaitFor(t, 10*time.Second, func() error {
		if v := lagGauge(t, reg); !ok(v) {
			return fmt.Errorf("lag gauge %v, want %s", v, what)
		}
		return nil
	})
}

func mustParse(t *testing.T, doc string) *policy.Policy {
	t.Helper()
	p, err := policy.Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestChecksFromState: with the indexer live and caught up, ERC-721 and
// ERC-1155 checks (holders and non-holders) make no RPC call; an ERC-20
// check does. A wallet that receives a pass is admitted, and one that sends
// it refused, within the indexer's usual latency, still without RPC. When
// the indexer falls behind past the bound, or stops, checks ask the chain.
func TestChecksFromState(t *testing.T) {
	w := newStateWorld(t)
	ctx := context.Background()
	id := w.mintPass(t, w.alice.Address)
	w.chain.Transact(t, w.owner, w.multi, multiPass.PackMint(w.alice.Address, big.NewInt(1), big.NewInt(2)))
	w.chain.Transact(t, w.owner, w.token, testToken.PackMint(w.wallet[4].Address, big.NewInt(5)))

	rpc, blockLogs := logsBlocker(t, w.chain.RPCURL)
	cfg := w.config()
	cfg.Chains[0].RPC = []string{rpc}
	cfg.State.LiveTTL = 300 * time.Millisecond
	_, stop := w.run(t, cfg, ownership.NewPublisher(w.rdb, redisconf.DefaultPrefix), w.rdb)
	w.caughtUp(t)

	ocfg := ownership.DefaultConfig()
	ocfg.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{w.chain.RPCURL}}}
	ocfg.State.Enabled, ocfg.State.Refresh = true, 10*time.Millisecond
	ocfg.PositiveTTL = 20 * time.Millisecond // what the state's trust outlasts
	reg := prometheus.NewRegistry()
	c, err := ownership.New(ocfg, w.rdb, redisconf.DefaultPrefix, ownership.NewMetrics(reg), w.quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	sctx, cancel := context.WithCancel(ctx)
	t.Cleanup(cancel)
	go ownership.NewSubscriber(w.rdb, redisconf.DefaultPrefix, c, w.quiet).Run(sctx)

	cond := func(c common.Address, std, extra string) *policy.Policy {
		return mustParse(t, `{"chain_id":1337,"contract":"`+c.Hex()+`","standard":"`+std+`"`+extra+`}`)
	}
	pass := cond(w.pass, "erc721", "")
	batchID2 := cond(w.batch, "erc721", `,"token_ids":["2"]`)
	tier1 := cond(w.multi, "erc1155", `,"token_id":"1"`)
	erc20 := cond(w.token, "erc20", "")
	rpcCalls := func() float64 { return counter(t, reg, "streamgate_ownership_rpc_calls_total") }

	// The checker reads the heartbeat every 10 ms: wait until the state
	// answers about every contract (a stranger's check makes no RPC call).
	testenv.WaitFor(t, 10*time.Second, func() error {
		before := rpcCalls()
		for _, p := range []*policy.Policy{pass, batchID2, tier1} {
			if err := c.Allow(ctx, testenv.NewAccount(t).Address, p); !errors.Is(err, ownership.ErrNotHeld) {
				return fmt.Errorf("stranger: %w", err)
			}
		}
		if rpcCalls() != before {
			return errors.New("the state does not answer yet")
		}
		return nil
	})
	before := rpcCalls()
	for name, p := range map[string]*policy.Policy{"erc721 balance": pass, "erc721 token id (ERC-2309 mint)": batchID2, "erc1155": tier1} {
		if err := c.Allow(ctx, w.alice.Address, p); err != nil {
			t.Errorf("%s: holder refused: %v", name, err)
		}
		if err := c.Allow(ctx, w.bob.Address, p); !errors.Is(err, ownership.ErrNotHeld) {
			t.Errorf("%s: non-holder: %v, want not held", name, err)
		}
	}
	if got := rpcCalls() - before; got != 0 {
		t.Fatalf("checks answered from the state made %v RPC calls, want 0", got)
	}
	if n := counter(t, reg, "streamgate_ownership_state_answers_total"); n == 0 {
		t.Fatal("no answer counted from the state")
	}
	// An answer from the state stays trusted past positive_ttl while the
	// indexer is live: asked after it, it is still memory.
	later := time.Now().Add(2 * ocfg.PositiveTTL)
	if err := c.AllowAt(ctx, w.alice.Address, pass, later); err != nil { // from the state if not yet
		t.Fatal(err)
	}
	answers := counter(t, reg, "streamgate_ownership_state_answers_total")
	if err := c.AllowAt(ctx, w.alice.Address, pass, later.Add(2*ocfg.PositiveTTL)); err != nil {
		t.Fatal(err)
	}
	if counter(t, reg, "streamgate_ownership_state_answers_total") != answers || rpcCalls() != before {
		t.Fatal("an answer from the state was read again after positive_ttl while the indexer is live")
	}
	if err := c.Allow(ctx, w.alice.Address, erc20); !errors.Is(err, ownership.ErrNotHeld) {
		t.Fatalf("erc20 non-holder: %v", err)
	}
	if rpcCalls() == before {
		t.Fatal("an ERC-20 check made no RPC call: ERC-20 balances are not indexed")
	}

	// Mid-premiere: bob receives a pass (a mint) and alice sends hers.
	before = rpcCalls()
	mined := time.Now()
	w.mintPass(t, w.bob.Address)
	testenv.WaitFor(t, 10*time.Second, func() error { return c.Allow(ctx, w.bob.Address, pass) })
	t.Logf("the new holder was admitted %s after the mint's block", time.Since(mined))
	mined = time.Now()
	w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.wallet[3].Address, id))
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the sender is refused", func() bool {
		return errors.Is(c.Allow(ctx, w.alice.Address, pass), ownership.ErrNotHeld)
	}))
	t.Logf("the sender was refused %s after the transfer's block", time.Since(mined))
	if got := rpcCalls() - before; got != 0 {
		t.Fatalf("admitting and revoking through the state made %v RPC calls, want 0", got)
	}

	// Behind past max_lag_blocks: new checks ask the chain.
	blockLogs.Store(true)
	for range int(ocfg.State.MaxLagBlocks) + 2 {
		w.chain.Sim.Commit()
	}
	asksChain := func() error {
		before := rpcCalls()
		stranger := testenv.NewAccount(t).Address
		if err := c.Allow(ctx, stranger, pass); !errors.Is(err, ownership.ErrNotHeld) {
			return fmt.Errorf("stranger: %w", err)
		}
		if rpcCalls() == before {
			return errors.New("a check still answered from the state")
		}
		return nil
	}
	testenv.WaitFor(t, 10*time.Second, asksChain)
	lagIs(t, reg, "> max_lag_blocks while the logs are blocked", func(v float64) bool { return v > float64(ocfg.State.MaxLagBlocks) })
	if err := c.Allow(ctx, w.bob.Address, pass); err != nil { // the chain agrees
		t.Fatalf("holder while the indexer lags: %v", err)
	}

	// Caught up again, then stopped: the heartbeat expires, checks ask the chain.
	blockLogs.Store(false)
	w.caughtUp(t)
	testenv.WaitFor(t, 10*time.Second, func() error {
		before := rpcCalls()
		if err := c.Allow(ctx, testenv.NewAccount(t).Address, pass); !errors.Is(err, ownership.ErrNotHeld) {
			return err
		}
		if rpcCalls() != before {
			return errors.New("still asking the chain")
		}
		return nil
	})
	lagIs(t, reg, "0 once caught up", func(v float64) bool { return v == 0 })
	stop()
	testenv.WaitFor(t, 10*time.Second, asksChain)
	lagIs(t, reg, "-1 without a heartbeat", func(v float64) bool { return v == -1 })
}

// TestStateBehindHeadAsksChainBeforeRefusing: with confirmations, the state
// is behind the head, so a "holds" from it is used at once but a "does not
// hold" is asked of the chain before a 403: a wallet that received a pass
// in the unconfirmed blocks is admitted.
func TestStateBehindHeadAsksChainBeforeRefusing(t *testing.T) {
	w := newStateWorld(t)
	ctx := context.Background()
	w.mintPass(t, w.alice.Address)
	w.chain.Sim.Commit() // alice's mint is confirmed (2 blocks deep)...
	w.chain.Sim.Commit()
	cfg := w.config()
	cfg.Chains[0].Confirmations = 2
	w.run(t, cfg, ownership.NewPublisher(w.rdb, redisconf.DefaultPrefix), w.rdb)
	w.mintPass(t, w.bob.Address) // unconfirmed: not in the state
	head, err := w.chain.Client.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	testenv.WaitFor(t, 30*time.Second, testenv.Holds("the state reaches head-2", func() bool {
		v, _ := w.rdb.Get(ctx, ownership.StateSyncedKey(redisconf.DefaultPrefix, testenv.ChainID)).Result()
		c, ok := parseCursor(v)
		st, _ := w.rdb.HGet(ctx, ownership.StateContractsKey(redisconf.DefaultPrefix, testenv.ChainID), strings.ToLower(w.pass.Hex())).Result()
		return ok && c.num == head.Number.Uint64()-2 && strings.HasPrefix(st, "live:")
	}))

	ocfg := ownership.DefaultConfig()
	ocfg.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{w.chain.RPCURL}}}
	ocfg.State.Enabled, ocfg.State.Refresh = true, 10*time.Millisecond
	reg := prometheus.NewRegistry()
	c, err := ownership.New(ocfg, w.rdb, redisconf.DefaultPrefix, ownership.NewMetrics(reg), w.quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	pass := mustParse(t, `{"chain_id":1337,"contract":"`+w.pass.Hex()+`","standard":"erc721"}`)
	rpcCalls := func() float64 { return counter(t, reg, "streamgate_ownership_rpc_calls_total") }
	answers := func() float64 { return counter(t, reg, "streamgate_ownership_state_answers_total") }
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("a holder is answered from the state", func() bool {
		// Drop what an earlier try cached, from the chain or the state.
		if err := c.Invalidate(ctx, testenv.ChainID, w.pass, nil, w.alice.Address); err != nil {
			t.Fatal(err)
		}
		before, from := rpcCalls(), answers()
		return c.Allow(ctx, w.alice.Address, pass) == nil && rpcCalls() == before && answers() > from
	}))
	before := rpcCalls()
	if err := c.Allow(ctx, w.bob.Address, pass); err != nil {
		t.Fatalf("a holder of an unconfirmed mint: %v", err)
	}
	if rpcCalls() == before {
		t.Fatal("a zero from a state behind the head was used without asking the chain")
	}
	before = rpcCalls()
	if err := c.Allow(ctx, w.wallet[3].Address, pass); !errors.Is(err, ownership.ErrNotHeld) {
		t.Fatalf("non-holder: %v", err)
	}
	if rpcCalls() == before {
		t.Fatal("a 403 without a fresh check while the state is behind the head")
	}
}
