// Package proc starts and stops the server processes a benchmark runs
// (edge, nginx, redis, indexer), each in its own process group, and says
// why one failed from the tail of its log.
package proc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Loopback is the only host benchmarks listen on and talk to.
const Loopback = "127.0.0.1"

// startTimeout bounds WaitFor: how long a server may take to become ready.
const startTimeout = 30 * time.Second

// Server is a process a benchmark started and must stop.
type Server struct {
	Name   string
	Log    string // its stdout and stderr, shown when it fails
	cmd    *exec.Cmd
	exited chan struct{} // closed once the process has been reaped
}

// Start runs argv with env in its own process group, so Stop signals it and
// its children and nothing else; stdout and stderr go to logPath.
func Start(name, logPath string, env []string, argv ...string) (*Server, error) {
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("creating the %s log: %w", name, err)
	}
	defer logf.Close() // the child holds its own copy
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	s := &Server{Name: name, Log: logPath, cmd: cmd, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait() // an early exit is reported through the log's tail
		close(s.exited)
	}()
	return s, nil
}

// Pid is the process's id (a pinning `taskset` execs, so it is the server's).
func (s *Server) Pid() int { return s.cmd.Process.Pid }

// Stop asks the process group to exit, then kills it if it lingers 10 s.
func (s *Server) Stop() {
	pgid := s.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-s.exited
	}
}

// Failed wraps err with the last 20 lines of the server's log, which
// usually say why.
func (s *Server) Failed(err error) error {
	return fmt.Errorf("%s: %w\n--- %s (last lines) ---\n%s", s.Name, err, s.Log, LogTail(s.Log, 20))
}

// WaitFor polls ready every 100 ms until it succeeds, the server exits, ctx
// ends, or 30 s pass; what names the condition in the error.
func (s *Server) WaitFor(ctx context.Context, what string, ready func() error) error {
	deadline := time.Now().Add(startTimeout)
	for {
		err := ready()
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case time.Now().After(deadline):
			return s.Failed(fmt.Errorf("%s: not within %s: %w", what, startTimeout, err))
		}
		select {
		case <-s.exited:
			return s.Failed(errors.New("exited during start-up"))
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// LogTail is the last n lines of the file at path (or why it cannot be read).
func LogTail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// FreePort asks the kernel for a loopback port that is free right now.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", Loopback+":0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// StreamgateBinary returns path made absolute, or, when path is "", builds
// ./cmd/streamgate of the module at root into dir and returns that.
func StreamgateBinary(ctx context.Context, root, dir, path string) (string, error) {
	if path != "" {
		return filepath.Abs(path)
	}
	bin := filepath.Join(dir, "streamgate")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/streamgate")
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building streamgate: %w", err)
	}
	return bin, nil
}

// Output runs a short command and returns its trimmed stdout; a failure
// carries the command line and its stderr.
func Output(ctx context.Context, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s %s: %w: %s", filepath.Base(name), strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}
