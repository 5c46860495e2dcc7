//go:build !race

package edge

import (
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/testenv"
)

// TestSeatedHotPathAllocs: a session that renewed its seat less than
// seats.renew ago is answered from the memo without allocating, alone and
// as part of a whole cached request.
func TestSeatedHotPathAllocs(t *testing.T) {
	s := newSeated(t)
	e := s.edgeWith(t, testenv.Redis(t).Addr, "", SeatsConfig{Idle: 2 * time.Minute, Renew: time.Minute, Timeout: time.Second})
	rc := hotRequest(t, e, "/t/"+e.playbackFor(t, s.holder, "one")+"/v/one/720p/seg1.m4s")
	if n := testing.AllocsPerRun(100, func() { rc.Response.Reset(); e.srv.handle(rc) }); n != 0 {
		t.Errorf("a cached request holding a seat allocates %v times", n)
	}
	k, now := seatKey{chain: 1337, contract: s.pass, hasID: true}, time.Now()
	g := &grant{wallet: s.holder, sid: "sid"}
	e.srv.seats.lease(k, g, 1, e.srv.cfg.Seats.Idle, now)
	if n := testing.AllocsPerRun(100, func() { e.srv.seats.lease(k, g, 1, e.srv.cfg.Seats.Idle, now) }); n != 0 {
		t.Errorf("a memo hit allocates %v times", n)
	}
}
