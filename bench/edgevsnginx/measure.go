package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// target is one server and payload: one wrk run per round.
type target struct {
	server  string // "edge", "nginx" or "floor"
	payload string // "playlist", "segment" or "key"
	url     string
	srv     *server
	pprof   string   // the server's /debug/pprof base URL, "" when it has none
	size    int64    // the payload's bytes
	via     []string // the load generator's command prefix (the shaped link's namespace), nil for none
}

// sample is one wrk run and the server CPU time spent during it.
type sample struct {
	wrkResult
	cpu     cpuSplit
	elapsed time.Duration // the load's length (wrk's -d)
	perf    perfCounts    // with -perf
}

// busy is the server's CPU time as a percentage of the load's length (one
// core: 100 is saturated).
func (s sample) busy() float64 {
	if s.elapsed <= 0 {
		return 0
	}
	return 100 * float64(s.cpu.total()) / float64(s.elapsed)
}

// perReq divides d by the requests served.
func perReq(d time.Duration, n int64) time.Duration {
	if n == 0 {
		return 0
	}
	return d / time.Duration(n)
}

// cpuPerReq is the server's CPU time per request served.
func (s sample) cpuPerReq() time.Duration { return perReq(s.cpu.total(), s.requests) }

// olSample is one open-loop run and the server CPU time spent during it.
type olSample struct {
	olResult
	cpu cpuSplit
}

// targets lists the runs of a round in the order they are made: the servers
// alternate, so slow drifts of a noisy machine hit all alike.
func targets(edge, ngx, floor running, fx fixture) []target {
	var ts []target
	for _, p := range []struct {
		name string
		size int
		url  func(running) string
	}{
		{"playlist", len(fx.playlist), func(r running) string { return r.playlist }},
		{"segment", len(fx.segment), func(r running) string { return r.segment }},
		{"key", len(fx.key), func(r running) string { return r.key }},
	} {
		for _, r := range []struct {
			name string
			run  running
		}{{"edge", edge}, {"nginx", ngx}, {"floor", floor}} {
			ts = append(ts, target{server: r.name, payload: p.name, url: p.url(r.run), srv: r.run.srv, pprof: r.run.pprof, size: int64(p.size)})
		}
	}
	return ts
}

// measure runs every target once per round, then the open-loop runs of the
// payloads with a rate, and returns the samples by target index.
func measure(ctx context.Context, o options, ts []target) ([][]sample, [][]olSample, error) {
	samples := make([][]sample, len(ts))
	open := make([][]olSample, len(ts))
	for round := 1; round <= o.rounds; round++ {
		for i, t := range ts {
			s, err := measureOne(ctx, o, t, round)
			if err != nil {
				return nil, nil, err
			}
			fmt.Fprintf(os.Stderr, "round %d/%d %-5s %-8s %10.0f req/s %8.1f MB/s  p99 %7.2f ms  %7.1f µs CPU/req (usr %.1f sys %.1f)\n",
				round, o.rounds, t.server, t.payload, s.reqPerSec, s.bytesPerSec/1e6, ms(s.p99), us(s.cpuPerReq()),
				us(perReq(s.cpu.user, s.requests)), us(perReq(s.cpu.sys, s.requests)))
			samples[i] = append(samples[i], s)
		}
		for i, t := range ts {
			rate := o.rates[t.payload]
			if rate == 0 {
				continue
			}
			s, err := measureOpen(ctx, o, t, rate)
			if err != nil {
				return nil, nil, err
			}
			fmt.Fprintf(os.Stderr, "round %d/%d %-5s %-8s open loop %g req/s: %d ok, %d errors, p50 %.2f p99 %.2f p99.9 %.2f ms (client lag p99 %.2f ms)\n",
				round, o.rounds, t.server, t.payload, rate, s.OK, s.Errors, nsMS(s.P50), nsMS(s.P99), nsMS(s.P999), nsMS(s.LagP99))
			open[i] = append(open[i], s)
		}
	}
	return samples, open, nil
}

// measureOne reads the server's CPU time around one wrk run. wrk's start-up
// and shutdown fall inside the window, but the server is idle then. With
// -profile, the server's CPU profile covers the run; with -perf, perf
// watches it too.
func measureOne(ctx context.Context, o options, t target, round int) (sample, error) {
	before, err := cpuTime(t.srv)
	if err != nil {
		return sample{}, err
	}
	var prof <-chan error
	if o.profile != "" && t.pprof != "" {
		prof = takeProfile(ctx, t.pprof, o.duration, filepath.Join(o.profile, fmt.Sprintf("%s-%s-r%d.pprof", t.server, t.payload, round)))
	}
	var pr *perfRun
	if o.perf != "" {
		if pr, err = startPerf(ctx, t.srv, o.duration, perfBase(o.perf, t, round)); err != nil {
			return sample{}, err
		}
	}
	res, err := runWrk(ctx, t.via, o.conns, o.duration, t.url)
	if prof != nil {
		err = errors.Join(err, <-prof)
	}
	var counts perfCounts
	if pr != nil {
		var perr error
		counts, perr = pr.wait()
		err = errors.Join(err, perr)
	}
	if err != nil {
		return sample{}, err
	}
	after, err := cpuTime(t.srv)
	if err != nil {
		return sample{}, err
	}
	if err := check(t, res); err != nil {
		return sample{}, err
	}
	return sample{wrkResult: res, cpu: after.sub(before), elapsed: o.duration, perf: counts}, nil
}

// measureOpen reads the server's CPU time around one open-loop run.
func measureOpen(ctx context.Context, o options, t target, rate float64) (olSample, error) {
	before, err := cpuTime(t.srv)
	if err != nil {
		return olSample{}, err
	}
	res, err := runOpenLoop(ctx, openLoop{url: t.url, rate: rate, duration: o.duration, conns: o.conns, size: t.size})
	if err != nil {
		return olSample{}, err
	}
	after, err := cpuTime(t.srv)
	if err != nil {
		return olSample{}, err
	}
	if res.Errors > 0 {
		// Not fatal: past a server's capacity requests time out, and that
		// is a finding; the report shows the count.
		fmt.Fprintf(os.Stderr, "warning: %s %s open loop: %d of %d requests failed (first: %s)\n",
			t.server, t.payload, res.Errors, res.Scheduled, res.FirstErr)
	}
	return olSample{olResult: res, cpu: after.sub(before)}, nil
}

// takeProfile fetches a CPU profile of d (whole seconds, at least one)
// from the server's pprof base and writes it to path; the channel gets the
// outcome once done.
func takeProfile(ctx context.Context, base string, d time.Duration, path string) <-chan error {
	done := make(chan error, 1)
	secs := max(1, int(d.Round(time.Second)/time.Second))
	go func() {
		done <- func() error {
			ctx, cancel := context.WithTimeout(ctx, time.Duration(secs)*time.Second+30*time.Second)
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/profile?seconds=%d", base, secs), nil)
			if err != nil {
				return err
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return fmt.Errorf("profile: %w", err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				return fmt.Errorf("profile: %w", err)
			}
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("profile %s: status %d: %.200s", base, resp.StatusCode, body)
			}
			if err := os.WriteFile(path, body, 0o644); err != nil {
				return fmt.Errorf("profile: %w", err)
			}
			return nil
		}()
	}()
	return done
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
func nsMS(ns int64) float64      { return float64(ns) / 1e6 }
