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
}

func summarize(t target, ss []sample) summary {
	pick := func(f func(sample) float64) float64 {
		v := make([]float64, len(ss))
		for i, s := range ss {
			v[i] = f(s)
		}
		return median(v)
	}
	return summary{
		server: t.server, payload: t.payload,
		reqPerSec:   pick(func(s sample) float64 { return s.reqPerSec }),
		mbPerSec:    pick(func(s sample) float64 { return s.bytesPerSec / 1e6 }),
		p99ms:       pick(func(s sample) float64 { return ms(s.p99) }),
		cpuUSPerReq: pick(func(s sample) float64 { return us(s.cpuPerReq()) }),
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
func report(o options, fx fixture, ts []target, samples [][]sample, cdn *cdnResult, path string) error {
	sums := make(map[string]summary, len(ts))
	var b strings.Builder
	fmt.Fprintf(&b, "edge vs nginx: %d round(s) of %s, wrk -t1 -c%d on CPU%s, servers on CPU%s (edge GOMAXPROCS=1, nginx 1 worker)\n",
		o.rounds, o.duration, o.conns, loadCPU, serverCPU)
	access := "public asset"
	if o.gate {
		access = "NFT-gated asset (ERC-721 on a simulated chain)"
	}
	fmt.Fprintf(&b, "playlist %d B, segment %d B, key %d B (edge: gated key route; nginx: secure_link file), %s; medians over rounds; MB = 10^6 bytes\n\n",
		len(fx.playlist), len(fx.segment), len(fx.key), access)
	fmt.Fprintf(&b, "%-6s %-9s %12s %10s %9s %12s\n", "server", "payload", "req/s", "MB/s", "p99 ms", "CPU µs/req")
	for i, t := range ts {
		s := summarize(t, samples[i])
		sums[t.server+"/"+t.payload] = s
		fmt.Fprintf(&b, "%-6s %-9s %12.2f %10.2f %9.2f %12.2f\n", s.server, s.payload, s.reqPerSec, s.mbPerSec, s.p99ms, s.cpuUSPerReq)
	}
	b.WriteString("\n" + ratioLine(sums) + "\n")
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

// ratioLine is the summary: throughput as edge/nginx, CPU per
// request as nginx/edge, so that above 1 always means the edge does better.
func ratioLine(s map[string]summary) string {
	div := func(a, b float64) float64 {
		if b == 0 {
			return 0 // a zero reading (e.g. CPU below one tick) has no ratio
		}
		return a / b
	}
	return fmt.Sprintf("edge/nginx segment=%.2f playlist=%.2f key=%.2f segment_cpu=%.2f playlist_cpu=%.2f key_cpu=%.2f",
		div(s["edge/segment"].reqPerSec, s["nginx/segment"].reqPerSec),
		div(s["edge/playlist"].reqPerSec, s["nginx/playlist"].reqPerSec),
		div(s["edge/key"].reqPerSec, s["nginx/key"].reqPerSec),
		div(s["nginx/segment"].cpuUSPerReq, s["edge/segment"].cpuUSPerReq),
		div(s["nginx/playlist"].cpuUSPerReq, s["edge/playlist"].cpuUSPerReq),
		div(s["nginx/key"].cpuUSPerReq, s["edge/key"].cpuUSPerReq))
}
