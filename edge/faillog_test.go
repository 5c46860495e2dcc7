package edge

import (
	"testing"
	"time"
)

// TestFailLog: the first failure of each status is logged, then one a
// second per status, each carrying the count left out since.
func TestFailLog(t *testing.T) {
	var f failLog
	t0 := time.Unix(1_800_000_000, 0)
	if ok, n := f.allow(502, t0); !ok || n != 0 {
		t.Fatalf("first 502: %v %d, want logged with 0 left out", ok, n)
	}
	for i := range 999 {
		if ok, _ := f.allow(502, t0.Add(time.Duration(i)*time.Millisecond)); ok {
			t.Fatalf("502 #%d within the second was logged", i+2)
		}
	}
	if ok, n := f.allow(503, t0.Add(10*time.Millisecond)); !ok || n != 0 {
		t.Fatalf("first 503: %v %d: another status has its own budget", ok, n)
	}
	if ok, n := f.allow(502, t0.Add(time.Second)); !ok || n != 999 {
		t.Fatalf("502 a second later: %v %d, want logged with 999 left out", ok, n)
	}
	if ok, n := f.allow(502, t0.Add(time.Second+time.Millisecond)); ok || n != 0 {
		t.Fatalf("502 just after: %v %d, want left out", ok, n)
	}
}
