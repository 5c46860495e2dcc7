package main

import (
	"fmt"
	"net/http"

	"github.com/streamgate/streamgate/bench/internal/proc"
)

// loopback is the only host the benchmark listens on.
const loopback = proc.Loopback

// server is a process the benchmark started and must stop.
type server = proc.Server

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
	return proc.FreePort()
}
