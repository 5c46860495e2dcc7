package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// summary is the median of each figure over the rounds, taken separately:
// the machine is noisy, and one bad round should move no figure.
type summary struct {
	server, payload string
	reqPerSec       float64
	mbPerSec        float64 // decimal megabytes
	p99ms           float64
	cpuUSPerReq     float64
	userUSPerReq    float64 // of which in user space
	sysUSPerReq     float64 // of which in the kernel
	syscallsPerReq  float64 // with -perf
	switchesPerReq  float64 // with -perf
	kernelShare     float64 // with -perf: percent of the server's samples
	busy            float64 // percent of the run the server's CPU was busy
}

// medianOf is the median of f over the rounds' samples.
func medianOf[S any](ss []S, f func(S) float64) float64 {
	v := make([]float64, len(ss))
	for i, s := range ss {
		v[i] = f(s)
	}
	return median(v)
}

func summarize(t target, ss []sample) summary {
	pick := func(f func(sample) float64) float64 { return medianOf(ss, f) }
	return summary{
		server: t.server, payload: t.payload,
		reqPerSec:      pick(func(s sample) float64 { return s.reqPerSec }),
		mbPerSec:       pick(func(s sample) float64 { return s.bytesPerSec / 1e6 }),
		p99ms:          pick(func(s sample) float64 { return ms(s.p99) }),
		cpuUSPerReq:    pick(func(s sample) float64 { return us(s.cpuPerReq()) }),
		userUSPerReq:   pick(func(s sample) float64 { return us(perReq(s.cpu.user, s.requests)) }),
		sysUSPerReq:    pick(func(s sample) float64 { return us(perReq(s.cpu.sys, s.requests)) }),
		syscallsPerReq: pick(func(s sample) float64 { return perRequest(s.perf.syscalls, s.requests) }),
		switchesPerReq: pick(func(s sample) float64 { return perRequest(s.perf.switches, s.requests) }),
		kernelShare:    pick(func(s sample) float64 { return s.perf.kernelShare }),
		busy:           pick(func(s sample) float64 { return s.busy() }),
	}
}

func perRequest(n, requests int64) float64 {
	if requests == 0 {
		return 0
	}
	return float64(n) / float64(requests)
}

// olSummary is the median of each open-loop figure over the rounds.
type olSummary struct {
	server, payload        string
	rate                   float64
	ok, errors             float64
	p50, p99, p999, lagP99 float64 // ms
	cpu, user, sys         float64 // µs per request answered
}

func summarizeOpen(t target, rate float64, ss []olSample) olSummary {
	pick := func(f func(olSample) float64) float64 { return medianOf(ss, f) }
	return olSummary{
		server: t.server, payload: t.payload, rate: rate,
		ok:     pick(func(s olSample) float64 { return float64(s.OK) }),
		errors: pick(func(s olSample) float64 { return float64(s.Errors) }),
		p50:    pick(func(s olSample) float64 { return nsMS(s.P50) }),
		p99:    pick(func(s olSample) float64 { return nsMS(s.P99) }),
		p999:   pick(func(s olSample) float64 { return nsMS(s.P999) }),
		lagP99: pick(func(s olSample) float64 { return nsMS(s.LagP99) }),
		cpu:    pick(func(s olSample) float64 { return us(perReq(s.cpu.total(), s.OK)) }),
		user:   pick(func(s olSample) float64 { return us(perReq(s.cpu.user, s.OK)) }),
		sys:    pick(func(s olSample) float64 { return us(perReq(s.cpu.sys, s.OK)) }),
	}
}

