package signer

import (
	"crypto/rand"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/testenv"
)

// post runs one POST through the handler, as an in-process edge does.
func post(rc *fasthttp.RequestCtx, h fasthttp.RequestHandler, uri, auth string, body []byte) int {
	rc.Request.Reset()
	rc.Response.Reset()
	rc.Request.Header.SetMethod("POST")
	rc.Request.SetRequestURI(uri)
	if auth != "" {
		rc.Request.Header.Set("Authorization", auth)
	}
	rc.Request.SetBody(body)
	h(rc)
	return rc.Response.StatusCode()
}

// BenchmarkPlayback is POST /playback/{asset} for a holder with the asset's
// manifest and the ownership answer cached: session check, policy check and
// a playback token minted.
func BenchmarkPlayback(b *testing.B) {
	w := newWorld(b)
	ts := gatedSigner(b, w, nil)
	auth := "Bearer " + ts.session(b, w.chain.Accounts[1].Address, 0)
	h := ts.srv.Handler()
	var rc fasthttp.RequestCtx
	if code := post(&rc, h, "/playback/gated", auth, nil); code != 200 { // fills the caches
		b.Fatalf("warm-up: %d %s", code, rc.Response.Body())
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if code := post(&rc, h, "/playback/gated", auth, nil); code != 200 {
			b.Fatalf("%d %s", code, rc.Response.Body())
		}
	}
}

// BenchmarkVerifyEOA is POST /auth/verify end to end for an EOA: body,
// SIWE parse, checks, nonce, EIP-191 recovery, session token.
func BenchmarkVerifyEOA(b *testing.B) {
	ts := newTestSigner(b, func(c *Config, _ *Deps) {
		c.MaxNonces = 1 << 30
		c.Ownership.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{"http://127.0.0.1:1"}}}
	})
	acct := testenv.NewAccount(b)
	bodies := make([][]byte, b.N)
	for i := range bodies {
		n := rand.Text()
		if err := ts.srv.nonces.put(b.Context(), n, ts.srv.now()); err != nil {
			b.Fatal(err)
		}
		text := message(acct.Address, n, nil)
		bodies[i] = []byte(verifyBody(text, sign(b, acct.Key, text)))
	}
	h := ts.srv.Handler()
	var rc fasthttp.RequestCtx
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if code := post(&rc, h, "/auth/verify", "", bodies[i]); code != 200 {
			b.Fatalf("%d %s", code, rc.Response.Body())
		}
	}
}
