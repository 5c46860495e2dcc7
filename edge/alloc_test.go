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
	// Ranges, of a memfd (sendfile) body and of an in-memory one.
	for _, path := range []string{"720p/seg1.m4s", "master.m3u8"} {
		rc := hotRequest(t, e, "/t/"+e.playback(t, "pub")+"/v/pub/"+path)
		rc.Request.Header.Set("Range", "bytes=10-99999999999999999999")
		rc.Response.Reset()
		if e.srv.handle(rc); rc.Response.StatusCode() != 206 {
			t.Fatalf("%s: range: status %d", path, rc.Response.StatusCode())
		}
		if n := testing.AllocsPerRun(100, func() { rc.Response.Reset(); e.srv.handle(rc) }); n != 0 {
			t.Errorf("a cached range request of %s allocates %v times", path, n)
		}
	}
}

func TestGatedHotPathAllocs(t *testing.T) {
	e, chain, _ := gatedEdge(t)
	rc := hotRequest(t, e, "/t/"+e.playbackFor(t, chain.Accounts[1].Address, "gated")+"/v/gated/720p/seg1.m4s")
	if n := testing.AllocsPerRun(100, func() { rc.Response.Reset(); e.srv.handle(rc) }); n != 0 {
		t.Errorf("a cached gated request allocates %v times", n)
	}
}

// TestCORSHotPathAllocs: CORS headers, "*" or a listed origin, add no
// allocation to a cached request.
func TestCORSHotPathAllocs(t *testing.T) {
	for _, origins := range [][]string{{"*"}, {"https://player.example"}} {
		e := newTestEdge(t, sampleOrigin(t), func(c *Config) { c.HTTP.CORSOrigins = origins })
		rc := hotRequest(t, e, "/t/"+e.playback(t, "pub")+"/v/pub/720p/seg1.m4s")
		rc.Request.Header.Set("Origin", "https://player.example")
		rc.Response.Reset()
		if e.srv.handle(rc); rc.Response.StatusCode() != 200 || len(rc.Response.Header.Peek("Access-Control-Allow-Origin")) == 0 {
			t.Fatalf("%v: status %d, no Access-Control-Allow-Origin", origins, rc.Response.StatusCode())
		}
		if n := testing.AllocsPerRun(100, func() { rc.Response.Reset(); e.srv.handle(rc) }); n != 0 {
			t.Errorf("%v: a cached request with Origin allocates %v times", origins, n)
		}
	}
}
