package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// clockTick is the unit of utime and stime in /proc/PID/stat.
var clockTick = clkTck()

// clkTck asks getconf, as the kernel's USER_HZ is not exposed to Go; 100 is
// what every Linux distribution uses if getconf is missing.
func clkTck() time.Duration {
	out, err := exec.Command("getconf", "CLK_TCK").Output()
	if err != nil {
		return 10 * time.Millisecond
	}
	hz, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil || hz <= 0 {
		return 10 * time.Millisecond
	}
	return time.Second / time.Duration(hz)
}

// cpuSplit is CPU time spent in user space and in the kernel on the
// process's behalf (utime and stime of /proc/PID/stat).
type cpuSplit struct {
	user, sys time.Duration
}

func (c cpuSplit) total() time.Duration { return c.user + c.sys }

func (c cpuSplit) sub(d cpuSplit) cpuSplit { return cpuSplit{c.user - d.user, c.sys - d.sys} }

// cpuTime returns the CPU time used so far by the server and its direct
// children: nginx's master and worker, or the edge alone. It is the
// kernel's own accounting, so it counts the server's work whichever thread
// or process did it, and nothing of wrk's.
func cpuTime(s *server) (cpuSplit, error) {
	pid := s.Pid()
	st, err := readStat(pid)
	if err != nil {
		return cpuSplit{}, fmt.Errorf("%s: %w", s.Name, err)
	}
	kids, err := children(pid)
	if err != nil {
		return cpuSplit{}, fmt.Errorf("%s: %w", s.Name, err)
	}
	for _, kid := range kids {
		if k, err := readStat(kid); err == nil { // a child may just have exited
			st.utime += k.utime
			st.stime += k.stime
		}
	}
	return cpuSplit{user: time.Duration(st.utime) * clockTick, sys: time.Duration(st.stime) * clockTick}, nil
}

// procStat is what the benchmark reads of /proc/PID/stat: the parent PID and
// the CPU time in clock ticks, user (utime) and kernel (stime), as proc(5)
// numbers them: fields 4, 14 and 15.
type procStat struct {
	ppid         int
	utime, stime int64
}

func readStat(pid int) (procStat, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procStat{}, fmt.Errorf("reading CPU time: %w", err)
	}
	st, err := parseStat(b)
	if err != nil {
		return procStat{}, fmt.Errorf("parsing /proc/%d/stat: %w", pid, err)
	}
	return st, nil
}

// parseStat parses one /proc/PID/stat line.
func parseStat(b []byte) (procStat, error) {
	// The command name (field 2) is in parentheses and may hold spaces and
	// parentheses, so split after the last ')': f[0] is then field 3.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return procStat{}, errors.New("no command name")
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return procStat{}, fmt.Errorf("%d fields after the command name, want >= 13", len(f))
	}
	ppid, err1 := strconv.Atoi(f[1])               // field 4
	utime, err2 := strconv.ParseInt(f[11], 10, 64) // field 14
	stime, err3 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err := errors.Join(err1, err2, err3); err != nil {
		return procStat{}, err
	}
	if utime < 0 || stime < 0 {
		return procStat{}, fmt.Errorf("negative CPU time %d/%d", utime, stime)
	}
	return procStat{ppid: ppid, utime: utime, stime: stime}, nil
}

// children lists the PIDs whose parent is pid, by scanning /proc: nginx
// forks its worker, and the master's own counters leave the worker out.
func children(pid int) ([]int, error) {
	paths, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil {
		return nil, fmt.Errorf("listing processes: %w", err)
	}
	var kids []int
	for _, p := range paths {
		kid, err := strconv.Atoi(filepath.Base(filepath.Dir(p)))
		if err != nil {
			continue
		}
		if st, err := readStat(kid); err == nil && st.ppid == pid {
			kids = append(kids, kid)
		}
	}
	return kids, nil
}
