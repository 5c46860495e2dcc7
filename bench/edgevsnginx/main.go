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
	"os"
	"os/signal"
	"runtime"
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
}

func main() {
	var o options
	flag.DurationVar(&o.duration, "duration", 5*time.Second, "length of one wrk run")
	flag.IntVar(&o.rounds, "rounds", 3, "interleaved rounds; the report shows medians over them")
	flag.IntVar(&o.conns, "connections", 32, "wrk connections (one wrk thread)")
	flag.StringVar(&o.streamgate, "streamgate", "", "streamgate binary `path` (default: go build ./cmd/streamgate into the work dir)")
	flag.StringVar(&o.out, "out", "bench/results/edgevsnginx.txt", "report file, relative to the repository root")
	flag.BoolVar(&o.keep, "keep", false, "keep the work dir (configs, logs) for inspection")
	flag.BoolVar(&o.gate, "gate", true, "gate the asset on an ERC-721 pass on a simulated chain (false: a public asset)")
	flag.IntVar(&o.viewers, "viewers", 50, "CDN scenario: viewers playing the CDN-mode asset at once through the nginx cache stand-in (0: skip)")
	flag.Parse()
	if err := o.validate(); err != nil {
		fmt.Fprintln(os.Stderr, "edgevsnginx:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, o)
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
	case runtime.NumCPU() < 2:
		// Servers on CPU0 and the load generator on CPU1 is the whole
		// point: sharing one core would measure the scheduler.
		return errors.New("need at least 2 CPUs (servers on CPU0, wrk on CPU1)")
	}
	return nil
}
