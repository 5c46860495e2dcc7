// Command premiere measures a premiere: N holders of an NFT pass sign in
// (EIP-4361), request a playback token and fetch the first segment within
// one arrival window, against the edge hosting the signer, the indexer and
// Redis, with the chain's RPC behind a rate-limiting proxy shaped like a
// hosted free tier. It prints, last,
//
//	premiere wallets=N ok=X p95_ms=Y rpc_calls=Z rpc_429=W
//
// where rpc_calls counts the ownership checks' calls to the RPC during the
// premiere (the indexer's are reported apart) and rpc_429 every request the
// proxy refused then. With -compare it first makes the same run with the
// other -indexed setting. See bench/README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/streamgate/streamgate/bench/internal/proc"
	"github.com/streamgate/streamgate/internal/testenv"
)

// options are the command's flags.
type options struct {
	wallets     int
	arrival     time.Duration
	rate        float64
	indexed     bool
	compare     bool
	batchWindow time.Duration
	streamgate  string
	redisServer string
	portBase    int
	keep        bool
}

func (o *options) flags(fs *flag.FlagSet) {
	fs.IntVar(&o.wallets, "wallets", 10000, "holders of the pass, each one viewer")
	fs.DurationVar(&o.arrival, "arrival", 60*time.Second, "window over which the viewers press play, evenly spaced")
	fs.Float64Var(&o.rate, "rate", 25, "RPC calls per second the proxy allows (token bucket, bursts of one second's calls); 429 beyond")
	fs.BoolVar(&o.indexed, "indexed", true, "answer ERC-721 checks from the indexer's ownership state (false: today's RPC checks)")
	fs.BoolVar(&o.compare, "compare", false, "first make the same run with the other -indexed setting")
	fs.DurationVar(&o.batchWindow, "batch-window", 5*time.Millisecond, "ownership.batch_window of the edge and signer")
	fs.StringVar(&o.streamgate, "streamgate", "", "streamgate binary `path` (default: go build ./cmd/streamgate into the work dir)")
	fs.StringVar(&o.redisServer, "redis-server", "redis-server", "redis-server binary")
	fs.IntVar(&o.portBase, "ports", 0, "listen on ports from this one up (chain, proxy, Redis, indexer metrics, edge: 5 per run); 0 = free ports")
	fs.BoolVar(&o.keep, "keep", false, "keep the work dir (configs, logs) for inspection")
}

func (o *options) validate() error {
	switch {
	case o.wallets < 1:
		return fmt.Errorf("-wallets: want >= 1, got %d", o.wallets)
	case o.wallets > 254*65536:
		return fmt.Errorf("-wallets: at most %d (one loopback address each)", 254*65536)
	case o.arrival <= 0:
		return fmt.Errorf("-arrival: want > 0, got %s", o.arrival)
	case o.rate <= 0:
		return fmt.Errorf("-rate: want > 0, got %v", o.rate)
	case o.portBase < 0 || o.portBase > 65535-10:
		return fmt.Errorf("-ports: want 0 or a port, got %d", o.portBase)
	}
	return nil
}

func main() {
	var o options
	o.flags(flag.CommandLine)
	flag.Parse()
	if err := o.validate(); err != nil {
		fmt.Fprintln(os.Stderr, "premiere:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	_, err := runAll(ctx, o, os.Stdout)
	if err != nil && ctx.Err() != nil {
		err = fmt.Errorf("interrupted; servers stopped (%w)", err)
	}
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "premiere:", err)
		os.Exit(1)
	}
}

// report is one run's figures.
type report struct {
	indexed      bool
	wallets, ok  int
	p50, p95     time.Duration
	rpcCalls     int64 // the checks' calls during the premiere
	rpc429       int64 // requests the proxy refused during the premiere
	indexerCalls int64 // the indexer's calls during the premiere
	fails        map[string]int
}

func (r report) line() string {
	return fmt.Sprintf("premiere wallets=%d ok=%d p95_ms=%d rpc_calls=%d rpc_429=%d",
		r.wallets, r.ok, r.p95.Milliseconds(), r.rpcCalls, r.rpc429)
}

