package edge

import (
	"bytes"
	"encoding/hex"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/testenv"
)

// testVersion is a publish version folder (docs/protocol.md §4).
const testVersion = "v0123456789ab"

// segmentS is the CDN fixtures' segment_s: with key_period 3, a CDN
// session's seat is held 2 × 3 × segmentS = 30 s.
var segmentS = 5.0

var (
	clearSeg  = bytes.Repeat([]byte("CLEAR-MEDIA-"), 100)
	cipherSeg = bytes.Repeat([]byte("CIPHERTEXT--"), 100)
	testKeys  = [][16]byte{
		{0: 1, 15: 0xa1}, {0: 2, 15: 0xa2}, {0: 3, 15: 0xa3},
	}
)

func keysJSON() []byte {
	var b strings.Builder
	b.WriteString(`{"key_period":3,"keys":[`)
	for i, k := range testKeys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + hex.EncodeToString(k[:]) + `"`)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// writeVersioned publishes asset id in the versioned layout with delivery
// ("cdn" or "edge"): the clear set, the ciphertext under aes/, the key
// schedule and the version record, as the transcoder writes them.
func writeVersioned(t testing.TB, dir, id, delivery, policy string) {
	t.Helper()
	v := id + "/" + testVersion + "/"
	writeObject(t, dir, v+"master.m3u8", playlist)
	writeObject(t, dir, v+"720p/index.m3u8", playlist)
	writeObject(t, dir, v+"720p/init.mp4", []byte("clear-init"))
	writeObject(t, dir, v+"720p/seg1.m4s", clearSeg)
	writeObject(t, dir, v+"manifest.mpd", []byte("<MPD/>"))
	writeObject(t, dir, v+"aes/720p/seg1.m4s", cipherSeg)
	writeObject(t, dir, v+"aes/720p/index.m3u8", playlist)
	writeObject(t, dir, v+"keys.json", keysJSON())
	writeObject(t, dir, id+"/versions.json", []byte(`{"versions":[]}`))
	cdn := ""
	if delivery == "cdn" {
		cdn = `"key_period":3,"segment_s":` + strconv.FormatFloat(segmentS, 'f', -1, 64) + `,`
	}
	writeObject(t, dir, id+"/asset.json", []byte(`{"id":"`+id+`","title":"t","delivery":"`+delivery+
		`","version":"`+testVersion+`",`+cdn+`"policy":`+policy+`}`))
}

// cdnOrigin is sampleOrigin plus "film" (CDN mode) and "plain" (edge mode),
// both public and versioned.
func cdnOrigin(t testing.TB) string {
	dir := sampleOrigin(t)
	writeVersioned(t, dir, "film", "cdn", publicPolicy)
	writeVersioned(t, dir, "plain", "edge", publicPolicy)
	return dir
}

func TestParseCDN(t *testing.T) {
	good := "/c/film/" + testVersion + "/aes/720p/seg_00001.m4s"
	r, err := parseCDN([]byte(good + "?cachebust=1"))
	if err != nil || string(r.asset) != "film" || string(r.key) != "film/"+testVersion+"/aes/720p/seg_00001.m4s" {
		t.Fatalf("%s: %+v, %v", good, r, err)
	}
	for _, uri := range cdnRefused("film") {
		if _, err := parseCDN([]byte(uri)); err == nil {
			t.Errorf("%s: accepted", uri)
		} else if !errors.Is(err, errNoRoute) || errors.Is(err, errBadRoute) {
			t.Errorf("%s: %v, want errNoRoute alone (404)", uri, err)
		}
	}
}

// cdnRefused is every class of path the token-free route must not serve
// for asset a: the clear set, playlists, init, manifests, the key schedule,
// the version record, keys, other versions' spellings, traversal and
// percent-encoding variants (the raw URI is matched before any decoding).
func cdnRefused(a string) []string {
	v := testVersion
	c := "/c/" + a + "/"
	return []string{
		c + v + "/720p/seg1.m4s", c + v + "/master.m3u8", c + v + "/720p/index.m3u8", c + v + "/720p/init.mp4",
		c + v + "/manifest.mpd", c + "asset.json", c + v + "/asset.json", c + v + "/keys.json", c + "versions.json",
		c + v + "/keys/0.key", c + v + "/aes/keys.json", c + v + "/aes/720p/index.m3u8", c + v + "/aes/asset.json",
		c + v + "/aes/../keys.json", c + v + "/aes/../720p/seg1.m4s", c + v + "/aes/720p/../../720p/seg1.m4s",
		c + v + "/aes/%2e%2e/720p/seg1.m4s", c + v + "/aes/..%2f720p/seg1.m4s", c + v + "/aes/%2E%2E%2F720p%2Fseg1.m4s",
		c + v + "/aes/%37%32%30p/seg1.m4s", c + v + "/aes%2f720p/seg1.m4s", c + v + "/%61es/720p/seg1.m4s",
		c + v + "/aes//720p/seg1.m4s", c + v + "/aes/./720p/seg1.m4s", c + v + "/aes/720p\\..\\seg1.m4s",
		c + v + "/aes/720p/seg1.m4s%00", c + v + "/AES/720p/seg1.m4s",
		c + v + "/aes/", c + v + "/aes", c + "v0123456789AB/aes/720p/seg1.m4s", c + "v0123/aes/720p/seg1.m4s",
		c + "aes/720p/seg1.m4s", c + "../" + a + "/" + v + "/aes/720p/seg1.m4s", "/c/%66" + a[1:] + "/" + v + "/aes/720p/seg1.m4s",
		"/c/" + strings.ToUpper(a) + "/" + v + "/aes/720p/seg1.m4s", "/c//" + v + "/aes/720p/seg1.m4s", "/c/",
		"/c/" + a, c + v + "/aes/720p/" + strings.Repeat("x", 513) + ".m4s",
	}
}

