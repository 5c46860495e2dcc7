package main

import (
	"bytes"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/signer"
)

// TestDemoFlags: --playback-ttl and --session-ttl default to the signer's
// lifetimes, take a Go duration, and refuse one that is not > 0.
func TestDemoFlags(t *testing.T) {
	def := signer.DefaultConfig()
	o, help, err := parseDemo(nil)
	if help || err != nil || o.playbackTTL != def.PlaybackTTL || o.sessionTTL != def.SessionTTL || o.listen != "127.0.0.1:8080" {
		t.Fatalf("defaults: %+v %v %v", o, help, err)
	}
	o, _, err = parseDemo([]string{"--playback-ttl", "40s", "--session-ttl=10m", "--sample-seconds", "4"})
	if err != nil || o.playbackTTL != 40*time.Second || o.sessionTTL != 10*time.Minute || o.seconds != 4 {
		t.Fatalf("parsed %+v %v", o, err)
	}
	for _, args := range [][]string{{"--playback-ttl", "0s"}, {"--playback-ttl", "-1m"}, {"--session-ttl", "0"}, {"--playback-ttl", "40"}} {
		if _, _, err := parseDemo(args); err == nil || !strings.Contains(err.Error(), strings.TrimPrefix(args[0], "-")) {
			t.Errorf("%q: err = %v, want the flag named", args, err)
		}
	}
}

// clearDemoEnv unsets every variable the demo refuses, restored after t.
func clearDemoEnv(t *testing.T) {
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		for _, p := range []string{"EDGE_", "SIGNER_", "INDEXER_", "TRANSCODER_"} {
			if strings.HasPrefix(name, p) {
				t.Setenv(name, value) // restores it after the test
				os.Unsetenv(name)
			}
		}
	}
}

// TestDemoEnv: the demo loads no config, so each service's variable set
// in the environment is refused at start, named with its key and the demo
// flag that does its job (a typo with the closest name); an allow-listed
// variable is not refused, as for the service, but logged as unread.
func TestDemoEnv(t *testing.T) {
	clearDemoEnv(t)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	if err := demoEnv(log); err != nil {
		t.Fatalf("clean environment: %v", err)
	}
	for name, want := range map[string]string{
		"SIGNER_PLAYBACK_TTL":           "SIGNER_PLAYBACK_TTL (playback_ttl): pass --playback-ttl instead",
		"SIGNER_SESSION_TTL":            "SIGNER_SESSION_TTL (session_ttl): pass --session-ttl instead",
		"EDGE_LISTEN":                   "EDGE_LISTEN (listen): pass --listen instead",
		"SIGNER_PLAYBAK_TTL":            "SIGNER_PLAYBAK_TTL: no such key; did you mean SIGNER_PLAYBACK_TTL? (pass --playback-ttl)",
		"EDGE_CACHE_MAX_BYTES":          "EDGE_CACHE_MAX_BYTES (cache.max_bytes): no demo flag sets it",
		"EDGE_INDEXER_POLL_INTERVAL":    "EDGE_INDEXER_POLL_INTERVAL (indexer.poll_interval): no demo flag sets it",
		"INDEXER_REDIS_ADDR":            "INDEXER_REDIS_ADDR (redis.addr): no demo flag sets it",
		"TRANSCODER_QUEUE_WORKERS":      "TRANSCODER_QUEUE_WORKERS (queue.workers): no demo flag sets it",
		"SIGNER_QQQQQQQQQQQQQQQQQQQQQQ": "SIGNER_QQQQQQQQQQQQQQQQQQQQQQ: no such key",
	} {
		t.Run(name, func(t *testing.T) {
			t.Setenv(name, "40s")
			err := demoEnv(log)
			if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "unset them") {
				t.Fatalf("err = %v, want %q", err, want)
			}
		})
	}
	t.Setenv(signer.EnvKeysPEM, "-----BEGIN PRIVATE KEY-----")
	if err := demoEnv(log); err != nil {
		t.Fatalf("%s refused: %v", signer.EnvKeysPEM, err)
	}
	if !strings.Contains(logs.String(), signer.EnvKeysPEM) {
		t.Fatalf("%s not logged as unread: %s", signer.EnvKeysPEM, logs.String())
	}
}

// Every variable the demo maps to a flag sets a key of its service: a
// renamed key must not leave a dead hint behind.
func TestDemoEnvFlagsAreKeys(t *testing.T) {
	clearDemoEnv(t)
	for name := range demoEnvFlags {
		t.Setenv(name, "x")
	}
	found := map[string]bool{}
	for _, svc := range demoEnvServices() {
		for _, v := range conf.SetEnv(svc.prefix, svc.cfg, conf.AllowEnv(svc.allow...)) {
			found[v.Name] = v.Key != ""
		}
	}
	for name := range demoEnvFlags {
		if !found[name] {
			t.Errorf("%s sets no key", name)
		}
	}
}
