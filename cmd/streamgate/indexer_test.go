package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamgate/streamgate/contracts/indexer"
	"github.com/streamgate/streamgate/contracts/ownership"
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
	{"seeds from env replace the default addr, need a mode", "", "INDEXER_REDIS_ADDRS=10.0.0.1:6379,10.0.0.2:6379", "redis.addrs: want redis.cluster: true"},
}

// TestIndexerRedisRefused: a Redis that refuses the indexer's password
// (INDEXER_REDIS_PASSWORD) stops `streamgate indexer` at start, naming the key.
func TestIndexerRedisRefused(t *testing.T) {
	r := testenv.RedisPassword(t, "right-password")
	t.Setenv("INDEXER_REDIS_ADDR", r.Addr)
	t.Setenv("INDEXER_REDIS_PASSWORD", "wrong-password")
	t.Setenv("INDEXER_METRICS_LISTEN", "127.0.0.1:0")
	t.Setenv("INDEXER_INDEXER_CHAINS", `[{id: 1, rpc: ["http://127.0.0.1:1"]}]`)
	err := runIndexer([]string{"--config", "../../configs/indexer.yaml"}, quietLog)
	if err == nil || !strings.HasPrefix(err.Error(), "redis.password: WRONGPASS") {
		t.Fatalf("err = %v, want redis.password: WRONGPASS…", err)
	}
}

// TestIndexerCheckConfig runs `streamgate indexer --check-config`.
func TestIndexerCheckConfig(t *testing.T) {
	for _, tc := range indexerConfigCases {
		t.Run(tc.name, func(t *testing.T) {
			checkConfig(t, "indexer", runIndexer, tc.yaml, strings.Split(tc.env, ";"), tc.want)
		})
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

// The shipped config follows no chain: started with it, the indexer says
// so instead of exiting 0 at once. (--check-config passes it: the chains
// may come from an environment only the service gets.)
func TestIndexerWithoutChains(t *testing.T) {
	err := runIndexer([]string{"--config", "../../configs/indexer.yaml"}, quietLog)
	if err == nil || !strings.HasPrefix(err.Error(), "indexer.chains: no chain to follow") {
		t.Fatalf("err = %v", err)
	}
}

// The indexer's last log line says why it stopped: a signal (exit 0), or
// the metrics listener it cannot serve (an error main prints).
func TestIndexerSaysWhyItStops(t *testing.T) {
	cfg := indexer.DefaultConfig()
	cfg.Chains = []indexer.ChainConfig{{ID: 1, RPC: []string{"http://127.0.0.1:1"}}}
	sink := indexer.SinkFunc(func(context.Context, ...ownership.Invalidation) error { return nil })
	x, err := indexer.New(cfg, indexer.Deps{Sink: sink}, quietLog)
	if err != nil {
		t.Fatal(err)
	}
	var logs lockedBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveIndexer(ctx, x, "127.0.0.1:0", prometheus.NewRegistry(), log) }()
	testenv.WaitFor(t, 10*time.Second, func() error {
		if !strings.Contains(logs.String(), "indexer metrics listening") {
			return errors.New("not listening yet")
		}
		return nil
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("stopped by a signal: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, "indexer stopped: SIGINT or SIGTERM received") {
		t.Fatalf("last log line %q", last)
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	if err := serveIndexer(context.Background(), x, busy.Addr().String(), prometheus.NewRegistry(), log); err == nil || !strings.Contains(err.Error(), "metrics_listen") {
		t.Fatalf("busy metrics port: %v", err)
	}
}

// lockedBuffer is a log sink a test may read while the service writes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
