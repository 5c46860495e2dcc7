package indexer

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
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/internal/testenv"
)

// methodCounter proxies JSON-RPC to target and counts requests by method
// (each call of a batch).
func methodCounter(t *testing.T, target string) (string, func() map[string]int) {
	u, _ := url.Parse(target)
	proxy := httputil.NewSingleHostReverseProxy(u)
	var mu sync.Mutex
	counts := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var one struct{ Method string }
		var many []struct{ Method string }
		mu.Lock()
		if json.Unmarshal(body, &many) == nil {
			for _, m := range many {
				counts[m.Method]++
			}
		} else if json.Unmarshal(body, &one) == nil {
			counts[one.Method]++
		}
		mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		proxy.ServeHTTP(rw, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() map[string]int {
		mu.Lock()
		defer mu.Unlock()
		out := map[string]int{}
		for k, v := range counts {
			out[k] = v
		}
		return out
	}
}

// TestStateScale: 2000 wallets each receive a BatchPass (mintMany); the
// indexer backfills them from the deployment; 2000 concurrent first checks
// then make no RPC call with the state on, and one eth_call (or batch) each
// with it off. Figures are logged, not asserted.
func TestStateScale(t *testing.T) {
	testenv.NotShort(t, "2000 holders on the dev chain (~20 s)")
	const holders, perTx = 2000, 20
	w := newStateWorld(t)
	wallets := make([]common.Address, holders)
	for i := range wallets {
		wallets[i] = testenv.NewAccount(t).Address
	}
	for i := 0; i < holders; i += perTx {
		r := w.chain.Transact(t, w.owner, w.batch, batchPass.PackMintMany(wallets[i:i+perTx]))
		if i == 0 {
			t.Logf("mintMany of %d: %d gas", perTx, r.GasUsed)
		}
	}
	rpc, calls := methodCounter(t, w.chain.RPCURL)
	cfg := w.config()
	cfg.Chains[0].RPC = []string{rpc}
	cfg.State.BackfillRange = 2000
	began := time.Now()
	w.run(t, cfg, ownership.NewPublisher(w.rdb, redisconf.DefaultPrefix), w.rdb)
	w.caughtUp(t)
	t.Logf("backfill of %d holders in %d blocks: %s; indexer calls %v", holders+7, holders/perTx, time.Since(began), calls())

	pass := mustParse(t, `{"chain_id":1337,"contract":"`+w.batch.Hex()+`","standard":"erc721"}`)
	for _, on := range []bool{true, false} {
		ocfg := ownership.DefaultConfig()
		ocfg.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{w.chain.RPCURL}, Multicall3: "none"}}
		ocfg.State.Enabled, ocfg.State.Refresh = on, 10*time.Millisecond
		reg := prometheus.NewRegistry()
		c, err := ownership.New(ocfg, w.rdb, redisconf.DefaultPrefix, ownership.NewMetrics(reg), w.quiet)
		if err != nil {
			t.Fatal(err)
		}
		if on { // until the checker has read the heartbeat
			testenv.WaitFor(t, 10*time.Second, testenv.Holds("the state answers", func() bool {
				before := counter(t, reg, "streamgate_ownership_rpc_calls_total")
				return errors.Is(c.Allow(context.Background(), testenv.NewAccount(t).Address, pass), ownership.ErrNotHeld) &&
					counter(t, reg, "streamgate_ownership_rpc_calls_total") == before
			}))
		}
		before := counter(t, reg, "streamgate_ownership_rpc_calls_total")
		lat := make([]time.Duration, holders)
		var wg sync.WaitGroup
		var failed sync.Map
		next := make(chan int)
		for range 32 {
			wg.Go(func() {
				for i := range next {
					start := time.Now()
					if err := c.Allow(context.Background(), wallets[i], pass); err != nil {
						failed.Store(i, err)
					}
					lat[i] = time.Since(start)
				}
			})
		}
		for i := range wallets {
			next <- i
		}
		close(next)
		wg.Wait()
		unavailable := 0
		failed.Range(func(k, v any) bool {
			// Without the state a loaded RPC may time out: a 503, today's
			// behaviour. A denial of a holder is wrong either way, and with
			// the state nothing may fail.
			if err := v.(error); on || !errors.Is(err, ownership.ErrUnavailable) {
				t.Errorf("state %v: holder %d: %v", on, k, err)
			}
			unavailable++
			return true
		})
		rpcCalls := counter(t, reg, "streamgate_ownership_rpc_calls_total") - before
		slices.Sort(lat)
		t.Logf("state %-5v: %d first checks of distinct holders, 32 at a time: p50 %s p95 %s max %s, rpc_calls %v, unavailable %d",
			on, holders, lat[holders/2], lat[holders*95/100], lat[holders-1], rpcCalls, unavailable)
		if on && rpcCalls != 0 {
			t.Errorf("with the state live, %d first checks made %v RPC calls, want 0", holders, rpcCalls)
		}
		c.Close()
	}
}
