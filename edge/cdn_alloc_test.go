//go:build !race

package edge

import "testing"

// TestCDNHotPathAllocs: a key request (token, policy and a schedule already
// known) and a cached token-free ciphertext request allocate nothing.
func TestCDNHotPathAllocs(t *testing.T) {
	e := newTestEdge(t, cdnOrigin(t), nil)
	for _, uri := range []string{
		"/t/" + e.playback(t, "film") + "/v/film/" + testVersion + "/keys/1.key",
		"/c/film/" + testVersion + "/aes/720p/seg1.m4s",
	} {
		rc := hotRequest(t, e, uri)
		if n := testing.AllocsPerRun(100, func() { rc.Response.Reset(); e.srv.handle(rc) }); n != 0 {
			t.Errorf("%s allocates %v times", uri[:3], n)
		}
	}
}
