package testenv

import (
	"errors"
	"testing"
	"time"
)

// Polling backs off with the time already waited (a twentieth of it, from
// 1 ms to 50 ms), so a latency measured around WaitFor is off by at most
// about 5%, and a long wait costs a call every 50 ms.
const (
	firstPoll = time.Millisecond
	lastPoll  = 50 * time.Millisecond
)

// WaitFor calls cond until it returns nil, and fails the test with cond's
// last error once timeout has passed. Between calls it sleeps a twentieth
// of the time waited so far, at least 1 ms and at most 50 ms. It is how tests wait for something to happen instead of sleeping
// for a guessed time. cond runs on the caller's goroutine, so it may call
// t.Fatal itself to stop early on a state that can never become good.
func WaitFor(t testing.TB, timeout time.Duration, cond func() error) {
	t.Helper()
	if err := poll(timeout, cond); err != nil {
		t.Fatalf("not within %s: %v", timeout, err)
	}
}

// Holds makes a WaitFor condition of a predicate; its error names what was
// awaited: WaitFor(t, 10*time.Second, Holds("the job is published", done)).
func Holds(what string, ok func() bool) func() error {
	return func() error {
		if !ok() {
			return errors.New("still waiting until " + what)
		}
		return nil
	}
}

// poll is WaitFor without the test: it returns nil once cond does, or cond's
// last error when timeout passes first.
func poll(timeout time.Duration, cond func() error) error {
	start := time.Now()
	for {
		err := cond()
		waited := time.Since(start)
		if err == nil || waited > timeout {
			return err
		}
		time.Sleep(min(max(waited/20, firstPoll), lastPoll))
	}
}
