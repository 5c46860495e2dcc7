package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"
)

// target is one server and payload: one wrk run per round.
type target struct {
	server  string // "edge" or "nginx"
	payload string // "playlist" or "segment"
	url     string
	srv     *server
}

// sample is one wrk run and the server CPU time spent during it.
type sample struct {
	wrkResult
	cpu time.Duration
}

// cpuPerReq is the server's CPU time per request served.
func (s sample) cpuPerReq() time.Duration {
	if s.requests == 0 {
		return 0
	}
	return s.cpu / time.Duration(s.requests)
}

// targets lists the runs of a round in the order they are made: alternating
// servers, so slow drifts of a noisy machine hit both alike.
func targets(edge, ngx running) []target {
	return []target{
		{"edge", "playlist", edge.playlist, edge.srv},
		{"nginx", "playlist", ngx.playlist, ngx.srv},
		{"edge", "segment", edge.segment, edge.srv},
		{"nginx", "segment", ngx.segment, ngx.srv},
		{"edge", "key", edge.key, edge.srv},
		{"nginx", "key", ngx.key, ngx.srv},
	}
}

// measure runs every target once per round and returns the samples by
// target index.
func measure(ctx context.Context, o options, ts []target) ([][]sample, error) {
	samples := make([][]sample, len(ts))
	for round := 1; round <= o.rounds; round++ {
		for i, t := range ts {
			s, err := measureOne(ctx, o, t)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(os.Stderr, "round %d/%d %-5s %-8s %10.0f req/s %8.1f MB/s  p99 %7.2f ms  %7.1f µs CPU/req\n",
				round, o.rounds, t.server, t.payload, s.reqPerSec, s.bytesPerSec/1e6, ms(s.p99), us(s.cpuPerReq()))
			samples[i] = append(samples[i], s)
		}
	}
	return samples, nil
}

// measureOne reads the server's CPU time around one wrk run. wrk's start-up
// and shutdown fall inside the window, but the server is idle then.
func measureOne(ctx context.Context, o options, t target) (sample, error) {
	before, err := t.srv.cpuTime()
	if err != nil {
		return sample{}, err
	}
	res, err := runWrk(ctx, o.conns, o.duration, t.url)
	if err != nil {
		return sample{}, err
	}
	after, err := t.srv.cpuTime()
	if err != nil {
		return sample{}, err
	}
	if err := check(t, res); err != nil {
		return sample{}, err
	}
	return sample{wrkResult: res, cpu: after - before}, nil
}

// check fails the benchmark on error responses: rates of 403s or 500s would
// compare nothing. Socket errors are only reported; wrk's 2s timeouts can
// hit either server on a loaded machine.
func check(t target, r wrkResult) error {
	switch {
	case r.non2xx > 0:
		return fmt.Errorf("%s %s: wrk saw %d non-2xx responses of %d: %s", t.server, t.payload, r.non2xx, r.requests, t.url)
	case r.requests == 0:
		return errors.New(t.server + " " + t.payload + ": wrk completed no requests")
	case r.socketErrs != "":
		fmt.Fprintf(os.Stderr, "warning: %s %s: %s\n", t.server, t.payload, r.socketErrs)
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
func us(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }
