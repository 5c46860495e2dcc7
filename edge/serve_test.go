package edge

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/streamgate/streamgate/signer/token"
)

const publicPolicy = `{"public":true}`

var (
	playlist = []byte("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4,\nseg1.m4s\n#EXT-X-ENDLIST\n")
	segment  = bytes.Repeat([]byte("0123456789abcdef"), 4096) // 64 KiB
)

// origin folder: a public asset, a gated one, and broken ones.
func sampleOrigin(t testing.TB) string {
	dir := t.TempDir()
	writeAsset(t, dir, "pub", publicPolicy)
	writeObject(t, dir, "pub/master.m3u8", playlist)
	writeObject(t, dir, "pub/720p/seg1.m4s", segment)
	writeObject(t, dir, "pub/manifest.mpd", []byte("<MPD/>"))
	writeObject(t, dir, "pub/big.mp4", bytes.Repeat([]byte{7}, 300_000))
	writeObject(t, dir, "outside.m4s", segment)
	writeAsset(t, dir, "gated", `{"any":[{"chain_id":1,"contract":"0x00000000000000000000000000000000000000c1","standard":"erc721"}]}`)
	writeObject(t, dir, "gated/master.m3u8", playlist)
	writeObject(t, dir, "nopolicy/asset.json", []byte(`{"id":"nopolicy"}`))
	writeObject(t, dir, "nopolicy/master.m3u8", playlist)
	writeObject(t, dir, "broken/asset.json", []byte(`{"id":`))
	writeObject(t, dir, "broken/master.m3u8", playlist)
	writeObject(t, dir, "noasset/master.m3u8", playlist)
	return dir
}

func TestServeObjects(t *testing.T) {
	e := newTestEdge(t, sampleOrigin(t), func(c *Config) { c.Cache.MaxObjectBytes = 100_000 })
	base := e.url + "/t/" + e.playback(t, "pub") + "/v/pub/"
	cases := []struct {
		path, ctype, cc string
		body            []byte
	}{
		{"master.m3u8", "application/vnd.apple.mpegurl", "private, no-store", playlist},
		{"manifest.mpd", "application/dash+xml", "private, no-store", []byte("<MPD/>")},
		{"720p/seg1.m4s", "video/iso.segment", "private, max-age=86400", segment},
		{"big.mp4", "video/mp4", "private, max-age=86400", bytes.Repeat([]byte{7}, 300_000)},
	}
	for _, tc := range cases {
		for round := range 2 { // miss, then hit
			resp, body := do(t, "GET", base+tc.path, nil)
			if resp.StatusCode != 200 || !bytes.Equal(body, tc.body) {
				t.Fatalf("%s round %d: status %d, %d bytes", tc.path, round, resp.StatusCode, len(body))
			}
			if got := resp.Header.Get("Content-Type"); got != tc.ctype {
				t.Errorf("%s: Content-Type %q, want %q", tc.path, got, tc.ctype)
			}
			if got := resp.Header.Get("Cache-Control"); got != tc.cc {
				t.Errorf("%s: Cache-Control %q, want %q", tc.path, got, tc.cc)
			}
			if resp.Header.Get("ETag") == "" || resp.Header.Get("Accept-Ranges") != "bytes" {
				t.Errorf("%s: ETag %q Accept-Ranges %q", tc.path, resp.Header.Get("ETag"), resp.Header.Get("Accept-Ranges"))
			}
		}
	}
}

func TestServeConditionalAndRanges(t *testing.T) {
	e := newTestEdge(t, sampleOrigin(t), func(c *Config) { c.Cache.MaxObjectBytes = 100_000 })
	base := e.url + "/t/" + e.playback(t, "pub") + "/v/pub/"
	for _, path := range []string{"720p/seg1.m4s", "big.mp4"} {
		full, _ := do(t, "GET", base+path, nil)
		etag := full.Header.Get("ETag")
		size := full.ContentLength

		resp, body := do(t, "GET", base+path, map[string]string{"If-None-Match": etag})
		if resp.StatusCode != 304 || len(body) != 0 {
			t.Fatalf("%s: If-None-Match: status %d, %d bytes", path, resp.StatusCode, len(body))
		}
		resp, body = do(t, "GET", base+path, map[string]string{"Range": "bytes=10-19"})
		if resp.StatusCode != 206 || len(body) != 10 || resp.Header.Get("Content-Range") != "bytes 10-19/"+strconv.FormatInt(size, 10) {
			t.Fatalf("%s: range: status %d, %d bytes, Content-Range %q", path, resp.StatusCode, len(body), resp.Header.Get("Content-Range"))
		}
		resp, body = do(t, "GET", base+path, map[string]string{"Range": "bytes=-5"})
		if resp.StatusCode != 206 || len(body) != 5 {
			t.Fatalf("%s: suffix range: status %d, %d bytes", path, resp.StatusCode, len(body))
		}
		resp, body = do(t, "GET", base+path, map[string]string{"Range": "bytes=0-1,4-5"})
		if resp.StatusCode != 200 || int64(len(body)) != size {
			t.Fatalf("%s: multi-range: status %d, %d bytes", path, resp.StatusCode, len(body))
		}
		resp, body = do(t, "GET", base+path, map[string]string{"Range": "bytes=10-19", "If-Range": `"stale"`})
		if resp.StatusCode != 200 || int64(len(body)) != size {
			t.Fatalf("%s: stale If-Range: status %d", path, resp.StatusCode)
		}
		resp, body = do(t, "GET", base+path, map[string]string{"Range": "bytes=" + strconv.FormatInt(size, 10) + "-"})
		wantError(t, resp, body, 416, "range_not_satisfiable")
		if got := resp.Header.Get("Content-Range"); got != fmt.Sprintf("bytes */%d", size) {
			t.Fatalf("%s: 416 Content-Range %q", path, got)
		}
		resp, body = do(t, "HEAD", base+path, nil)
		if resp.StatusCode != 200 || resp.ContentLength != size || len(body) != 0 {
			t.Fatalf("%s: HEAD: status %d, length %d, %d body bytes", path, resp.StatusCode, resp.ContentLength, len(body))
		}
	}
}

// badTokens are tokens an attacker or a broken player might send.
func badTokens(t *testing.T, e *testEdge) map[string]string {
	now := time.Now()
	pub := e.issuer.JWKS().Keys[0]
	pk, _ := pub.PublicKey()
	other, _ := token.GenerateKey()
	otherIssuer, _ := token.NewIssuer("test", other)
	wrongKey, _, _ := otherIssuer.Playback(testWallet, "pub", time.Hour, now)
	claims := jwt.MapClaims{"iss": "test", "sub": testWallet, "aud": token.AudiencePlayback, "ast": "pub", "sid": "s1",
		"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(time.Hour).Unix()}
	none := jwt.NewWithClaims(jwt.SigningMethodNone, claims)
	none.Header["kid"] = pub.Kid
	noneTok, _ := none.SignedString(jwt.UnsafeAllowNoneSignatureType)
	hs := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	hs.Header["kid"] = pub.Kid
	hsTok, _ := hs.SignedString([]byte(ed25519.PublicKey(pk)))
	expired, _, _ := e.issuer.Playback(testWallet, "pub", time.Minute, now.Add(-2*time.Hour))
	future, _, _ := e.issuer.Playback(testWallet, "pub", time.Hour, now.Add(time.Hour))
	session, _, _ := e.issuer.Session(testWallet, 1, time.Hour, now)
	valid := e.playback(t, "pub")
	return map[string]string{
		"garbage":      "garbage",
		"percent":      "to%6ben",
		"alg none":     noneTok,
		"hs256 pubkey": hsTok,
		"wrong key":    wrongKey,
		"expired":      expired,
		"not yet":      future,
		"session":      session,
		"tampered":     valid[:len(valid)-4] + "AAAA",
	}
}

func TestServeRefusesBadTokens(t *testing.T) {
	e := newTestEdge(t, sampleOrigin(t), nil)
	for name, tok := range badTokens(t, e) {
		resp, body := do(t, "GET", e.url+"/t/"+tok+"/v/pub/720p/seg1.m4s", nil)
		if resp.StatusCode != 401 || bytes.Contains(body, segment[:32]) {
			t.Errorf("%s: status %d", name, resp.StatusCode)
			continue
		}
		wantError(t, resp, body, 401, "")
	}
	resp, body := do(t, "GET", e.url+"/t/"+e.playback(t, "gated")+"/v/pub/master.m3u8", nil)
	wantError(t, resp, body, 403, "forbidden")
	expired := badTokens(t, e)["expired"]
	resp, body = do(t, "GET", e.url+"/t/"+expired+"/v/pub/master.m3u8", nil)
	wantError(t, resp, body, 401, "token_expired")
}

func TestServeRefusesBadRequests(t *testing.T) {
	e := newTestEdge(t, sampleOrigin(t), nil)
	tok := func(asset string) string { return "/t/" + e.playback(t, asset) + "/v/" + asset + "/" }
	cases := []struct {
		name, method, path string
		status             int
		code               string
	}{
		{"traversal", "GET", tok("pub") + "../outside.m4s", 400, "bad_request"},
		{"encoded traversal", "GET", tok("pub") + "%2e%2e/outside.m4s", 400, "bad_request"},
		{"backslash", "GET", tok("pub") + "..\\outside.m4s", 400, "bad_request"},
		{"nul", "GET", tok("pub") + "x%00.m4s", 400, "bad_request"},
		{"double slash", "GET", tok("pub") + "720p//seg1.m4s", 400, "bad_request"},
		{"long path", "GET", tok("pub") + strings.Repeat("a", 600), 400, "bad_request"},
		{"asset.json", "GET", tok("pub") + "asset.json", 404, "not_found"},
		{"missing object", "GET", tok("pub") + "720p/nope.m4s", 404, "not_found"},
		{"unknown asset", "GET", tok("nope") + "master.m3u8", 404, "not_found"},
		{"no asset.json", "GET", tok("noasset") + "master.m3u8", 404, "not_found"},
		{"broken asset.json", "GET", tok("broken") + "master.m3u8", 502, "origin_error"},
		{"no policy", "GET", tok("nopolicy") + "master.m3u8", 502, "origin_error"},
		{"gated, chain not configured", "GET", tok("gated") + "master.m3u8", 503, "chain_unavailable"},
		{"post", "POST", tok("pub") + "master.m3u8", 405, "method_not_allowed"},
		{"no route", "GET", "/nope", 404, "not_found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := do(t, tc.method, e.url+tc.path, nil)
			wantError(t, resp, body, tc.status, tc.code)
		})
	}
}

func TestHealthAndMetrics(t *testing.T) {
	e := newTestEdge(t, sampleOrigin(t), nil)
	do(t, "GET", e.url+"/t/"+e.playback(t, "pub")+"/v/pub/master.m3u8", nil)
	for _, path := range []string{"/healthz", "/readyz"} {
		if resp, body := do(t, "GET", e.url+path, nil); resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
		}
	}
	resp, body := do(t, "GET", e.url+"/metrics", nil)
	for _, want := range []string{
		`streamgate_edge_requests_total{kind="playlist",status="200"} 1`,
		"streamgate_edge_cache_misses_total 1",
		"streamgate_edge_token_verifications_total 1",
		"streamgate_edge_origin_fetches_total 1",
		"streamgate_edge_cache_bytes",
	} {
		if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte(want)) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

// TestKeyWithdrawal: once a key leaves jwks.json, tokens it signed stop
// working, even ones the edge had already verified and cached.
func TestKeyWithdrawal(t *testing.T) {
	e := newTestEdge(t, sampleOrigin(t), nil)
	url := e.url + "/t/" + e.playback(t, "pub") + "/v/pub/master.m3u8"
	if resp, body := do(t, "GET", url, nil); resp.StatusCode != 200 {
		t.Fatalf("before rotation: %d %s", resp.StatusCode, body)
	}
	other, _ := token.GenerateKey()
	next, _ := token.NewIssuer("test", other)
	if err := token.WriteJWKSFile(e.srv.cfg.Token.JWKS, next.JWKS()); err != nil {
		t.Fatal(err)
	}
	if err := e.srv.auth.load(); err != nil {
		t.Fatal(err)
	}
	resp, body := do(t, "GET", url, nil)
	wantError(t, resp, body, 401, "invalid_token")
}

// TestJWKSFromSignerURL: an edge that reads the signer's
// /.well-known/jwks.json verifies its tokens, and picks up a rotation.
func TestJWKSFromSignerURL(t *testing.T) {
	first, _ := token.GenerateKey()
	issuer, _ := token.NewIssuer("signer", first)
	var served atomic.Value
	served.Store(issuer.JWKS())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(served.Load())
	}))
	defer srv.Close()
	e := newTestEdge(t, sampleOrigin(t), func(c *Config) {
		c.Token.JWKS = srv.URL + "/.well-known/jwks.json"
	})
	tok, _, _ := issuer.Playback(testWallet, "pub", time.Hour, time.Now())
	if resp, body := do(t, "GET", e.url+"/t/"+tok+"/v/pub/master.m3u8", nil); resp.StatusCode != 200 {
		t.Fatalf("token of the signer's key: %d %s", resp.StatusCode, body)
	}
	second, _ := token.GenerateKey()
	rotated, _ := token.NewIssuer("signer", second, first)
	served.Store(rotated.JWKS())
	if err := e.srv.auth.load(); err != nil {
		t.Fatal(err)
	}
	tok2, _, _ := rotated.Playback(testWallet, "pub", time.Hour, time.Now())
	if resp, body := do(t, "GET", e.url+"/t/"+tok2+"/v/pub/master.m3u8", nil); resp.StatusCode != 200 {
		t.Fatalf("token of the new key after reload: %d %s", resp.StatusCode, body)
	}
}
