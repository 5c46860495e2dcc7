package origin

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/testenv"
)

// attemptLog counts attempts per region from Observe, safely across
// goroutines.
type attemptLog struct {
	mu sync.Mutex
	n  map[string]int
}

func (l *attemptLog) observe(region string, _ time.Duration, _ error) {
	l.mu.Lock()
	l.n[region]++
	l.mu.Unlock()
}

func (l *attemptLog) count(region string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n[region]
}

// hungAndDir returns Regions over a hung S3 endpoint (first) and a folder
// holding x/seg.m4s (second).
func hungAndDir(t *testing.T, eject EjectConfig) (*Regions, *attemptLog) {
	t.Helper()
	hung, err := NewS3(S3Config{Endpoint: strings.TrimPrefix(testenv.Hung(t), "http://"), Bucket: "media", AccessKey: "k", SecretKey: "secretkey"})
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "x", "seg.m4s"), []byte("seg"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir, err := NewDir(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dir.Close() })
	cfg := RegionsConfig{Timeout: 100 * time.Millisecond, Retries: 2, Backoff: time.Millisecond, Eject: eject}
	rs, err := NewRegions(cfg, Region{"hung", hung}, Region{"dir", dir})
	if err != nil {
		t.Fatal(err)
	}
	log := &attemptLog{n: map[string]int{}}
	rs.Observe = log.observe
	return rs, log
}

// TestEjection: consecutive timeouts eject a hung region; while it is down,
// reads skip it; once due, exactly one of many concurrent reads probes it,
// and a failed probe ejects it again for twice as long, up to the cap.
func TestEjection(t *testing.T) {
	rs, log := hungAndDir(t, EjectConfig{After: 3, Backoff: 300 * time.Millisecond, MaxBackoff: 600 * time.Millisecond})
	ctx := context.Background()
	get := func() {
		t.Helper()
		if got, _, err := readAll(t, rs, "x/seg.m4s", Range{}); err != nil || string(got) != "seg" {
			t.Errorf("get: %q %v", got, err)
		}
	}
	get()
	if n := log.count("hung"); n != 3 {
		t.Fatalf("first read made %d attempts on the hung region, want 3 (1 + 2 retries)", n)
	}
	if st := rs.Status()[0]; st.Up || st.Ejections != 1 {
		t.Fatalf("hung region after 3 timeouts: %+v, want ejected", st)
	}
	for range 20 {
		if time.Until(rs.Status()[0].DownUntil) < 50*time.Millisecond {
			break
		}
		get()
	}
	if n := log.count("hung"); n != 3 {
		t.Fatalf("reads while ejected made %d attempts on it, want none", n-3)
	}
	// The same holds for Stat and for a key every answering region lacks:
	// skipping a region is not its answer, so that is unavailable.
	if _, err := rs.Stat(ctx, "x/none"); !errors.Is(err, ErrUnavailable) || !errors.Is(err, ErrEjected) {
		t.Fatalf("stat of a missing key with the first region ejected: %v, want ErrUnavailable (ejected)", err)
	}

	for i, want := range []time.Duration{600 * time.Millisecond, 600 * time.Millisecond} {
		testenv.WaitFor(t, 2*time.Second, testenv.Holds("the hung region is due a probe", func() bool {
			due := rs.Status()[0].DownUntil
			return !time.Now().Before(due)
		}))
		before := log.count("hung")
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(get)
		}
		wg.Wait()
		if n := log.count("hung") - before; n != 1 {
			t.Fatalf("probe %d: %d attempts on the hung region from 20 concurrent reads, want 1", i, n)
		}
		rs.health[0].mu.Lock()
		backoff := rs.health[0].backoff
		rs.health[0].mu.Unlock()
		if st := rs.Status()[0]; st.Up || st.Ejections != uint64(i+2) || backoff != want {
			t.Fatalf("after failed probe %d: %+v backoff %s, want ejected again for %s", i, st, backoff, want)
		}
	}
}

// TestEjectionCountsOnlyFaults: not-found is an answer and a caller that
// gives up is no verdict on the region; neither ejects it. After 0 never
// ejects.
func TestEjectionCountsOnlyFaults(t *testing.T) {
	rs, _ := hungAndDir(t, EjectConfig{After: 1, Backoff: time.Minute, MaxBackoff: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if _, _, err := rs.Get(ctx, "x/seg.m4s", Range{}); err == nil {
		t.Fatal("a read the caller abandoned succeeded")
	}
	if st := rs.Status()[0]; !st.Up || st.Failures != 0 {
		t.Fatalf("after the caller gave up: %+v, want up with no failure counted", st)
	}

	dirOnly, err := NewRegions(RegionsConfig{Timeout: time.Second, Eject: EjectConfig{After: 1, Backoff: time.Minute, MaxBackoff: time.Minute}},
		Region{"dir", rs.regions[1].Store})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := dirOnly.Stat(context.Background(), "x/none"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("stat of a missing key: %v, want ErrNotFound", err)
		}
	}
	if st := dirOnly.Status()[0]; !st.Up || st.Failures != 0 {
		t.Fatalf("after not-found answers: %+v, want up", st)
	}

	never, _ := hungAndDir(t, EjectConfig{})
	for range 2 {
		if _, _, err := readAll(t, never, "x/seg.m4s", Range{}); err != nil {
			t.Fatal(err)
		}
	}
	if st := never.Status()[0]; !st.Up || st.Ejections != 0 {
		t.Fatalf("eject.after 0: %+v, want never ejected", st)
	}
}

func TestEjectConfig(t *testing.T) {
	for _, tc := range []struct {
		c    EjectConfig
		want string
	}{
		{EjectConfig{After: -1}, "origin.eject.after"},
		{EjectConfig{After: 3}, "origin.eject.backoff"},
		{EjectConfig{After: 3, Backoff: time.Second, MaxBackoff: time.Millisecond}, "origin.eject.max_backoff"},
	} {
		if err := tc.c.validate(); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want an error naming %s", tc.c, err, tc.want)
		}
	}
	if err := DefaultEject.validate(); err != nil {
		t.Fatal(err)
	}
	if err := (EjectConfig{}).validate(); err != nil {
		t.Fatalf("eject off: %v", err)
	}
}

// TestReachable: a region that answers "not found" makes the regions
// reachable even while an earlier one times out; with none answering it is
// ErrUnavailable.
func TestReachable(t *testing.T) {
	rs, _ := hungAndDir(t, DefaultEject)
	if err := rs.Reachable(context.Background(), "x/none"); err != nil {
		t.Fatalf("hung primary, answering fallback: %v, want reachable", err)
	}
	hungOnly, err := NewRegions(rs.cfg, rs.regions[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := hungOnly.Reachable(context.Background(), "x/none"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("hung only: %v, want ErrUnavailable", err)
	}
}
