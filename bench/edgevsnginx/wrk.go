package main

import (
	"context"
	"fmt"
	"math"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// wrkResult is what one wrk run reports.
type wrkResult struct {
	reqPerSec   float64
	bytesPerSec float64
	p99         time.Duration
	requests    int64
	non2xx      int64  // wrk counts statuses >= 400 here
	socketErrs  string // wrk's "Socket errors" line, empty when there were none
}

// runWrk runs one thread of wrk pinned to CPU1 against url, through via
// (e.g. `ip netns exec NS`) when set. A run that does not end well after
// its duration is killed, so the benchmark always stops.
func runWrk(ctx context.Context, via []string, conns int, d time.Duration, url string) (wrkResult, error) {
	ctx, cancel := context.WithTimeout(ctx, d+30*time.Second)
	defer cancel()
	argv := append(slices.Clone(via), "taskset", "-c", loadCPU, "wrk", "-t1", fmt.Sprintf("-c%d", conns),
		fmt.Sprintf("-d%ds", int(d.Round(time.Second).Seconds())), "--latency", url)
	out, err := exec.CommandContext(ctx, argv[0], argv[1:]...).CombinedOutput()
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk %s: %w\n%s", url, err, out)
	}
	res, err := parseWrk(string(out))
	if err != nil {
		return wrkResult{}, fmt.Errorf("wrk %s: %w\n%s", url, err, out)
	}
	return res, nil
}

var (
	reRPS      = regexp.MustCompile(`(?m)^Requests/sec:\s+([0-9.]+)`)
	reTransfer = regexp.MustCompile(`(?m)^Transfer/sec:\s+([0-9.]+)([KMGTP]?)B`)
	reP99      = regexp.MustCompile(`(?m)^\s+99%\s+([0-9.]+)(us|ms|s|m|h)\b`)
	reTotal    = regexp.MustCompile(`(?m)^\s+(\d+) requests in `)
	reNon2xx   = regexp.MustCompile(`(?m)^\s+Non-2xx or 3xx responses:\s+(\d+)`)
	reSockErrs = regexp.MustCompile(`(?m)^\s+(Socket errors:.*)$`)
)

// parseWrk reads wrk 4's text report (run with --latency).
func parseWrk(out string) (wrkResult, error) {
	var r wrkResult
	var err error
	if r.reqPerSec, err = matchFloat(reRPS, out, "Requests/sec"); err != nil {
		return r, err
	}
	if r.bytesPerSec, err = transferRate(out); err != nil {
		return r, err
	}
	if r.p99, err = p99(out); err != nil {
		return r, err
	}
	total, err := matchFloat(reTotal, out, "total requests")
	if err != nil {
		return r, err
	}
	r.requests = int64(total)
	if m := reNon2xx.FindStringSubmatch(out); m != nil {
		r.non2xx, _ = strconv.ParseInt(m[1], 10, 64) // \d+ always parses
	}
	if m := reSockErrs.FindStringSubmatch(out); m != nil {
		r.socketErrs = strings.TrimSpace(m[1])
	}
	return r, nil
}

func matchFloat(re *regexp.Regexp, out, what string) (float64, error) {
	m := re.FindStringSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("no %s in wrk's output", what)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("parsing %s %q: %w", what, m[1], err)
	}
	return v, nil
}

// transferRate returns bytes per second; wrk's units are binary (K = 1024).
func transferRate(out string) (float64, error) {
	m := reTransfer.FindStringSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("no Transfer/sec in wrk's output")
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("parsing Transfer/sec %q: %w", m[1], err)
	}
	if m[2] != "" { // no prefix means plain bytes
		v *= math.Pow(1024, float64(strings.Index("KMGTP", m[2])+1))
	}
	return v, nil
}

// p99 returns the 99th percentile latency in wrk's own units (us, ms, s, m, h).
func p99(out string) (time.Duration, error) {
	m := reP99.FindStringSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("no 99%% latency in wrk's output (was --latency passed?)")
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("parsing 99%% latency %q: %w", m[1], err)
	}
	unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second, "m": time.Minute, "h": time.Hour}
	return time.Duration(v * float64(unit[m[2]])), nil
}
