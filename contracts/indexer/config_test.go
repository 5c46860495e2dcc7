package indexer

import (
	"bytes"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamgate/streamgate/contracts/ownership"
)

// TestInherit: an in-process indexer follows every ownership chain; its own
// entries keep their settings and take ownership's endpoints only when
// they list none.
func TestInherit(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Chains = []ChainConfig{
		{ID: 1, Confirmations: 2},
		{ID: 10, RPC: []string{"wss://own.example/ws"}, Confirmations: 1},
		{ID: 99, RPC: []string{"http://only-indexer.example"}},
	}
	own := []ChainConfig{
		{ID: 1, RPC: []string{"https://a.example"}, Multicall3: "none"},
		{ID: 10, RPC: []string{"https://b.example"}},
		{ID: 137, RPC: []string{"https://c.example"}},
	}
	got := cfg.Inherit(own).Chains
	want := []ChainConfig{
		{ID: 1, RPC: []string{"https://a.example"}, Confirmations: 2},
		{ID: 10, RPC: []string{"wss://own.example/ws"}, Confirmations: 1},
		{ID: 99, RPC: []string{"http://only-indexer.example"}},
		{ID: 137, RPC: []string{"https://c.example"}},
	}
	eq := func(a, b ChainConfig) bool {
		return a.ID == b.ID && slices.Equal(a.RPC, b.RPC) && a.Confirmations == b.Confirmations && slices.Equal(a.Contracts, b.Contracts)
	}
	if !slices.EqualFunc(got, want, eq) {
		t.Fatalf("Inherit = %+v, want %+v", got, want)
	}
	if len(cfg.Chains[0].RPC) != 0 {
		t.Fatal("Inherit changed the receiver's chains")
	}
}

// TestStateDefaults: the state is on by default, and off without Redis
// with one INFO line for all chains, not a warning per chain; the in-process
// indexer (never Redis) says nothing, its checker does. A poll_interval the
// default live_ttl cannot cover is an error naming both ways out.
func TestStateDefaults(t *testing.T) {
	if !DefaultConfig().State.Enabled {
		t.Fatal("indexer.state.enabled is off by default")
	}
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg := DefaultConfig()
	cfg.Chains = []ChainConfig{{ID: 1, RPC: []string{"http://127.0.0.1:1"}}, {ID: 10, RPC: []string{"http://127.0.0.1:1"}}}
	x, err := New(cfg, Deps{Sink: &recorder{}}, log)
	if err != nil {
		t.Fatal(err)
	}
	for id, f := range x.followers {
		if f.keeper != nil {
			t.Errorf("chain %d keeps the state without Redis", id)
		}
	}
	if got := buf.String(); strings.Count(got, "level=INFO msg=\"indexer.state off") != 1 || strings.Count(got, "\n") != 1 {
		t.Fatalf("without Redis, want one INFO line, got:\n%s", got)
	}

	buf.Reset()
	ocfg := ownership.DefaultConfig()
	ocfg.Chains = cfg.Chains
	c, err := ownership.New(ocfg, nil, "sg:", nil, log)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := Local(cfg, c, prometheus.NewRegistry(), log); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); strings.Count(got, "level=INFO msg=\"ownership.state off") != 1 || strings.Count(got, "\n") != 1 {
		t.Fatalf("checker and in-process indexer without Redis: want the checker's one INFO line, got:\n%s", got)
	}

	cfg.PollInterval = 5 * time.Second
	err = cfg.Validate()
	if err == nil || !strings.Contains(err.Error(), "indexer.state.live_ttl") || !strings.Contains(err.Error(), "indexer.state.enabled: false") {
		t.Fatalf("poll_interval 5s with the default live_ttl: %v, want an error naming live_ttl and enabled", err)
	}
	cfg.State.Enabled = false
	if err := cfg.Validate(); err != nil {
		t.Fatalf("poll_interval 5s with the state off: %v", err)
	}
}
