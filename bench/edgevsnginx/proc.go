package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/streamgate/streamgate/bench/internal/proc"
)

// loopback is the only host the benchmark ever talks to.
const loopback = proc.Loopback

// serverCPU is the core both servers are pinned to; wrk gets loadCPU.
const (
	serverCPU = "0"
	loadCPU   = "1"
)

// server is a process the benchmark started and must stop.
type server = proc.Server

// startPinned runs argv under `taskset -c serverCPU` (taskset execs, so the
// PID is the server's own) in its own process group.
func startPinned(name, logPath string, env []string, argv ...string) (*server, error) {
	return proc.Start(name, logPath, env, append([]string{"taskset", "-c", serverCPU}, argv...)...)
}

// waitOK polls url until it answers 200, the server exits, or the start-up
// timeout passes; a freshly started server refuses connections for a moment.
func waitOK(ctx context.Context, s *server, url string) error {
	return s.WaitFor(ctx, "a 200 from "+url, func() error {
		_, err := get(ctx, url)
		return err
	})
}

// warm fetches url a few times, so the edge's cache and the page cache hold
// the object before wrk starts, and checks that every body is want.
func warm(ctx context.Context, s *server, url string, want []byte) error {
	for range 3 {
		body, err := get(ctx, url)
		if err != nil {
			return s.Failed(err)
		}
		if !bytes.Equal(body, want) {
			return s.Failed(fmt.Errorf("GET %s: body of %d bytes differs from the %d-byte file", url, len(body), len(want)))
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
