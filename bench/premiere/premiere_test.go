package main

import (
	"strings"
	"testing"
	"time"
)

// TestPremiereSmoke is the benchmark's smoke mode, -wallets 500 -arrival
// 10s, with and without the indexed state. It runs under -short too: it is
// how `go test ./bench/premiere -short` keeps the benchmark working. With
// the indexed state every holder plays, with no check reaching the
// rate-limited RPC; without it, viewers the RPC cannot answer get a 5xx to
// retry, never a refusal.
func TestPremiereSmoke(t *testing.T) {
	o := options{wallets: 500, arrival: 10 * time.Second, rate: 25, indexed: true, compare: true,
		batchWindow: 5 * time.Millisecond, redisServer: "redis-server"}
	var out strings.Builder
	reports, err := runAll(t.Context(), o, &out)
	t.Logf("\n%s", out.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 2 || reports[0].indexed || !reports[1].indexed {
		t.Fatalf("reports %+v, want a run without the indexed state, then one with it", reports)
	}
	last := out.String()[strings.LastIndex(strings.TrimSuffix(out.String(), "\n"), "\n")+1:]
	if !strings.HasPrefix(last, "premiere wallets=500 ok=") {
		t.Errorf("last line %q, want the premiere line", last)
	}
	for _, r := range reports {
		for reason, n := range r.fails {
			if !strings.Contains(reason, ": 5") {
				t.Errorf("indexed=%v: %d holders failed with %q: a holder gets a 5xx at worst", r.indexed, n, reason)
			}
		}
	}
	r := reports[1]
	if r.ok != o.wallets || r.rpc429 != 0 || r.rpcCalls > int64(o.wallets/100) {
		t.Errorf("indexed state: %s, want ok=%d rpc_429=0 rpc_calls<=%d", r.line(), o.wallets, o.wallets/100)
	}
}