func median(v []float64) float64 {
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// report prints the medians and the ratio line, and writes the same text to
// path so that a run's figures outlive the terminal.
func report(o options, fx fixture, ts []target, samples [][]sample, open [][]olSample, shaped *shapedResult, cdn *cdnResult, path string) error {
	sums := make(map[string]summary, len(ts))
	opens := make(map[string]olSummary, len(ts))
	var b strings.Builder
	fmt.Fprintf(&b, "edge vs nginx: %d round(s) of %s, wrk -t1 -c%d on CPU%s, servers on CPU%s (edge GOMAXPROCS=1, nginx 1 worker, floor GOMAXPROCS=1 with TCP_NOTSENT_LOWAT %d)\n",
		o.rounds, o.duration, o.conns, loadCPU, serverCPU, o.floorLowat)
	access := "public asset"
	if o.gate {
		access = "NFT-gated asset (ERC-721 on a simulated chain)"
	}
	fmt.Fprintf(&b, "playlist %d B, segment %d B, key %d B (edge: gated key route; nginx: secure_link file), %s; medians over rounds; MB = 10^6 bytes\n\n",
		len(fx.playlist), len(fx.segment), len(fx.key), access)
	b.WriteString(closedTable(ts, samples, sums))
	if o.perf != "" {
		b.WriteString("\n" + perfLines(o.perf, ts, sums))
	}
	if len(o.rates) > 0 {
		var late []string
		fmt.Fprintf(&b, "\nopen loop: the same offered rate for every server, %d connections, latency from each request's scheduled send time (wrk2's accounting); CPU per request answered\n", o.conns)
		fmt.Fprintf(&b, "%-6s %-9s %9s %9s %7s %9s %9s %9s %10s %10s %8s %8s\n", "server", "payload", "rate/s", "ok", "errors", "p50 ms", "p99 ms", "p99.9 ms", "lag p99 ms", "CPU µs/req", "usr µs", "sys µs")
		for i, t := range ts {
			if len(open[i]) == 0 {
				continue
			}
			s := summarizeOpen(t, o.rates[t.payload], open[i])
			opens[t.server+"/"+t.payload] = s
			fmt.Fprintf(&b, "%-6s %-9s %9.0f %9.0f %7.0f %9.2f %9.2f %9.2f %10.2f %10.2f %8.2f %8.2f\n",
				s.server, s.payload, s.rate, s.ok, s.errors, s.p50, s.p99, s.p999, s.lagP99, s.cpu, s.user, s.sys)
			if s.lagP99 >= s.p99/2 {
				late = append(late, s.server+" "+s.payload)
			}
		}
		if len(late) > 0 {
			fmt.Fprintf(&b, "warning: the client's own lag p99 is at least half the p99, so the client set that tail: %s\n", strings.Join(late, ", "))
		}
	}
	b.WriteString("\n" + ratioLine(sums, opens) + "\n" + floorLine(sums) + "\n")
	if shaped != nil {
		b.WriteString("\n" + shapedLines(*shaped))
	}
	if cdn != nil {
		b.WriteString("\n" + cdnLines(*cdn))
	}
	fmt.Print(b.String())
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("making the results folder: %w", err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}

// closedTable is the wrk runs' table; it fills sums. busy is the server's
// CPU time over the run's wall time: a saturated server is near 100 %;
// well below, the run measured something else (the client, other work on
// the core), and a warning line says so.
func closedTable(ts []target, samples [][]sample, sums map[string]summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-6s %-9s %12s %10s %9s %12s %8s %8s %7s\n", "server", "payload", "req/s", "MB/s", "p99 ms", "CPU µs/req", "usr µs", "sys µs", "busy %")
	var idle []string
	for i, t := range ts {
		s := summarize(t, samples[i])
		sums[t.server+"/"+t.payload] = s
		fmt.Fprintf(&b, "%-6s %-9s %12.2f %10.2f %9.2f %12.2f %8.2f %8.2f %7.0f\n", s.server, s.payload, s.reqPerSec, s.mbPerSec, s.p99ms, s.cpuUSPerReq, s.userUSPerReq, s.sysUSPerReq, s.busy)
		if s.busy < minBusy {
			idle = append(idle, s.server+" "+s.payload)
		}
	}
	if len(idle) > 0 {
		fmt.Fprintf(&b, "warning: not saturated (busy < %d %%), so its req/s measured the client or other work on the core: %s\n", minBusy, strings.Join(idle, ", "))
	}
	return b.String()
}

// minBusy is the busy share below which a closed-loop run is flagged.
const minBusy = 90

// perfLines is the -perf table: per request, the system calls and context
// switches of the server's processes, and their samples' kernel share.
func perfLines(dir string, ts []target, sums map[string]summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "perf (%s): per request, system calls and context switches of the server's processes; their samples' share in the kernel\n", dir)
	fmt.Fprintf(&b, "%-6s %-9s %12s %12s %9s\n", "server", "payload", "syscalls", "switches", "kernel %")
	for _, t := range ts {
		s := sums[t.server+"/"+t.payload]
		fmt.Fprintf(&b, "%-6s %-9s %12.2f %12.2f %9.1f\n", s.server, s.payload, s.syscallsPerReq, s.switchesPerReq, s.kernelShare)
	}
	return b.String()
}

// ratioLine is the summary: throughput as edge/nginx, CPU per
// request as nginx/edge, so that above 1 always means the edge does better.
// With open-loop runs it goes on with each payload's p99 at the same
// offered rate, as nginx's ÷ the edge's: above 1, the edge's tail is shorter.
func ratioLine(s map[string]summary, open map[string]olSummary) string {
	line := fmt.Sprintf("edge/nginx segment=%.2f playlist=%.2f key=%.2f segment_cpu=%.2f playlist_cpu=%.2f key_cpu=%.2f",
		div(s["edge/segment"].reqPerSec, s["nginx/segment"].reqPerSec),
		div(s["edge/playlist"].reqPerSec, s["nginx/playlist"].reqPerSec),
		div(s["edge/key"].reqPerSec, s["nginx/key"].reqPerSec),
		div(s["nginx/segment"].cpuUSPerReq, s["edge/segment"].cpuUSPerReq),
		div(s["nginx/playlist"].cpuUSPerReq, s["edge/playlist"].cpuUSPerReq),
		div(s["nginx/key"].cpuUSPerReq, s["edge/key"].cpuUSPerReq))
	for _, p := range payloads {
		e, eok := open["edge/"+p]
		n, nok := open["nginx/"+p]
		if eok && nok {
			line += fmt.Sprintf(" %s_p99=%.2f", p, div(n.p99, e.p99))
		}
	}
	return line
}

// floorLine compares the edge with the floor the same way: req/s as
// edge/floor and CPU per request as floor/edge, so 1 means the edge costs
// no more than a server that checks nothing, and what is left below 1 is
// the edge's own work; what the floor spends is the kernel's and fasthttp's.
func floorLine(s map[string]summary) string {
	return fmt.Sprintf("edge/floor segment=%.2f playlist=%.2f key=%.2f segment_cpu=%.2f playlist_cpu=%.2f key_cpu=%.2f",
		div(s["edge/segment"].reqPerSec, s["floor/segment"].reqPerSec),
		div(s["edge/playlist"].reqPerSec, s["floor/playlist"].reqPerSec),
		div(s["edge/key"].reqPerSec, s["floor/key"].reqPerSec),
		div(s["floor/segment"].cpuUSPerReq, s["edge/segment"].cpuUSPerReq),
		div(s["floor/playlist"].cpuUSPerReq, s["edge/playlist"].cpuUSPerReq),
		div(s["floor/key"].cpuUSPerReq, s["edge/key"].cpuUSPerReq))
}

// div is a ratio; a zero reading (e.g. CPU below one tick) has none.
func div(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// shapedLines is the shaped link's table and ratio lines, or why it was
// skipped.
func shapedLines(r shapedResult) string {
	var b strings.Builder
	if r.skipped != "" {
		fmt.Fprintf(&b, "shaped link (netem delay %s): skipped: %s\n", r.delay, r.skipped)
		return b.String()
	}
	if r.delay > 0 {
		fmt.Fprintf(&b, "shaped link: wrk in a network namespace over a veth pair, netem delay %s on its side (round trip %s)\n", r.delay, r.delay)
	} else {
		b.WriteString("shaped link: wrk in a network namespace over a veth pair, no delay (no netem)\n")
	}
	sums := make(map[string]summary, len(r.ts))
	b.WriteString(closedTable(r.ts, r.samples, sums))
	fmt.Fprintf(&b, "shaped %s\nshaped %s\n", ratioLine(sums, nil), floorLine(sums))
	if r.perf != "" {
		b.WriteString(perfLines(r.perf, r.ts, sums))
	}
	return b.String()
}
