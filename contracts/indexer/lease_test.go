package indexer

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/internal/testenv"
)

// leader is one indexer of a lease test, with its own Redis connection so
// that a crash can cut it.
type leader struct {
	x    *Indexer
	rec  *recorder
	rdb  *redis.Client
	stop func()
}

func (w *world) leader(t *testing.T, cfg Config, addr string) *leader {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { rdb.Close() })
	l := &leader{rec: &recorder{}, rdb: rdb}
	l.x, l.stop = w.run(t, cfg, l.rec, rdb)
	return l
}

func (l *leader) holds() bool {
	return testutil.ToFloat64(l.x.followers[testenv.ChainID].m.leaseHeld) == 1
}

func (l *leader) takeovers() float64 {
	return testutil.ToFloat64(l.x.followers[testenv.ChainID].m.takeovers)
}

// TestLeaseOnePublisher: of two indexers on one chain and one Redis, one
// holds the lease and publishes each transfer once, the other nothing.
// When the holder dies without releasing, the other takes over within
// about the TTL and continues from the saved place: the transfer made
// while nobody held the lease is published once, the earlier ones not
// again. A holder that stops releases the lease: a standby takes over at
// once.
func TestLeaseOnePublisher(t *testing.T) {
	w := newWorld(t)
	id := w.mintPass(t, w.alice.Address)
	r := testenv.Redis(t)
	cfg := w.fastConfig(w.pass)
	cfg.LeaseTTL = time.Second
	a, b := w.leader(t, cfg, r.Addr), w.leader(t, cfg, r.Addr)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("one indexer holds the lease", func() bool { return a.holds() != b.holds() }))
	holder, standby := a, b
	if b.holds() {
		holder, standby = b, a
	}
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the holder started", func() bool { return holder.x.Processed(testenv.ChainID) > 0 }))

	transfer := func(from, to *testenv.Account) uint64 {
		rc := w.chain.Transact(t, from, w.pass, accessPass.PackTransferFrom(from.Address, to.Address, id))
		w.chain.Sim.Commit()
		return rc.BlockNumber.Uint64()
	}
	transfer(w.alice, w.bob)
	n := transfer(w.bob, w.alice)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the holder published both", func() bool { return holder.x.Processed(testenv.ChainID) >= n }))
	time.Sleep(3 * cfg.LeaseTTL / 2) // the standby keeps standing by past a TTL: the holder renews
	if got := holder.rec.got(); len(got) != 2 || count(got, w.pass, id, w.alice.Address, w.bob.Address) != 1 || count(got, w.pass, id, w.bob.Address, w.alice.Address) != 1 {
		t.Fatalf("holder published %+v, want each transfer once", got)
	}
	if got := standby.rec.got(); len(got) != 0 || standby.holds() || standby.x.Processed(testenv.ChainID) != 0 {
		t.Fatalf("standby published %+v (holds: %v, processed %d)", got, standby.holds(), standby.x.Processed(testenv.ChainID))
	}

	// A crash: the connection is cut, so the lease is not released.
	holder.rdb.Close()
	holder.stop()
	died := time.Now()
	n = transfer(w.alice, w.bob)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the standby took over", standby.holds))
	if d := time.Since(died); d > cfg.LeaseTTL*11/10+500*time.Millisecond {
		t.Fatalf("takeover after %s with a %s lease", d, cfg.LeaseTTL)
	}
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the new holder published the transfer", func() bool { return standby.x.Processed(testenv.ChainID) >= n }))
	if got := standby.rec.got(); len(got) != 1 || count(got, w.pass, id, w.alice.Address, w.bob.Address) != 1 {
		t.Fatalf("new holder published %+v, want the one transfer made after the crash", got)
	}
	if standby.takeovers() != 1 {
		t.Fatalf("takeovers = %v, want 1", standby.takeovers())
	}

	// A clean stop releases the lease: a standby takes it at once.
	c := w.leader(t, cfg, r.Addr)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the third indexer stands by", func() bool {
		return !c.holds() && r.Client.Exists(t.Context(), LeaseKey(redisconf.DefaultPrefix, testenv.ChainID)).Val() == 1
	}))
	standby.stop()
	stopped := time.Now()
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the third indexer took over", c.holds))
	if d := time.Since(stopped); d > cfg.LeaseTTL/2 {
		t.Fatalf("takeover after a release took %s", d)
	}
	n = transfer(w.bob, w.alice)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the third published", func() bool { return c.x.Processed(testenv.ChainID) >= n }))
	if got := c.rec.got(); len(got) != 1 || count(got, w.pass, id, w.bob.Address, w.alice.Address) != 1 {
		t.Fatalf("third holder published %+v", got)
	}
}

