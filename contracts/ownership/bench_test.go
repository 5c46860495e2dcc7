package ownership

import (
	"context"
	"testing"
	"time"
)

// hotCheck returns the edge's per-request check, already warm: a policy
// answered from the in-process layer.
func hotCheck(tb testing.TB) func() error {
	w := newWorld(tb)
	w.mintPass(tb, w.alice.Address)
	c := w.checker(tb, nil)
	p := mustPolicy(tb, cond721(w))
	ctx := context.Background()
	now := time.Now() // the edge passes the time it read for the token check
	check := func() error { return c.AllowAt(ctx, w.alice.Address, p, now) }
	if err := check(); err != nil {
		tb.Fatal(err)
	}
	return check
}

func BenchmarkAllowCached(b *testing.B) {
	check := hotCheck(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := check(); err != nil {
			b.Fatal(err)
		}
	}
}