// TestCDNRoute: the token-free route serves a CDN-mode asset's ciphertext
// for a year to anyone, and nothing else: every refused class is a JSON 404
// that no cache keeps, for CDN-mode and edge-mode assets alike.
func TestCDNRoute(t *testing.T) {
	e := newTestEdge(t, cdnOrigin(t), func(c *Config) { c.HTTP.CORSOrigins = []string{"https://player.example"} })
	seg := e.url + "/c/film/" + testVersion + "/aes/720p/seg1.m4s"
	for _, method := range []string{"GET", "HEAD"} {
		resp, body := do(t, method, seg, map[string]string{"Origin": "https://elsewhere.example"})
		if resp.StatusCode != 200 || method == "GET" && !bytes.Equal(body, cipherSeg) {
			t.Fatalf("%s ciphertext: %d %q", method, resp.StatusCode, body)
		}
		for h, want := range map[string]string{
			"Cache-Control": "public, max-age=31536000, immutable", "Access-Control-Allow-Origin": "*",
			"Content-Type": "video/iso.segment", "Vary": "",
		} {
			if got := resp.Header.Get(h); got != want {
				t.Errorf("%s %s = %q, want %q", method, h, got, want)
			}
		}
	}
	resp, body := do(t, "GET", seg, map[string]string{"Range": "bytes=0-9"})
	if resp.StatusCode != 206 || !bytes.Equal(body, cipherSeg[:10]) {
		t.Fatalf("range: %d %q", resp.StatusCode, body)
	}
	resp, body = do(t, "POST", seg, nil)
	wantError(t, resp, body, 405, "method_not_allowed")
	resp, _ = do(t, "OPTIONS", seg, map[string]string{"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET",
		"Access-Control-Request-Headers": "range"})
	// docs/protocol.md (CDN mode) documents this answer header by header.
	if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != "*" || resp.Header.Get("Vary") != "" ||
		resp.Header.Get("Access-Control-Allow-Headers") != "Range" || resp.Header.Get("Access-Control-Allow-Methods") != "GET, HEAD" ||
		resp.Header.Get("Access-Control-Max-Age") != "7200" {
		t.Fatalf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
	refused := append(cdnRefused("film"), cdnRefused("plain")...)
	refused = append(refused, cdnRefused("pub")...)
	refused = append(refused, "/c/plain/"+testVersion+"/aes/720p/seg1.m4s", "/c/nosuch/"+testVersion+"/aes/720p/seg1.m4s")
	for _, uri := range refused {
		resp, body := rawGet(t, e.url, uri)
		if resp.StatusCode != 404 {
			t.Errorf("%q: %d %q", uri, resp.StatusCode, body)
			continue
		}
		wantError(t, resp, body, 404, "not_found")
		if cc, acao := resp.Header.Get("Cache-Control"), resp.Header.Get("Access-Control-Allow-Origin"); cc != "no-store" || acao != "*" {
			t.Errorf("%q: error Cache-Control %q (want no-store), Access-Control-Allow-Origin %q (want *)", uri, cc, acao)
		}
		leaks(t, uri, body)
	}
	for result, n := range map[string]int{"ok": 3, "not_found": len(refused), "method_not_allowed": 1} {
		if got := metricValue(t, e, `streamgate_edge_cdn_requests_total{result="`+result+`"}`); got != strconv.Itoa(n) {
			t.Errorf("token-free requests %s = %s, want %d", result, got, n)
		}
	}
}

// rawGet sends uri byte for byte (net/http would clean or re-encode it).
func rawGet(t testing.TB, base, uri string) (*http.Response, []byte) {
	t.Helper()
	return testenv.RawHTTP(t, strings.TrimPrefix(base, "http://"), "GET "+uri+" HTTP/1.1\r\nHost: edge\r\nConnection: close\r\n\r\n")
}

// leaks fails when body holds clear media, a key or a playlist.
func leaks(t testing.TB, what string, body []byte) {
	t.Helper()
	for _, k := range testKeys {
		if bytes.Contains(body, k[:]) || bytes.Contains(body, []byte(hex.EncodeToString(k[:]))) {
			t.Errorf("%s: the body holds a key", what)
		}
	}
	if bytes.Contains(body, clearSeg[:24]) || bytes.Contains(body, playlist[:7]) {
		t.Errorf("%s: the body holds clear media or a playlist: %q", what, body)
	}
}

// TestGatedRouteHidesReserved: even with a valid token, the gated route
// never serves asset.json, keys.json, versions.json or the ciphertext, for
// either delivery mode, at any depth.
func TestGatedRouteHidesReserved(t *testing.T) {
	e := newTestEdge(t, cdnOrigin(t), nil)
	for _, a := range []string{"film", "plain"} {
		base := "/t/" + e.playback(t, a) + "/v/" + a + "/"
		for _, p := range []string{"asset.json", "versions.json", testVersion + "/keys.json", testVersion + "/aes/720p/seg1.m4s",
			testVersion + "/aes/720p/index.m3u8", testVersion + "/asset.json", testVersion + "/keys/x.key", testVersion + "/keys/01.key",
			testVersion + "/keys/0.key.json", "x/keys.json", "aes/x.m4s"} {
			resp, body := rawGet(t, e.url, base+p)
			wantError(t, resp, body, 404, "not_found")
			leaks(t, a+"/"+p, body)
		}
		// The clear set itself plays on the gated route in both modes (DASH).
		resp, body := do(t, "GET", e.url+base+testVersion+"/720p/seg1.m4s", nil)
		if resp.StatusCode != 200 || !bytes.Equal(body, clearSeg) {
			t.Fatalf("%s: clear segment on the gated route: %d", a, resp.StatusCode)
		}
	}
}

// TestKeyRoute: a key is the 16 raw bytes of its period from the version's
// schedule, after the token check, and no cache may keep it; a token for
// another asset, a period past the schedule and an edge-mode asset get none.
func TestKeyRoute(t *testing.T) {
	e := newTestEdge(t, cdnOrigin(t), nil)
	base := e.url + "/t/" + e.playback(t, "film") + "/v/film/" + testVersion + "/keys/"
	for i, want := range testKeys {
		for _, method := range []string{"GET", "HEAD"} {
			resp, body := do(t, method, base+string(rune('0'+i))+".key", nil)
			if resp.StatusCode != 200 || resp.ContentLength != 16 || method == "GET" && !bytes.Equal(body, want[:]) {
				t.Fatalf("%s key %d: %d len %d %x", method, i, resp.StatusCode, resp.ContentLength, body)
			}
			if cc, ct := resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"); cc != "private, no-store" || ct != "application/octet-stream" {
				t.Fatalf("key %d: Cache-Control %q, Content-Type %q", i, cc, ct)
			}
		}
	}
	resp, body := do(t, "GET", base+"3.key", nil)
	wantError(t, resp, body, 404, "not_found")
	resp, body = do(t, "GET", e.url+"/t/"+e.playback(t, "pub")+"/v/film/"+testVersion+"/keys/0.key", nil)
	wantError(t, resp, body, 403, "forbidden")
	leaks(t, "another asset's token", body)
	resp, body = do(t, "GET", e.url+"/t/not.a.token/v/film/"+testVersion+"/keys/0.key", nil)
	wantError(t, resp, body, 401, "invalid_token")
	resp, body = do(t, "GET", e.url+"/t/"+e.playback(t, "plain")+"/v/plain/"+testVersion+"/keys/0.key", nil)
	wantError(t, resp, body, 404, "not_found")
	resp, body = do(t, "GET", e.url+"/t/"+e.playback(t, "film")+"/v/film/v00000000000a/keys/0.key", nil)
	wantError(t, resp, body, 404, "not_found")
	want := map[string]int{"ok": 6, "not_found": 3, "forbidden": 1, "invalid_token": 1}
	for result, n := range want {
		if got := metricValue(t, e, `streamgate_edge_key_requests_total{result="`+result+`"}`); got != strconv.Itoa(n) {
			t.Errorf("key requests %s = %v, want %v", result, got, n)
		}
	}
}

