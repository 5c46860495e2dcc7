package indexer

import (
	"slices"
	"testing"
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
