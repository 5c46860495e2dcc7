package main

import (
	"path/filepath"
	"reflect"
	"strings"
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
	// --check-config opens what the edge opens at start, naming the key.
	{"missing jwks file", "", "EDGE_TOKEN_JWKS=/nonexistent/jwks.json", "token.jwks: open /nonexistent/jwks.json"},
	{"jwks file not a JWKS", "", "EDGE_TOKEN_JWKS=.streamgate/keys/signing.pem", "token.jwks: "},
	{"missing origin folder", "", "EDGE_ORIGIN_REGIONS=[{name: local, dir: /nonexistent/origin}]", "origin.regions local: opening origin folder"},
	{"missing s3 ca file", "", `EDGE_ORIGIN_REGIONS=[{name: eu, s3: {endpoint: "127.0.0.1:9000", bucket: media, tls: true, ca_file: /nonexistent/ca.pem}}]`, "origin.regions[0].s3.ca_file: open /nonexistent/ca.pem"},
	{"s3 ca file not PEM", "", `EDGE_ORIGIN_REGIONS=[{name: eu, s3: {endpoint: "127.0.0.1:9000", bucket: media, tls: true, ca_file: .streamgate/keys/jwks.json}}]`, "ca_file: no PEM certificate"},
	{"missing redis ca file", "redis: {addr: 127.0.0.1:1, tls: true, ca_file: /nonexistent/ca.pem}\n", "", "redis.ca_file: open /nonexistent/ca.pem"},
	{"missing redis password file", "redis: {addr: 127.0.0.1:1, password_file: /nonexistent/pw}\n", "", "redis.password_file: open /nonexistent/pw"},
	{"hosting edge ignores token.jwks", "signer: CONFIGS/signer.yaml\ntoken: {jwks: /nonexistent/jwks.json}\n", "SIGNER_DOMAINS=a.example", ""},
	{"hosted signer's missing key", "signer: CONFIGS/signer.yaml\n", "SIGNER_DOMAINS=a.example;SIGNER_KEYS_FILES=/nonexistent/k.pem", "signer: keys.files[0]: open /nonexistent/k.pem"},
	{"missing signer file", "", "EDGE_SIGNER=/nonexistent/signer.yaml", "signer: /nonexistent/signer.yaml"},
}

// TestEdgeCheckConfig runs `streamgate edge --check-config` as operators and
// the Terraform user-data do.
func TestEdgeCheckConfig(t *testing.T) {
	configs, err := filepath.Abs("../../configs")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range edgeConfigCases {
		// CONFIGS is the shipped configs' folder; env holds ;-separated pairs.
		yaml := strings.ReplaceAll(tc.yaml, "CONFIGS", configs)
		t.Run(tc.name, func(t *testing.T) { checkConfig(t, "edge", runEdge, yaml, strings.Split(tc.env, ";"), tc.want) })
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
	if len(cfg.HTTP.Proxies.TrustedProxies) == 0 {
		cfg.HTTP.Proxies.TrustedProxies = nil
	}
	want := defaultEdgeConfig()
	if err := conf.AbsPaths(&want); err != nil { // Load resolves the file's paths too
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Fatalf("configs/edge.yaml differs from the defaults:\n got %+v\nwant %+v", cfg, want)
	}
}
