package main

import (
	"strings"
	"testing"
	"time"
)

// wrkOutput is wrk 4.1's report with --latency, including the optional lines.
const wrkOutput = `Running 3s test @ http://127.0.0.1:40000/bench/seg.m4s?md5=x&expires=1
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    28.49ms    3.12ms  49.84ms   85.47%
    Req/Sec     1.12k    45.00     1.20k    72.00%
  Latency Distribution
     50%   28.11ms
     75%   29.61ms
     90%   31.64ms
     99%    1.02s
  3355 requests in 3.00s, 4.92GB read
  Socket errors: connect 0, read 0, write 0, timeout 2
  Non-2xx or 3xx responses: 7
Requests/sec:   1117.33
Transfer/sec:      1.64GB
`

func TestParseWrk(t *testing.T) {
	r, err := parseWrk(wrkOutput)
	if err != nil {
		t.Fatal(err)
	}
	want := wrkResult{
		reqPerSec:   1117.33,
		bytesPerSec: 1.64 * (1 << 30),
		p99:         1020 * time.Millisecond,
		requests:    3355,
		non2xx:      7,
		socketErrs:  "Socket errors: connect 0, read 0, write 0, timeout 2",
	}
	if r != want {
		t.Fatalf("parseWrk:\n got %+v\nwant %+v", r, want)
	}
}

func TestParseWrkMissing(t *testing.T) {
	if _, err := parseWrk("unable to connect to 127.0.0.1:1 Connection refused\n"); err == nil {
		t.Fatal("parsed wrk's connection failure as a result")
	}
}

// TestSignedPath checks the example of nginx's secure_link documentation,
// whose md5 input is "2147483647/s/link127.0.0.1 secret"; here the remote
// address is folded into the uri argument.
func TestSignedPath(t *testing.T) {
	got := signedPath("/s/link127.0.0.1", "secret", 2147483647)
	want := "/s/link127.0.0.1?md5=_e4Nc3iduzkWRm01TBBNYw&expires=2147483647"
	if got != want {
		t.Fatalf("signedPath = %s, want %s", got, want)
	}
}

// TestParsePerfStat: perf stat's CSV lines, in either order, with its
// comment lines; a missing count is an error, never a zero.
func TestParsePerfStat(t *testing.T) {
	out := "# started on Tue Dec  1 00:00:00 2026\n\n1234567,,raw_syscalls:sys_enter,4000000000,100.00,,\n89,,context-switches,4000000000,100.00,22.25,/sec\n"
	c, err := parsePerfStat([]byte(out))
	if err != nil || c.syscalls != 1234567 || c.switches != 89 {
		t.Fatalf("got %+v, %v", c, err)
	}
	if _, err := parsePerfStat([]byte("89,,context-switches,4000000000,100.00,,\n")); err == nil {
		t.Fatal("a missing syscall count passed")
	}
	if _, err := parsePerfStat([]byte("<not counted>,,raw_syscalls:sys_enter,0,0.00,,\n89,,context-switches,1,100.00,,\n")); err == nil {
		t.Fatal("an uncounted event passed")
	}
}

// TestKernelShare: the kernel's lines of a `perf report --sort comm,dso`.
func TestKernelShare(t *testing.T) {
	report := "# Samples: 4K\n#\n    67.61%  streamgate  [kernel.kallsyms]\n    26.80%  streamgate  streamgate\n     5.00%  streamgate  [vdso]\n     0.59%  nginx  [kernel.kallsyms]\n"
	if got := kernelShare([]byte(report)); got < 68.19 || got > 68.21 {
		t.Fatalf("kernelShare = %v, want 68.20", got)
	}
}

// TestClosedTableFlagsIdleServer: a run whose server was busy well under
// the load's length is named in a warning; a saturated one is not.
func TestClosedTableFlagsIdleServer(t *testing.T) {
	ts := []target{{server: "edge", payload: "playlist"}, {server: "nginx", payload: "playlist"}}
	run := func(cpu time.Duration) sample {
		return sample{wrkResult: wrkResult{requests: 1000, reqPerSec: 500}, cpu: cpuSplit{sys: cpu}, elapsed: 2 * time.Second}
	}
	sums := map[string]summary{}
	out := closedTable(ts, [][]sample{{run(1980 * time.Millisecond)}, {run(time.Second)}}, sums)
	if !strings.Contains(out, "warning: not saturated") || !strings.Contains(out, "nginx playlist") || strings.Contains(out, "edge playlist") {
		t.Fatalf("want only nginx flagged:\n%s", out)
	}
	if b := sums["nginx/playlist"].busy; b < 49.9 || b > 50.1 {
		t.Fatalf("busy %v, want 50", b)
	}
}
