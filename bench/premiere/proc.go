package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// loopback is the only host the benchmark listens on.
const loopback = "127.0.0.1"

// server is a process the benchmark started and must stop.
type server struct {
	name   string
	cmd    *exec.Cmd
	log    string        // its stdout and stderr, shown when it fails
	exited chan struct{} // closed once the process has been reaped
}

// start runs argv in its own process group, so stop signals it and its
// children and nothing else.
func start(name, logPath string, env []string, argv ...string) (*server, error) {
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
	s := &server{name: name, cmd: cmd, log: logPath, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait() // an early exit is reported through the log's tail
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
	b, rerr := os.ReadFile(s.log)
	tail := string(b)
	if rerr != nil {
		tail = rerr.Error()
	}
	lines := strings.Split(strings.TrimRight(tail, "\n"), "\n")
	return fmt.Errorf("%s: %w\n--- %s (last lines) ---\n%s", s.name, err, s.log, strings.Join(lines[max(0, len(lines)-20):], "\n"))
}

// waitFor polls ready until it succeeds, the server exits, or 30 s pass.
func (s *server) waitFor(ctx context.Context, what string, ready func() error) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := ready()
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case time.Now().After(deadline):
			return s.failed(fmt.Errorf("%s: not within 30s: %w", what, err))
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

// httpOK is a ready func: GET url answers 200.
func httpOK(url string) func() error {
	return func() error {
		resp, err := http.Get(url) //nolint:noctx // a short probe under waitFor's deadline
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %d", url, resp.StatusCode)
		}
		return nil
	}
}

// ports hands out listen ports: base, base+1, … when base > 0 (a range
// the operator owns), else ports the kernel says are free now.
type ports struct{ next int }

func (p *ports) take() (int, error) {
	if p.next > 0 {
		p.next++
		return p.next - 1, nil
	}
	l, err := net.Listen("tcp", loopback+":0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// streamgateBinary returns path, or builds ./cmd/streamgate into dir.
func streamgateBinary(ctx context.Context, root, dir, path string) (string, error) {
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

// output runs a short command and returns its trimmed stdout.
func output(ctx context.Context, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s %s: %w: %s", filepath.Base(name), strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}
