//go:build !race

package edge

import "testing"

// TestHotPathAllocs holds the cached-hit path to zero allocations.
func TestHotPathAllocs(t *testing.T) {
	uri := []byte("/t/abc.def/v/launch-keynote/720p/seg_00001.m4s")
	if n := testing.AllocsPerRun(100, func() { _, _ = parseRoute(uri) }); n != 0 {
		t.Errorf("parseRoute allocates %v times", n)
	}
	e := newTestEdge(t, sampleOrigin(t), nil)
	rc := hotRequest(t, e, "/t/"+e.playback(t, "pub")+"/v/pub/720p/seg1.m4s")
	if n := testing.AllocsPerRun(100, func() { rc.Response.Reset(); e.srv.handle(rc) }); n != 0 {
		t.Errorf("a cached segment request allocates %v times", n)
	}
}

func TestGatedHotPathAllocs(t *testing.T) {
	e, chain, _ := gatedEdge(t)
	rc := hotRequest(t, e, "/t/"+e.playbackFor(t, chain.Accounts[1].Address, "gated")+"/v/gated/720p/seg1.m4s")
	if n := testing.AllocsPerRun(100, func() { rc.Response.Reset(); e.srv.handle(rc) }); n != 0 {
		t.Errorf("a cached gated request allocates %v times", n)
	}
}
