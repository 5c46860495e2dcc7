package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// With -perf DIR, each wrk run is also watched by Debian's perf on the
// servers' core: `perf record -g` writes a call-graph profile with the
// kernel's functions as well as the server's (what a Go profile shows only
// as time in Syscall6), and `perf stat` counts the system calls and context
// switches of the server's processes (nginx: master and worker), which the
// report divides by the requests served. Both cost the server some CPU, so a -perf run's CPU
// columns are not comparable with a plain run's; its counts are exact.

// perfCounts are a run's event counts and the kernel's share of the
// server's samples.
type perfCounts struct {
	syscalls, switches int64
	kernelShare        float64 // percent of the server processes' samples in the kernel
}

// perfRun is one run's perf processes.
type perfRun struct {
	record, stat  *exec.Cmd
	data, statOut string
	pids          string // the server's processes, comma-separated
}

// startPerf starts perf on the server's processes for d; base is the path
// without extension (base.data: the profile; base.txt: its report).
func startPerf(ctx context.Context, s *server, d time.Duration, base string) (*perfRun, error) {
	pids, err := processes(s)
	if err != nil {
		return nil, err
	}
	list := strings.Join(pids, ",")
	secs := strconv.FormatFloat(d.Seconds(), 'f', 3, 64)
	r := &perfRun{data: base + ".data", statOut: base + ".stat", pids: list}
	// The profile samples the servers' core rather than the process: perf
	// does not follow the threads a Go runtime starts after it attached, and
	// the core also shows the softirq work done there for the server.
	r.record = exec.CommandContext(ctx, "perf", "record", "-q", "-F", "999", "-g", "-C", serverCPU, "-o", r.data, "--", "sleep", secs)
	r.stat = exec.CommandContext(ctx, "perf", "stat", "-x", ",", "-e", "raw_syscalls:sys_enter,context-switches",
		"-p", list, "-o", r.statOut, "--", "sleep", secs)
	for _, c := range []*exec.Cmd{r.record, r.stat} {
		c.Stderr = os.Stderr
		if err := c.Start(); err != nil {
			r.kill()
			return nil, fmt.Errorf("perf: %w (Debian package linux-perf)", err)
		}
	}
	return r, nil
}

// kill stops whichever perf process started.
func (r *perfRun) kill() {
	for _, c := range []*exec.Cmd{r.record, r.stat} {
		if c.Process != nil {
			_ = c.Process.Kill()
			_ = c.Wait() // killed: its error says so
		}
	}
}

// wait waits for both perf processes and writes the profile's report next
// to it: the server processes' samples only (the core also ran others), as
// percentages of them, by command, object and function, heaviest first.
func (r *perfRun) wait() (perfCounts, error) {
	var errs []error
	for _, c := range []*exec.Cmd{r.record, r.stat} {
		if c.Process != nil {
			if err := c.Wait(); err != nil {
				errs = append(errs, fmt.Errorf("%s into %s: %w (its own message is above)", strings.Join(c.Args[:2], " "), filepath.Dir(r.data), err))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return perfCounts{}, err
	}
	report, err := r.report("comm,dso,sym", "--percent-limit", "0.5")
	if err != nil {
		return perfCounts{}, err
	}
	if err := os.WriteFile(strings.TrimSuffix(r.data, ".data")+".txt", report, 0o644); err != nil {
		return perfCounts{}, err
	}
	byObject, err := r.report("comm,dso") // perf's --pid filter needs a thread-keyed sort: dso alone keeps nothing
	if err != nil {
		return perfCounts{}, err
	}
	b, err := os.ReadFile(r.statOut)
	if err != nil {
		return perfCounts{}, fmt.Errorf("perf stat: %w", err)
	}
	c, err := parsePerfStat(b)
	c.kernelShare = kernelShare(byObject)
	return c, err
}

// report is `perf report` of the server's processes by the sort keys.
func (r *perfRun) report(keys string, extra ...string) ([]byte, error) {
	args := append([]string{"report", "-i", r.data, "--pid", r.pids, "--percentage", "relative",
		"--stdio", "--no-children", "--sort", keys, "-g", "none"}, extra...)
	out, err := exec.Command("perf", args...).Output()
	if err != nil {
		return nil, fmt.Errorf("perf report %s: %w", r.data, err)
	}
	return out, nil
}

// kernelShare sums the kernel's lines of a `perf report --sort comm,dso`:
// "    67.61%  streamgate  [kernel.kallsyms]".
func kernelShare(report []byte) float64 {
	var sum float64
	for line := range bytes.Lines(report) {
		f := strings.Fields(string(line))
		if len(f) < 2 || !strings.HasSuffix(f[0], "%") || f[len(f)-1] != "[kernel.kallsyms]" {
			continue
		}
		if v, err := strconv.ParseFloat(strings.TrimSuffix(f[0], "%"), 64); err == nil {
			sum += v
		}
	}
	return sum
}

// parsePerfStat reads `perf stat -x ,` output: value,unit,event,... lines.
func parsePerfStat(b []byte) (perfCounts, error) {
	var c perfCounts
	var seen int
	for line := range bytes.Lines(b) {
		f := strings.Split(strings.TrimSpace(string(line)), ",")
		if len(f) < 3 || strings.HasPrefix(f[0], "#") {
			continue
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return c, fmt.Errorf("perf stat: %q: %w", line, err)
		}
		switch f[2] {
		case "raw_syscalls:sys_enter":
			c.syscalls, seen = n, seen+1
		case "context-switches":
			c.switches, seen = n, seen+1
		}
	}
	if seen != 2 {
		return c, fmt.Errorf("perf stat: want the syscall and context switch counts in %q", b)
	}
	return c, nil
}

// processes are the server's PID and its children's (nginx's worker).
func processes(s *server) ([]string, error) {
	kids, err := children(s.Pid())
	if err != nil {
		return nil, err
	}
	pids := []string{strconv.Itoa(s.Pid())}
	for _, k := range kids {
		pids = append(pids, strconv.Itoa(k))
	}
	return pids, nil
}

// perfBase is a run's file name under dir without extension.
func perfBase(dir string, t target, round int) string {
	return filepath.Join(dir, fmt.Sprintf("%s-%s-r%d", t.server, t.payload, round))
}
