package edge

import (
	"testing"
	"time"

	"github.com/valyala/fasthttp"
)

// hotRequest serves uri once (warming every cache) and returns a request
// context to replay it with.
func hotRequest(tb testing.TB, e *testEdge, uri string) *fasthttp.RequestCtx {
	tb.Helper()
	var rc fasthttp.RequestCtx
	rc.Request.SetRequestURI(uri)
	for range 2 {
		rc.Response.Reset()
		e.srv.handle(&rc)
		if rc.Response.StatusCode() != 200 {
			tb.Fatalf("status %d: %s", rc.Response.StatusCode(), rc.Response.Body())
		}
		e.srv.objects.cache.Wait()
	}
	return &rc
}

func BenchmarkParseRoute(b *testing.B) {
	uri := []byte("/t/eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIweGFhIn0.c2lnbmF0dXJl/v/launch-keynote/720p/seg_00001.m4s")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseRoute(uri); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTokenCacheHit(b *testing.B) {
	e := newTestEdge(b, sampleOrigin(b), nil)
	tok, asset := []byte(e.playback(b, "pub")), []byte("pub")
	if _, err := e.srv.auth.check(tok, asset, time.Now()); err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.srv.auth.check(tok, asset, now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkServeCached is the whole hot path: route, cached token, cached
// manifest and policy, cached object, headers.
func BenchmarkServeCached(b *testing.B) {
	e := newTestEdge(b, sampleOrigin(b), nil)
	for _, path := range []string{"master.m3u8", "720p/seg1.m4s"} {
		b.Run(path, func(b *testing.B) {
			rc := hotRequest(b, e, "/t/"+e.playback(b, "pub")+"/v/pub/"+path)
			b.ReportAllocs()
			for b.Loop() {
				rc.Response.Reset()
				e.srv.handle(rc)
			}
		})
	}
}

// BenchmarkServeGated is the hot path with the NFT gate on: token, manifest,
// ownership and object all answered from memory.
func BenchmarkServeGated(b *testing.B) {
	e, chain, _ := gatedEdge(b)
	rc := hotRequest(b, e, "/t/"+e.playbackFor(b, chain.Accounts[1].Address, "gated")+"/v/gated/720p/seg1.m4s")
	b.ReportAllocs()
	for b.Loop() {
		rc.Response.Reset()
		e.srv.handle(rc)
	}
}

// BenchmarkKeyRoute is one HLS key request on a hot edge: token cache hit,
// policy, key schedule from memory, 16 bytes out (no network).
func BenchmarkKeyRoute(b *testing.B) {
	e := newTestEdge(b, cdnOrigin(b), nil)
	rc := hotRequest(b, e, "/t/"+e.playback(b, "film")+"/v/film/"+testVersion+"/keys/2.key")
	b.ReportAllocs()
	for b.Loop() {
		rc.Response.Reset()
		e.srv.handle(rc)
	}
}

// BenchmarkCDNRoute is one cached token-free ciphertext request.
func BenchmarkCDNRoute(b *testing.B) {
	e := newTestEdge(b, cdnOrigin(b), nil)
	rc := hotRequest(b, e, "/c/film/"+testVersion+"/aes/720p/seg1.m4s")
	b.ReportAllocs()
	for b.Loop() {
		rc.Response.Reset()
		e.srv.handle(rc)
	}
}
