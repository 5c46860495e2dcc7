package testenv_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/testenv"
)

// TestWaitForReturnsOnceTrue: WaitFor keeps asking until cond holds and
// returns at once then, without failing the test.
func TestWaitForReturnsOnceTrue(t *testing.T) {
	calls := 0
	start := time.Now()
	testenv.WaitFor(t, 5*time.Second, func() error {
		if calls++; calls < 5 {
			return fmt.Errorf("call %d", calls)
		}
		return nil
	})
	if calls != 5 {
		t.Fatalf("cond called %d times, want 5 (until it held)", calls)
	}
	// Four sleeps of about 1 ms each.
	if d := time.Since(start); d > time.Second {
		t.Fatalf("took %s for four retries", d)
	}
}

// TestWaitForFailsWithLastError: when cond never holds, the test fails after
// the timeout (not before) and the message carries cond's last error.
func TestWaitForFailsWithLastError(t *testing.T) {
	r := &fatalRecorder{TB: t}
	calls := 0
	start := time.Now()
	done := make(chan struct{})
	go func() {
		defer close(done)
		testenv.WaitFor(r, 100*time.Millisecond, func() error {
			calls++
			return errors.New("still " + fmt.Sprint(calls))
		})
	}()
	<-done
	if d := time.Since(start); d < 100*time.Millisecond {
		t.Fatalf("gave up after %s, before the 100ms timeout", d)
	}
	if want := fmt.Sprintf("not within 100ms: still %d", calls); r.msg != want {
		t.Fatalf("failed with %q, want %q", r.msg, want)
	}
	if calls < 5 {
		t.Fatalf("cond called %d times in 100ms, want it polled", calls)
	}
}

// TestHolds: a predicate's false is an error naming what is awaited.
func TestHolds(t *testing.T) {
	ok := false
	cond := testenv.Holds("the door opens", func() bool { return ok })
	if err := cond(); err == nil || err.Error() != "still waiting until the door opens" {
		t.Fatalf("false: %v", err)
	}
	ok = true
	if err := cond(); err != nil {
		t.Fatalf("true: %v", err)
	}
}
