package ownership

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/holiman/uint256"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/streamgate/streamgate/internal/testenv"
)

func counterValue(c prometheus.Counter) float64 { return testutil.ToFloat64(c) }

// TestSharedLayer: a second checker (another edge) answers from Redis
// without touching the chain, and an invalidation reaches both.
func TestSharedLayer(t *testing.T) {
	w := newWorld(t)
	id := w.mintPass(t, w.alice.Address)
	rdb := testenv.Redis(t).Client
	mk := func() *Checker {
		cfg := DefaultConfig()
		cfg.Chains = []ChainConfig{{ID: testenv.ChainID, RPC: []string{w.rpc}, Multicall3: "none"}}
		c, err := New(cfg, rdb, "sg:", nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c.Close)
		return c
	}
	a, b := mk(), mk()
	w.resetCounts()
	if err := allow(a, w.alice.Address, cond721(w), t); err != nil {
		t.Fatal(err)
	}
	if err := allow(b, w.alice.Address, cond721(w), t); err != nil {
		t.Fatal(err)
	}
	if n := w.calls("eth_call"); n != 1 {
		t.Fatalf("two checkers sharing Redis made %d eth_calls, want 1", n)
	}
	key := "sg:own:1337:" + lower(w.pass.Hex()) + ":_:" + lower(w.alice.Address.Hex())
	val, err := rdb.Get(context.Background(), key).Result()
	if err != nil || val[:2] != "1:" {
		t.Fatalf("redis %s = %q, %v", key, val, err)
	}
	if ttl := rdb.PTTL(context.Background(), key).Val(); ttl <= 0 || ttl > time.Minute {
		t.Fatalf("redis TTL %s, want the positive TTL", ttl)
	}
	if err := a.Invalidate(context.Background(), testenv.ChainID, w.pass, uint256.MustFromBig(id), w.alice.Address); err != nil {
		t.Fatal(err)
	}
	if n, _ := rdb.Exists(context.Background(), key).Result(); n != 0 {
		t.Fatal("invalidation left the Redis entry")
	}
}

func lower(s string) string { return strings.ToLower(s) }