// TestLeaseLostStopsPublishing: a holder whose lease another indexer took
// (it paused past the TTL) neither publishes nor moves the saved place
// once it learns so, at its next renewal at the latest; it then stands by.
func TestLeaseLostStopsPublishing(t *testing.T) {
	w := newWorld(t)
	id := w.mintPass(t, w.alice.Address)
	r := testenv.Redis(t)
	cfg := w.fastConfig(w.pass)
	cfg.LeaseTTL = 600 * time.Millisecond
	a := w.leader(t, cfg, r.Addr)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the indexer holds the lease", func() bool { return a.holds() && a.x.Processed(testenv.ChainID) > 0 }))
	key, cursorKey := LeaseKey(redisconf.DefaultPrefix, testenv.ChainID), CursorKey(redisconf.DefaultPrefix, testenv.ChainID)
	r.Client.Set(t.Context(), key, "another indexer", time.Minute)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the indexer stood by", func() bool { return !a.holds() }))
	saved := r.Client.Get(t.Context(), cursorKey).Val()
	w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.bob.Address, id))
	w.chain.Sim.Commit()
	time.Sleep(cfg.LeaseTTL)
	if got := a.rec.got(); len(got) != 0 {
		t.Fatalf("published %+v without the lease", got)
	}
	if now := r.Client.Get(t.Context(), cursorKey).Val(); now != saved {
		t.Fatalf("the saved place moved from %s to %s without the lease", saved, now)
	}
	if v := r.Client.Get(t.Context(), key).Val(); v != "another indexer" {
		t.Fatalf("the lease was overwritten: %q", v)
	}
}

// TestCursorWriteIsFenced: the saved place is written only with the
// lease's current token, in the same script that checks it.
func TestCursorWriteIsFenced(t *testing.T) {
	r := testenv.Redis(t)
	ctx := context.Background()
	store := redisCursors{rdb: r.Client, prefix: redisconf.DefaultPrefix}
	c := cursor{num: 7, hash: common.BigToHash(big.NewInt(7))}
	for _, tc := range []struct {
		name, lease string // "" = no lease
	}{{"no lease", ""}, {"another token", "theirs"}} {
		r.Client.Del(ctx, LeaseKey(redisconf.DefaultPrefix, 1), CursorKey(redisconf.DefaultPrefix, 1))
		if tc.lease != "" {
			r.Client.Set(ctx, LeaseKey(redisconf.DefaultPrefix, 1), tc.lease, time.Minute)
		}
		if err := store.save(ctx, 1, c, "ours"); !errors.Is(err, errLeaseLost) {
			t.Fatalf("%s: save = %v, want errLeaseLost", tc.name, err)
		}
		if _, ok, err := store.load(ctx, 1); ok || err != nil {
			t.Fatalf("%s: a place was saved (err %v)", tc.name, err)
		}
	}
	r.Client.Set(ctx, LeaseKey(redisconf.DefaultPrefix, 1), "ours", time.Minute)
	if err := store.save(ctx, 1, c, "ours"); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := store.load(ctx, 1); !ok || err != nil || got != c {
		t.Fatalf("load = %+v, %v, %v; want %+v", got, ok, err, c)
	}
}