// runAll makes the runs and writes their reports to out, the -indexed
// run's premiere line last. It returns the reports in run order.
func runAll(ctx context.Context, o options, out io.Writer) ([]report, error) {
	root, err := testenv.RepoRoot()
	if err != nil {
		return nil, err
	}
	if o.redisServer, err = exec.LookPath(o.redisServer); err != nil {
		return nil, fmt.Errorf("redis-server: %w (make deps installs it)", err)
	}
	dir, err := os.MkdirTemp("", "premiere-")
	if err != nil {
		return nil, err
	}
	if o.keep {
		fmt.Fprintln(os.Stderr, "premiere: work dir", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	bin, err := proc.StreamgateBinary(ctx, root, dir, o.streamgate)
	if err != nil {
		return nil, err
	}
	w, err := newWallets(o.wallets + 1) // the last holds no pass: the gate check
	if err != nil {
		return nil, err
	}
	order := []bool{o.indexed}
	if o.compare {
		order = []bool{!o.indexed, o.indexed}
	}
	var reports []report
	for i, indexed := range order {
		ro := o
		ro.indexed = indexed
		if o.portBase > 0 {
			ro.portBase = o.portBase + 5*i
		}
		r, err := runOne(ctx, ro, bin, filepath.Join(dir, fmt.Sprintf("run%d", i)), w)
		if err != nil {
			return reports, err
		}
		r.print(out)
		reports = append(reports, r)
	}
	if len(reports) == 2 {
		fmt.Fprintf(out, "\nindexed=%v: %s\n", reports[0].indexed, reports[0].line())
	}
	fmt.Fprintln(out, reports[len(reports)-1].line())
	return reports, nil
}

func (r report) print(out io.Writer) {
	fmt.Fprintf(out, "indexed=%v: %d viewers, %d ok, p50 %d ms, p95 %d ms; RPC during the premiere: checks %d calls, indexer %d calls, %d answered 429\n",
		r.indexed, r.wallets, r.ok, r.p50.Milliseconds(), r.p95.Milliseconds(), r.rpcCalls, r.indexerCalls, r.rpc429)
	keys := make([]string, 0, len(r.fails))
	for k := range r.fails {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(out, "  failed: %-50s %d\n", k, r.fails[k])
	}
}

// runOne starts a fresh stack, checks the gate, runs the premiere and
// stops everything.
func runOne(ctx context.Context, o options, bin, dir string, w *wallets) (report, error) {
	holders := &wallets{keys: w.keys[:o.wallets], addrs: w.addrs[:o.wallets]}
	s := &stack{}
	defer s.close()
	if err := startStack(ctx, o, bin, dir, holders, s); err != nil {
		return report{}, err
	}
	// The gate must refuse a wallet without a pass, or it checks nothing.
	outsider := newViewer(s.base, viewerIP(o.wallets), w.keys[o.wallets], s.segment)
	res := outsider.run(ctx)
	outsider.close()
	if res.fail != "playback: 403 policy_unmet" {
		return report{}, s.edge.Failed(fmt.Errorf("gate check: a wallet without the pass got %q, want playback: 403 policy_unmet", res.fail))
	}
	checks0, idx0 := s.rpc.Total(labelChecks), s.rpc.Total(labelIndexer)
	limited0 := s.rpc.Limited(labelChecks) + s.rpc.Limited(labelIndexer)
	fmt.Fprintf(os.Stderr, "premiere: indexed=%v, %d viewers over %s, RPC limited to %v calls/s\n", o.indexed, o.wallets, o.arrival, o.rate)
	sum := summarize(premiere(ctx, s.base, holders, o.arrival, s.segment))
	if ctx.Err() != nil {
		return report{}, ctx.Err()
	}
	r := report{
		indexed: o.indexed, wallets: o.wallets, ok: sum.ok, p50: sum.p50, p95: sum.p95, fails: sum.fails,
		rpcCalls:     s.rpc.Total(labelChecks) - checks0,
		indexerCalls: s.rpc.Total(labelIndexer) - idx0,
		rpc429:       s.rpc.Limited(labelChecks) + s.rpc.Limited(labelIndexer) - limited0,
	}
	fmt.Fprintf(os.Stderr, "premiere: RPC by label and method over the whole run:\n%s\n", s.rpc.Summary())
	return r, nil
}
