package main

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
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
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, tc := range edgeConfigCases {
		t.Run(tc.name, func(t *testing.T) {
			path := "../../configs/edge.yaml"
			if tc.yaml != "" {
				path = filepath.Join(t.TempDir(), "edge.yaml")
				if err := os.WriteFile(path, []byte(tc.yaml), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if k, v, ok := strings.Cut(tc.env, "="); ok {
				t.Setenv(k, v)
			}
			err := runEdge([]string{"--config", path, "--check-config"}, log)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}
