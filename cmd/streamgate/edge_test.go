package main

import (
	"testing"
)

var edgeConfigCases = []struct {
	name, yaml, env, want string
}{
	{"shipped config", "", "", ""},
	{"zero budget", "cache:\n  max_bytes: 0\n", "", "cache.max_bytes: want > 0, got 0"},
	{"unknown key", "cache:\n  max_byte: 1\n", "", "field max_byte not found"},
	{"bad env", "", "EDGE_ORIGIN_TIMEOUT=soon", "EDGE_ORIGIN_TIMEOUT"},
}

// TestEdgeCheckConfig runs `streamgate edge --check-config` as operators and
// the Terraform user-data do.
func TestEdgeCheckConfig(t *testing.T) {
	for _, tc := range edgeConfigCases {
		t.Run(tc.name, func(t *testing.T) { checkConfig(t, "edge", runEdge, tc.yaml, []string{tc.env}, tc.want) })
	}
}
