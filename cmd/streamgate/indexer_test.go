package main

import (
	"net"
	"reflect"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamgate/streamgate/contracts/indexer"
	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/testenv"
)

// TestShippedIndexerConfigIsDefault keeps configs/indexer.yaml in step.
func TestShippedIndexerConfigIsDefault(t *testing.T) {
	cfg := indexer.DefaultServiceConfig()
	if err := conf.Load("../../configs/indexer.yaml", "INDEXER_UNUSED", &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Indexer.Chains) == 0 {
		cfg.Indexer.Chains = nil
	}
	if want := indexer.DefaultServiceConfig(); !reflect.DeepEqual(cfg, want) {
		t.Fatalf("configs/indexer.yaml differs from the defaults:\n got %+v\nwant %+v", cfg, want)
	}
}

var indexerConfigCases = []struct {
	name, yaml, env, want string
}{
	{"shipped config", "", "", ""},
	{"no redis", "redis:\n  addr: \"\"\n", "", "redis.addr"},
	{"chain without rpc", "indexer:\n  chains: [{id: 1}]\n", "", "indexer.chains[0].rpc"},
	{"backfill over range", "indexer:\n  max_range: 10\n  backfill: 11\n", "", "indexer.backfill"},
	{"bad contract", "indexer:\n  chains: [{id: 1, rpc: [http://x], contracts: [0x12]}]\n", "", "indexer.chains[0].contracts"},
	{"bad env", "", "INDEXER_INDEXER_POLL_INTERVAL=soon", "INDEXER_INDEXER_POLL_INTERVAL"},
	{"missing password file", "", "INDEXER_REDIS_PASSWORD_FILE=/nonexistent/pw", "redis.password_file: open /nonexistent/pw"},
	{"env typo", "", "INDEXER_REDIS_PASWORD=x", "INDEXER_REDIS_PASWORD: no such key; did you mean INDEXER_REDIS_PASSWORD?"},
	{"cluster prefix without a hash tag", "redis:\n  cluster: true\n  prefix: \"sg:\"\n", "", "redis.prefix"},
	{"ca file without tls", "", "INDEXER_REDIS_CA_FILE=/etc/ca.pem", "redis.ca_file"},
	{"cluster seeds from env", "", "INDEXER_REDIS_ADDRS=10.0.0.1:6379,10.0.0.2:6379", "redis.addrs: set redis.addr or redis.addrs"},
}

// TestIndexerRedisRefused: a Redis that refuses the indexer's password
// (INDEXER_REDIS_PASSWORD) stops `streamgate indexer` at start, naming the key.
func TestIndexerRedisRefused(t *testing.T) {
	r := testenv.RedisPassword(t, "right-password")
	t.Setenv("INDEXER_REDIS_ADDR", r.Addr)
	t.Setenv("INDEXER_REDIS_PASSWORD", "wrong-password")
	t.Setenv("INDEXER_METRICS_LISTEN", "127.0.0.1:0")
	err := runIndexer([]string{"--config", "../../configs/indexer.yaml"}, quietLog)
	if err == nil || !strings.HasPrefix(err.Error(), "redis.password: WRONGPASS") {
		t.Fatalf("err = %v, want redis.password: WRONGPASS…", err)
	}
}

// TestIndexerCheckConfig runs `streamgate indexer --check-config`.
func TestIndexerCheckConfig(t *testing.T) {
	for _, tc := range indexerConfigCases {
		t.Run(tc.name, func(t *testing.T) { checkConfig(t, "indexer", runIndexer, tc.yaml, []string{tc.env}, tc.want) })
	}
}

// TestIndexerRoutes: the indexer's metrics listener answers an unknown path
// with the JSON 404, and serves /healthz and /metrics.
func TestIndexerRoutes(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httperr.NewNetServer(indexerRoutes(prometheus.NewRegistry()), quietLog)
	go func() { _ = srv.Serve(ln) }() // ends with the test
	t.Cleanup(func() { srv.Close() })
	addr := ln.Addr().String()
	resp, body := testenv.RawHTTP(t, addr, "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n")
	testenv.WantJSONError(t, resp, body, 404, "not_found")
	for _, path := range []string{"/healthz", "/metrics"} {
		if resp, body := testenv.RawHTTP(t, addr, "GET "+path+" HTTP/1.1\r\nHost: x\r\n\r\n"); resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
		}
	}
}
