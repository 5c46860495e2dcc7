package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// loopback is the only host the benchmark ever talks to.
const loopback = "127.0.0.1"

// serverCPU is the core both servers are pinned to; wrk gets loadCPU.
const (
	serverCPU = "0"
	loadCPU   = "1"
)

// server is a process the benchmark started and must stop.
type server struct {
	name   string
	cmd    *exec.Cmd
	logPth string        // its stdout and stderr, shown when it fails
	exited chan struct{} // closed once the process has been reaped
}

// startPinned runs argv under `taskset -c serverCPU` (taskset execs, so the
// PID is the server's own) in its own process group, so stop can signal it
// and any children without touching anything else.
func startPinned(name, logPath string, env []string, argv ...string) (*server, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("creating the %s log: %w", name, err)
	}
	defer logf.Close() // the child holds its own copy
	cmd := exec.Command("taskset", append([]string{"-c", serverCPU}, argv...)...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	s := &server{name: name, cmd: cmd, logPth: logPath, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait() // the exit status is reported through logTail
		close(s.exited)
	}()
	return s, nil
}

// stop asks the process group to exit, then kills it if it lingers.
func (s *server) stop() {
	pgid := s.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-s.exited
	}
}

// failed wraps err with the tail of the server's log, which usually says why.
func (s *server) failed(err error) error {
	return fmt.Errorf("%s: %w\n--- %s (last lines) ---\n%s", s.name, err, s.logPth, logTail(s.logPth, 20))
}

func logTail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// freePort asks the kernel for a loopback port that is free right now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", loopback+":0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitOK polls url until it answers 200, the server exits, or 15s pass; a
// freshly started server refuses connections for a moment.
func (s *server) waitOK(ctx context.Context, url string) error {
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, err := get(ctx, url)
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case time.Now().After(deadline):
			return s.failed(fmt.Errorf("no 200 from %s within 15s: %w", url, err))
		}
		select {
		case <-s.exited:
			return s.failed(errors.New("exited during start-up"))
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// warm fetches url a few times, so the edge's cache and the page cache hold
// the object before wrk starts, and checks that every body is want.
func (s *server) warm(ctx context.Context, url string, want []byte) error {
	for range 3 {
		body, err := get(ctx, url)
		if err != nil {
			return s.failed(err)
		}
		if !bytes.Equal(body, want) {
			return s.failed(fmt.Errorf("GET %s: body of %d bytes differs from the %d-byte file", url, len(body), len(want)))
		}
	}
	return nil
}

var client = &http.Client{Timeout: 10 * time.Second}

// status returns the status code of a GET of url, reading the body.
func status(ctx context.Context, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, fmt.Errorf("reading %s: %w", url, err)
	}
	return resp.StatusCode, nil
}

// get returns the body of a 200 response; any other status is an error.
func get(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d: %.200s", url, resp.StatusCode, body)
	}
	return body, nil
}
