package main

import (
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

// cpuTime returns the CPU time (user + system) used so far by the server and
// its direct children: nginx's master and worker, or the edge alone. It is
// the kernel's own accounting, so it counts the server's work whichever
// thread or process did it, and nothing of wrk's.
func (s *server) cpuTime() (time.Duration, error) {
	pid := s.cmd.Process.Pid
	_, ticks, err := procStat(pid)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", s.name, err)
	}
	kids, err := children(pid)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", s.name, err)
	}
	for _, kid := range kids {
		if _, t, err := procStat(kid); err == nil { // a child may just have exited
			ticks += t
		}
	}
	return time.Duration(ticks) * clockTick, nil
}

// procStat reads the parent PID and utime+stime of pid from /proc/PID/stat.
func procStat(pid int) (ppid int, ticks int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, fmt.Errorf("reading CPU time: %w", err)
	}
	// The command name (field 2) is in parentheses and may hold spaces, so
	// split after its closing one: fields[0] is then field 3 (state).
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0, 0, fmt.Errorf("parsing /proc/%d/stat: no command name", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, 0, fmt.Errorf("parsing /proc/%d/stat: too few fields", pid)
	}
	ppid, err1 := strconv.Atoi(f[1])               // field 4
	utime, err2 := strconv.ParseInt(f[11], 10, 64) // field 14
	stime, err3 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, 0, fmt.Errorf("parsing /proc/%d/stat: bad number", pid)
	}
	return ppid, utime + stime, nil
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
		if ppid, _, err := procStat(kid); err == nil && ppid == pid {
			kids = append(kids, kid)
		}
	}
	return kids, nil
}
