package edge

import (
	"strconv"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/testenv"
)

// BenchmarkServeSeated is the gated hot path for a policy with max_streams:
// token, manifest, ownership, seat (memo hit) and object from memory.
func BenchmarkServeSeated(b *testing.B) {
	s := newSeated(b)
	e := s.edgeWith(b, testenv.Redis(b).Addr, "", SeatsConfig{Idle: 2 * time.Minute, Renew: time.Minute, Timeout: time.Second})
	rc := hotRequest(b, e, "/t/"+e.playbackFor(b, s.holder, "one")+"/v/one/720p/seg1.m4s")
	b.ReportAllocs()
	for b.Loop() {
		rc.Response.Reset()
		e.srv.handle(rc)
	}
}

// BenchmarkSeatLease: a memo hit, and a renewal (the Redis script), which
// a playing session makes once per seats.renew.
func BenchmarkSeatLease(b *testing.B) {
	s := newSeated(b)
	e := s.edgeWith(b, testenv.Redis(b).Addr, "", SeatsConfig{Idle: 2 * time.Minute, Renew: time.Minute, Timeout: time.Second})
	k, now := seatKey{chain: 1337, contract: s.pass, hasID: true}, time.Now()
	g := &grant{wallet: s.holder, sid: "sid"}
	b.Run("memo", func(b *testing.B) {
		e.srv.seats.lease(k, g, 1, e.srv.cfg.Seats.Idle, now)
		b.ReportAllocs()
		for b.Loop() {
			e.srv.seats.lease(k, g, 1, e.srv.cfg.Seats.Idle, now)
		}
	})
	b.Run("redis", func(b *testing.B) {
		k := seatKey{chain: 1338, contract: s.pass, hasID: true}
		sessions := make([]*grant, 1000)
		for i := range sessions {
			sessions[i] = &grant{wallet: s.holder, sid: strconv.Itoa(i)}
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			k.id.SetUint64(uint64(i % 1000)) // many passes, one session each
			if !e.srv.seats.take(k, sessions[i%1000], 1, e.srv.cfg.Seats.Idle, now) {
				b.Fatal("refused")
			}
			i++
		}
	})
}
