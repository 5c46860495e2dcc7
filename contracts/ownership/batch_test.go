package ownership

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/internal/testenv"
)

// checkAll runs one check per wallet, all at once, and returns their errors
// in wallet order.
func checkAll(c *Checker, wallets []common.Address, p string, t *testing.T) []error {
	pol := mustPolicy(t, p)
	errs := make([]error, len(wallets))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, a := range wallets {
		wg.Go(func() {
			<-start
			errs[i] = c.Allow(context.Background(), a, pol)
		})
	}
	close(start)
	wg.Wait()
	return errs
}

// TestBatchAcrossWallets: 100 concurrent first checks of different wallets
// on one contract reach the RPC as one aggregate3 eth_call, and each wallet
// gets its own answer.
func TestBatchAcrossWallets(t *testing.T) {
	w := newWorld(t)
	wallets := make([]common.Address, 100)
	for i := range wallets {
		wallets[i] = common.BytesToAddress([]byte{0xbb, byte(i + 1)})
		if i%5 == 0 {
			w.mintPass(t, wallets[i])
		}
	}
	// A wide window so that all 100 join one batch however slowly the
	// goroutines start; the batch goes when it holds BatchMax calls.
	c := w.checker(t, func(cfg *Config) { cfg.BatchWindow, cfg.BatchMax = time.Second, 100 })
	w.resetCounts()
	for i, err := range checkAll(c, wallets, cond721(w), t) {
		if i%5 == 0 && err != nil {
			t.Errorf("holder %d: %v", i, err)
		} else if i%5 != 0 {
			wantUnmet(t, err, "ERC-721")
		}
	}
	if n := w.calls("eth_call"); n != 1 {
		t.Fatalf("100 concurrent first checks of different wallets made %d eth_calls, want 1 aggregate3", n)
	}
	t.Logf("100 first checks: %d eth_call, %d eth_getCode (the Multicall3 probe)", w.calls("eth_call"), w.calls("eth_getCode"))

	// Without Multicall3 each check makes its own call, as before batching.
	c = w.checker(t, func(cfg *Config) { cfg.BatchWindow, cfg.BatchMax, cfg.Chains[0].Multicall3 = time.Second, 100, "none" })
	w.resetCounts()
	checkAll(c, wallets[:10], cond721(w), t)
	if n := w.calls("eth_call"); n != 10 {
		t.Fatalf("without Multicall3: %d eth_calls for 10 wallets, want 10", n)
	}
}

// TestBatchBadSubAnswer: an endpoint that answers one wallet's share of a
// joined aggregate3 impossibly (31 bytes from a contract) fails that wallet
// with ErrUnavailable; the others in the batch get their true answers.
func TestBatchBadSubAnswer(t *testing.T) {
	w := newWorld(t)
	alice, bob, carol := w.alice.Address, w.bob.Address, common.Address{0xca}
	w.mintPass(t, alice)
	w.mintPass(t, bob)
	rpc := shortFor(t, w.rpc, w.multicall, bob)
	c := w.checker(t, func(cfg *Config) {
		cfg.BatchWindow, cfg.BatchMax = time.Second, 3
		cfg.Chains[0].RPC = []string{rpc}
	})
	w.resetCounts()
	errs := checkAll(c, []common.Address{alice, bob, carol}, cond721(w), t)
	if errs[0] != nil {
		t.Errorf("alice (holds): %v", errs[0])
	}
	if !errors.Is(errs[1], ErrUnavailable) || errors.Is(errs[1], ErrNotHeld) {
		t.Errorf("bob (answered impossibly): %v, want ErrUnavailable", errs[1])
	}
	wantUnmet(t, errs[2], "ERC-721")
	// One joined aggregate3, then each wallet on its own: alice's and
	// carol's reach the node, bob's the faulty proxy answers itself.
	if n := w.calls("eth_call"); n != 3 {
		t.Errorf("%d eth_calls reached the node, want 3 (one aggregate3, then alice's and carol's own)", n)
	}
}

