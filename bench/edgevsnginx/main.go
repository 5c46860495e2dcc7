// Command edgevsnginx load-tests the StreamGate edge against nginx on the
// same files, with each server pinned to CPU0 and wrk pinned to CPU1, and
// prints req/s, MB/s, p99 latency and CPU per request for both.
//
// Run it from the repository: go run ./bench/edgevsnginx. See bench/README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// options are the command's flags.
type options struct {
	duration   time.Duration
	rounds     int
	conns      int
	streamgate string
	out        string
	keep       bool
	gate       bool
	viewers    int
	profile    string             // folder for CPU profiles, "" = none
	perf       string             // folder for perf profiles and counts, "" = none
	rates      map[string]float64 // open-loop req/s by payload; absent = no open-loop run
	floorLowat int                // the floor's TCP_NOTSENT_LOWAT
	shaped     time.Duration      // the shaped link's netem delay; < 0: no shaped link
}

func main() {
	// The benchmark's own helper processes: this binary again, pinned to a
	// core of its own (see floor.go and openloop.go).
	if len(os.Args) > 1 && (os.Args[1] == "floor" || os.Args[1] == "openloop") {
		helperMain(os.Args[1], os.Args[2:])
		return
	}
	var o options
	var rate, shaped string
	flag.DurationVar(&o.duration, "duration", 5*time.Second, "length of one wrk run")
	flag.IntVar(&o.rounds, "rounds", 3, "interleaved rounds; the report shows medians over them")
	flag.IntVar(&o.conns, "connections", 32, "wrk connections (one wrk thread)")
	flag.StringVar(&o.streamgate, "streamgate", "", "streamgate binary `path` (default: go build ./cmd/streamgate into the work dir)")
	flag.StringVar(&o.out, "out", "bench/results/edgevsnginx.txt", "report file; a relative path is taken from the repository root")
	flag.BoolVar(&o.keep, "keep", false, "keep the work dir (configs, logs) for inspection")
	flag.BoolVar(&o.gate, "gate", true, "gate the asset on an ERC-721 pass on a simulated chain (false: a public asset)")
	flag.IntVar(&o.viewers, "viewers", 50, "CDN scenario: viewers playing the CDN-mode asset at once through the nginx cache stand-in (0: skip)")
	flag.StringVar(&o.profile, "profile", "", "write a CPU profile of the edge and of the floor during each wrk run into `DIR` (pprof format)")
	flag.StringVar(&o.perf, "perf", "", "record each wrk run of every server with perf into `DIR` (kernel and user call graphs, system call and context switch counts)")
	flag.StringVar(&rate, "rate", "", "open-loop runs at a fixed offered rate, the same for every server: `N` req/s for every payload, or e.g. playlist=20000,segment=800,key=20000 (\"\": none)")
	flag.IntVar(&o.floorLowat, "floor-lowat", 16384, "the floor's TCP_NOTSENT_LOWAT in bytes (the edge's http.not_sent_lowat default; 0: the kernel's default)")
	flag.StringVar(&shaped, "shaped", "20ms", "also measure over a veth link from a network namespace with netem `DELAY` (round trip); 0s: the veth without delay; off: none")
	flag.Parse()
	var err error
	if o.rates, err = parseRates(rate); err != nil {
		fmt.Fprintln(os.Stderr, "edgevsnginx: -rate:", err)
		os.Exit(2)
	}
	if o.shaped, err = parseShaped(shaped); err != nil {
		fmt.Fprintln(os.Stderr, "edgevsnginx: -shaped:", err)
		os.Exit(2)
	}
	if err := o.validate(); err != nil {
		fmt.Fprintln(os.Stderr, "edgevsnginx:", err)
		os.Exit(2)
	}
	for r, p := range o.rates {
		switch n := p * o.duration.Seconds(); {
		case n > maxOpenLoopRequests:
			fmt.Fprintf(os.Stderr, "edgevsnginx: -rate: %s=%g for %s is %.0f requests, over the %d one open-loop run holds\n", r, p, o.duration, n, maxOpenLoopRequests)
			os.Exit(2)
		case n < minOpenLoopRequests:
			fmt.Fprintf(os.Stderr, "edgevsnginx: -rate: %s=%g for %s is %.0f requests; a p99 needs at least %d\n", r, p, o.duration, n, minOpenLoopRequests)
			os.Exit(2)
		}
	}
	// SIGPIPE too: with stdout piped into a reader that quits (| head), Go
	// would otherwise die at the next write and leave the servers running.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGPIPE)
	err = run(ctx, o)
	if err != nil && ctx.Err() != nil {
		err = fmt.Errorf("interrupted; servers stopped (%w)", err)
	}
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "edgevsnginx:", err)
		os.Exit(1)
	}
}

func (o *options) validate() error {
	switch {
	case o.duration < time.Second:
		return fmt.Errorf("-duration: want >= 1s, got %s", o.duration)
	case o.rounds < 1:
		return fmt.Errorf("-rounds: want >= 1, got %d", o.rounds)
	case o.viewers < 0:
		return fmt.Errorf("-viewers: want >= 0, got %d", o.viewers)
	case o.conns < 1:
		return fmt.Errorf("-connections: want >= 1, got %d", o.conns)
	case o.floorLowat < 0:
		return fmt.Errorf("-floor-lowat: want >= 0, got %d", o.floorLowat)
	case runtime.NumCPU() < 2:
		// Servers on CPU0 and the load generator on CPU1 is the whole
		// point: sharing one core would measure the scheduler.
		return errors.New("need at least 2 CPUs (servers on CPU0, wrk on CPU1)")
	}
	return nil
}

// helperMain runs one of the helper processes until it is done or signaled.
func helperMain(name string, args []string) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	var err error
	if name == "floor" {
		err = floorMain(ctx, args)
	} else {
		err = openLoopMain(ctx, args)
	}
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "edgevsnginx %s: %v\n", name, err)
		os.Exit(1)
	}
}

// parseRates reads -rate: "" (none), one number for every payload, or
// payload=number pairs separated by commas.
func parseRates(s string) (map[string]float64, error) {
	rates := map[string]float64{}
	if s == "" {
		return rates, nil
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if v <= 0 || math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, fmt.Errorf("want a rate > 0, got %q", s)
		}
		for _, p := range payloads {
			rates[p] = v
		}
		return rates, nil
	}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(kv, "=")
		r, err := strconv.ParseFloat(v, 64)
		switch {
		case !ok || err != nil || r <= 0 || math.IsInf(r, 0) || math.IsNaN(r):
			return nil, fmt.Errorf("want one rate such as 1000, or payload=req/s pairs such as playlist=20000,segment=800 (req/s > 0); %q in %q is neither", kv, s)
		case !slices.Contains(payloads, k):
			return nil, fmt.Errorf("unknown payload %q (want one of %s)", k, strings.Join(payloads, ", "))
		case rates[k] != 0:
			return nil, fmt.Errorf("%s given twice in %q", k, s)
		}
		rates[k] = r
	}
	return rates, nil
}

// parseShaped reads -shaped: "off" is -1, else a delay >= 0.
func parseShaped(s string) (time.Duration, error) {
	if s == "off" {
		return -1, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("want off or a delay >= 0 such as 20ms, got %q", s)
	}
	return d, nil
}

// payloads are the three objects measured, in the report's order.
var payloads = []string{"playlist", "segment", "key"}