// TestKeySchedule: an unusable keys.json is the publisher's fault, a 502
// to retry like a bad asset.json, never a viewer's 4xx.
func TestKeySchedule(t *testing.T) {
	dir := cdnOrigin(t)
	writeObject(t, dir, "film/"+testVersion+"/keys.json", []byte(`{"key_period":3,"keys":["`+strings.Repeat("g", 32)+`"]}`))
	e := newTestEdge(t, dir, nil)
	resp, body := do(t, "GET", e.url+"/t/"+e.playback(t, "film")+"/v/film/"+testVersion+"/keys/0.key", nil)
	wantError(t, resp, body, 502, "origin_error")
	leaks(t, "a bad schedule", body)
}

// TestCDNSeats: only keys (and the first playlists) reach the edge in CDN
// mode, so a session's seat outlives seats.idle, for two key periods of
// media (2 × key_period × segment_s): past idle a second session is still
// refused its keys, while on an edge-mode asset with the same pass the seat
// is free again.
func TestCDNSeats(t *testing.T) {
	s := newSeated(t)
	byToken := `{"chain_id":1337,"contract":"` + s.pass.Hex() + `","standard":"erc721","token_ids":["` + s.id + `"],"max_streams":1}`
	writeVersioned(t, s.dir, "cdnone", "cdn", byToken)
	idle := 300 * time.Millisecond
	e := s.edgeWith(t, testenv.Redis(t).Addr, "", SeatsConfig{Idle: idle, Renew: 100 * time.Millisecond, Timeout: time.Second})
	key := func(tok string) int {
		resp, body := do(t, "GET", e.url+"/t/"+tok+"/v/cdnone/"+testVersion+"/keys/0.key", nil)
		if resp.StatusCode != 200 {
			wantError(t, resp, body, resp.StatusCode, "")
		}
		return resp.StatusCode
	}
	lapse := func() { time.Sleep(idle + 200*time.Millisecond) } // the rule under test is about elapsed time
	// Edge mode on the same pass (a seat is per pass, whatever the asset):
	// the first session's seat lapses after seats.idle.
	ea, eb := e.playbackFor(t, s.holder, "one"), e.playbackFor(t, s.holder, "one")
	if got := e.get(t, ea, "one"); got != 200 {
		t.Fatalf("edge-mode first session: %d", got)
	}
	if got := e.get(t, eb, "one"); got != 429 {
		t.Fatalf("edge-mode second session: %d, want 429", got)
	}
	lapse()
	if got := e.get(t, eb, "one"); got != 200 {
		t.Fatalf("edge-mode second session after idle: %d, want 200 (the first one's seat lapsed)", got)
	}
	lapse()
	// CDN mode: the seat taken on a key request outlives seats.idle.
	a, b := e.playbackFor(t, s.holder, "cdnone"), e.playbackFor(t, s.holder, "cdnone")
	if got := key(a); got != 200 {
		t.Fatalf("first session's key: %d", got)
	}
	if got := key(b); got != 429 {
		t.Fatalf("second session's key beyond max_streams: %d, want 429", got)
	}
	lapse()
	if got := key(b); got != 429 {
		t.Fatalf("CDN second session after seats.idle: %d, want 429 (the first one holds its seat for two key periods)", got)
	}
	if got := key(a); got != 200 {
		t.Fatalf("first session's next key: %d", got)
	}
	if got := metricValue(t, e, `streamgate_edge_key_requests_total{result="too_many_streams"}`); got != "2" {
		t.Fatalf("key refusals counted: %s, want 2", got)
	}
}