// shortFor is a JSON-RPC proxy to target that answers every eth_call about
// wallet with 31 bytes, one short of an ABI word: a direct call whose data
// names it, or its sub-result inside a Multicall3 aggregate3 to multicall.
func shortFor(t *testing.T, target string, multicall, wallet common.Address) string {
	u, _ := url.Parse(target)
	proxy := httputil.NewSingleHostReverseProxy(u)
	mc := bindings.NewMulticall3()
	outputs := mc.GetABI().Methods["aggregate3"].Outputs
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var req struct {
			ID     json.RawMessage
			Method string
			Params []json.RawMessage
		}
		var call struct {
			To    common.Address
			Input hexutil.Bytes
			Data  hexutil.Bytes
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if json.Unmarshal(body, &req) != nil || req.Method != "eth_call" || json.Unmarshal(req.Params[0], &call) != nil {
			proxy.ServeHTTP(rw, r)
			return
		}
		input := call.Input // go-ethereum sends "input"; older clients "data"
		if len(input) == 0 {
			input = call.Data
		}
		if call.To != multicall {
			if bytes.Contains(input, wallet.Bytes()) {
				reply(t, rw, req.ID, make([]byte, 31))
				return
			}
			proxy.ServeHTTP(rw, r)
			return
		}
		rec := httptest.NewRecorder()
		r.Header.Del("Accept-Encoding") // a plain body to rewrite
		proxy.ServeHTTP(rec, r)
		var res struct{ Result hexutil.Bytes }
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Errorf("aggregate3 answer: %v", err)
			return
		}
		calls, err := mc.GetABI().Methods["aggregate3"].Inputs.Unpack(input[4:])
		results, err2 := mc.UnpackAggregate3(res.Result)
		if err != nil || err2 != nil {
			t.Errorf("aggregate3: %v %v", err, err2)
			return
		}
		for i, cl := range calls[0].([]struct {
			Target       common.Address `json:"target"`
			AllowFailure bool           `json:"allowFailure"`
			CallData     []byte         `json:"callData"`
		}) {
			if bytes.Contains(cl.CallData, wallet.Bytes()) {
				results[i].ReturnData = results[i].ReturnData[:31]
			}
		}
		out, err := outputs.Pack(results)
		if err != nil {
			t.Errorf("packing aggregate3 answer: %v", err)
			return
		}
		reply(t, rw, req.ID, out)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func reply(t *testing.T, rw http.ResponseWriter, id json.RawMessage, result []byte) {
	rw.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(rw).Encode(map[string]any{"jsonrpc": "2.0", "id": id, "result": hexutil.Bytes(result)}); err != nil {
		t.Error(err)
	}
}

// TestBatchProbeFailsOnce: while the chain refuses (429) or hangs, the
// Multicall3 probe that batching needs is sent once, not before each check,
// and concurrent first checks do not queue behind repeated probes; every
// check is ErrUnavailable, never a refusal.
func TestBatchProbeFailsOnce(t *testing.T) {
	w := newWorld(t)
	for _, mode := range []testenv.FaultMode{testenv.FaultTooMany, testenv.FaultHang} {
		t.Run(mode.String(), func(t *testing.T) {
			f := testenv.FaultProxy(t, w.chain.RPCURL)
			f.Set(mode)
			c := w.checker(t, func(cfg *Config) {
				cfg.CallTimeout = 200 * time.Millisecond
				cfg.Chains[0].RPC = []string{f.URL}
			})
			wallets := make([]common.Address, 20)
			for i := range wallets {
				wallets[i] = common.BytesToAddress([]byte{0xcc, byte(i + 1)})
			}
			for i, err := range checkAll(c, wallets, cond721(w), t) {
				if !errors.Is(err, ErrUnavailable) || errors.Is(err, ErrNotHeld) {
					t.Fatalf("wallet %d: %v, want ErrUnavailable", i, err)
				}
			}
			if err := allow(c, w.alice.Address, cond721(w), t); !errors.Is(err, ErrUnavailable) {
				t.Fatalf("a later check: %v, want ErrUnavailable", err)
			}
			if n := f.Calls("eth_getCode"); n != 1 {
				t.Fatalf("%d Multicall3 probes for 21 checks, want 1", n)
			}
		})
	}
}
