package main

import (
	"reflect"
	"testing"

	"github.com/streamgate/streamgate/internal/conf"
)

var edgeConfigCases = []struct {
	name, yaml, env, want string
}{
	{"shipped config", "", "", ""},
	{"zero budget", "cache:\n  max_bytes: 0\n", "", "cache.max_bytes: want > 0, got 0"},
	{"unknown key", "cache:\n  max_byte: 1\n", "", "line 2: cache.max_byte: no such key; did you mean cache.max_bytes?"},
	{"bad env", "", "EDGE_ORIGIN_TIMEOUT=soon", "EDGE_ORIGIN_TIMEOUT"},
	// The composition's keys keep their names in the file and the environment.
	{"bad indexer key", "indexer:\n  poll_interval: 0s\n", "", "indexer.poll_interval"},
	{"bad indexer env", "", "EDGE_INDEXER_POLL_INTERVAL=soon", "EDGE_INDEXER_POLL_INTERVAL"},
	// Issue 12: a typo in a variable is an error naming the closest key,
	// and a bad value names the variable, its key and what it wants.
	{"env typo", "", "EDGE_CAHCE_MAX_BYTES=1", "EDGE_CAHCE_MAX_BYTES: no such key; did you mean EDGE_CACHE_MAX_BYTES?"},
	{"env not an integer", "", "EDGE_CACHE_MAX_BYTES=abc", `EDGE_CACHE_MAX_BYTES (cache.max_bytes): want an integer, got "abc"`},
	{"missing signer file", "", "EDGE_SIGNER=/nonexistent/signer.yaml", "signer: /nonexistent/signer.yaml"},
}

// TestEdgeCheckConfig runs `streamgate edge --check-config` as operators and
// the Terraform user-data do.
func TestEdgeCheckConfig(t *testing.T) {
	for _, tc := range edgeConfigCases {
		t.Run(tc.name, func(t *testing.T) { checkConfig(t, "edge", runEdge, tc.yaml, []string{tc.env}, tc.want) })
	}
}

// TestShippedEdgeConfigIsDefault keeps configs/edge.yaml in step with the
// defaults: the edge's (edge.DefaultConfig) and the composition's keys.
func TestShippedEdgeConfigIsDefault(t *testing.T) {
	cfg := defaultEdgeConfig()
	cfg.Origin.Regions = nil
	if err := conf.Load("../../configs/edge.yaml", "EDGE_UNUSED", &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Ownership.Chains) == 0 {
		cfg.Ownership.Chains = nil // the file's "chains: []" is the default's nil
	}
	if len(cfg.Indexer.Chains) == 0 {
		cfg.Indexer.Chains = nil
	}
	want := defaultEdgeConfig()
	if err := conf.AbsPaths(&want); err != nil { // Load resolves the file's paths too
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Fatalf("configs/edge.yaml differs from the defaults:\n got %+v\nwant %+v", cfg, want)
	}
}