// resultCounts reads every result label of the counter name from /metrics.
func resultCounts(t *testing.T, e *testEdge, name string) map[string]int {
	t.Helper()
	_, body := do(t, "GET", e.url+"/metrics", nil)
	out := map[string]int{}
	for line := range strings.SplitSeq(string(body), "\n") {
		rest, ok := strings.CutPrefix(line, name+`{result="`)
		if !ok {
			continue
		}
		label, v, _ := strings.Cut(rest, `"} `)
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		out[label] = n
	}
	if len(out) == 0 {
		t.Fatalf("no %s series", name)
	}
	return out
}

// TestResultLabels: every answer of the token-free route and of the key
// route is counted under its own result (its error code, ok or
// not_modified) and under no other, over the whole set of outcomes:
// 200, 206, 304, 404, 405, 416, 401, 403 and origin 5xx. Every /c/ answer
// lets a page read the headers a player needs, and every /c/ 404 is one
// identical body whatever the cause.
func TestResultLabels(t *testing.T) {
	dir := cdnOrigin(t)
	writeVersioned(t, dir, "broken", "cdn", publicPolicy)
	writeObject(t, dir, "broken/asset.json", []byte(`{"id":"broken",`)) // unusable: the publisher's fault, 502
	writeVersioned(t, dir, "badkeys", "cdn", publicPolicy)
	writeObject(t, dir, "badkeys/"+testVersion+"/keys.json", []byte(`{"key_period":3,"keys":["zz"]}`))
	// A symlink loop where a segment should be: the origin read fails with
	// ELOOP, a fault to retry, not a 404.
	if err := os.Symlink("seg2.m4s", filepath.Join(dir, "film", testVersion, "aes", "720p", "seg2.m4s")); err != nil {
		t.Fatal(err)
	}
	e := newTestEdge(t, dir, nil)
	seg := "/c/film/" + testVersion + "/aes/720p/seg1.m4s"
	resp, _ := do(t, "GET", e.url+seg, nil)
	etag := resp.Header.Get("Etag")
	if etag == "" {
		t.Fatal("no ETag on the ciphertext")
	}
	key := "/t/" + e.playback(t, "film") + "/v/film/" + testVersion + "/keys/"
	type outcome struct {
		method, uri string
		header      map[string]string
		status      int
		result      string
	}
	cdn := []outcome{
		{"GET", seg, nil, 200, "ok"},
		{"HEAD", seg, nil, 200, "ok"},
		{"GET", seg, map[string]string{"Range": "bytes=0-9"}, 206, "ok"},
		{"GET", seg, map[string]string{"If-None-Match": etag}, 304, "not_modified"},
		{"GET", seg, map[string]string{"Range": "bytes=99999-"}, 416, "range_not_satisfiable"},
		{"POST", seg, nil, 405, "method_not_allowed"},
		{"DELETE", seg, nil, 405, "method_not_allowed"},
		{"GET", "/c/nope/" + testVersion + "/aes/720p/seg1.m4s", nil, 404, "not_found"},
		{"GET", "/c/plain/" + testVersion + "/aes/720p/seg1.m4s", nil, 404, "not_found"},
		{"GET", "/c/film/v00000000000a/aes/720p/seg1.m4s", nil, 404, "not_found"},
		{"GET", "/c/film/" + testVersion + "/aes/720p/seg9.m4s", nil, 404, "not_found"},
		{"GET", "/c/film/" + testVersion + "/720p/seg1.m4s", nil, 404, "not_found"},
		{"GET", "/c/film", nil, 404, "not_found"},
		{"GET", "/c/broken/" + testVersion + "/aes/720p/seg1.m4s", nil, 502, "origin_error"},
		{"GET", "/c/film/" + testVersion + "/aes/720p/seg2.m4s", nil, 502, "origin_error"},
	}
	keys := []outcome{
		{"GET", key + "0.key", nil, 200, "ok"},
		{"HEAD", key + "1.key", nil, 200, "ok"},
		{"GET", key + "0.key", map[string]string{"Range": "bytes=0-3"}, 200, "ok"},
		{"GET", key + "3.key", nil, 404, "not_found"},
		{"POST", key + "0.key", nil, 405, "method_not_allowed"},
		{"GET", "/t/not.a.token/v/film/" + testVersion + "/keys/0.key", nil, 401, "invalid_token"},
		{"GET", "/t/" + e.playback(t, "pub") + "/v/film/" + testVersion + "/keys/0.key", nil, 403, "forbidden"},
		{"GET", "/t/" + e.playback(t, "plain") + "/v/plain/" + testVersion + "/keys/0.key", nil, 404, "not_found"},
		{"GET", "/t/" + e.playback(t, "badkeys") + "/v/badkeys/" + testVersion + "/keys/0.key", nil, 502, "origin_error"},
	}
	var notFound []byte
	for _, set := range []struct {
		name     string
		outcomes []outcome
	}{{"streamgate_edge_key_requests_total", keys}, {"streamgate_edge_cdn_requests_total", cdn}} { // the last fault ejects the region
		for _, o := range set.outcomes {
			before := resultCounts(t, e, set.name)
			resp, body := do(t, o.method, e.url+o.uri, o.header)
			if resp.StatusCode != o.status {
				t.Fatalf("%s %s: %d %s, want %d", o.method, o.uri, resp.StatusCode, body, o.status)
			}
			after := resultCounts(t, e, set.name)
			for label, n := range after {
				want := before[label]
				if label == o.result {
					want++
				}
				if n != want {
					t.Errorf("%s %s (%d): %s{result=%q} %d → %d, want %d", o.method, o.uri, o.status, set.name, label, before[label], n, want)
				}
			}
			if _, ok := after[o.result]; !ok {
				t.Errorf("%s: no result %q", set.name, o.result)
			}
			if !strings.HasPrefix(o.uri, "/c/") {
				continue
			}
			if got := resp.Header.Get("Access-Control-Expose-Headers"); got != "Content-Range, Content-Length, Accept-Ranges, ETag" {
				t.Errorf("%s %s: Access-Control-Expose-Headers %q", o.method, o.uri, got)
			}
			if o.status == 404 {
				if notFound == nil {
					notFound = body
				} else if !bytes.Equal(body, notFound) {
					t.Errorf("%s: 404 body %s differs from %s: it tells why", o.uri, body, notFound)
				}
			}
		}
	}
}
