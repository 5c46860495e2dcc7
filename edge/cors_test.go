package edge

import (
	"strings"
	"testing"
)

// TestCORSAnyOrigin: by default (http.cors_origins ["*"]) a preflight of a
// delivery route is granted to any origin with Range allowed and a cached
// answer, and every answer, errors included, carries
// Access-Control-Allow-Origin: * and the exposed headers, never credentials.
func TestCORSAnyOrigin(t *testing.T) {
	e := newTestEdge(t, sampleOrigin(t), nil)
	url := e.url + "/t/" + e.playback(t, "pub") + "/v/pub/720p/seg1.m4s"
	for _, method := range []string{"GET", "HEAD"} {
		resp, body := do(t, "OPTIONS", url, map[string]string{
			"Origin": "https://player.example", "Access-Control-Request-Method": method,
			"Access-Control-Request-Headers": "range",
		})
		h := resp.Header
		if resp.StatusCode != 204 || len(body) != 0 {
			t.Fatalf("preflight %s: %d %s", method, resp.StatusCode, body)
		}
		if h.Get("Access-Control-Allow-Origin") != "*" || h.Get("Access-Control-Allow-Methods") != "GET, HEAD" ||
			h.Get("Access-Control-Allow-Headers") != "Range" || h.Get("Access-Control-Max-Age") != "7200" ||
			h.Get("Access-Control-Allow-Credentials") != "" {
			t.Fatalf("preflight %s headers: %v", method, h)
		}
	}
	resp, body := do(t, "GET", url, map[string]string{"Origin": "https://player.example", "Range": "bytes=0-9"})
	if resp.StatusCode != 206 || len(body) != 10 {
		t.Fatalf("ranged GET: %d, %d bytes", resp.StatusCode, len(body))
	}
	wantExposed(t, resp.Header.Get("Access-Control-Expose-Headers"))
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" || resp.Header.Get("Access-Control-Allow-Credentials") != "" {
		t.Fatalf("ranged GET CORS headers: %v", resp.Header)
	}
	// An error is readable too: its JSON says why.
	resp, body = do(t, "GET", e.url+"/t/bogus/v/pub/720p/seg1.m4s", map[string]string{"Origin": "https://player.example"})
	wantError(t, resp, body, 401, "invalid_token")
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("error lacks Access-Control-Allow-Origin: %v", resp.Header)
	}
	// The class of refused preflights and bad methods: JSON, right status.
	for _, tc := range []struct {
		method string
		header map[string]string
		status int
		code   string
	}{
		{"OPTIONS", map[string]string{"Origin": "https://player.example", "Access-Control-Request-Method": "POST"}, 405, "method_not_allowed"},
		{"OPTIONS", map[string]string{"Origin": "https://player.example", "Access-Control-Request-Method": "DELETE"}, 405, "method_not_allowed"},
		{"OPTIONS", nil, 405, "method_not_allowed"}, // not a preflight
		{"POST", map[string]string{"Origin": "https://player.example"}, 405, "method_not_allowed"},
		{"PUT", nil, 405, "method_not_allowed"},
	} {
		resp, body := do(t, tc.method, url, tc.header)
		wantError(t, resp, body, tc.status, tc.code)
		if allow := resp.Header.Get("Allow"); allow != "GET, HEAD, OPTIONS" {
			t.Errorf("%s %v: Allow %q", tc.method, tc.header, allow)
		}
	}
	resp, body = do(t, "OPTIONS", e.url+"/t/x/v/BAD!/a", map[string]string{"Origin": "https://player.example", "Access-Control-Request-Method": "GET"})
	wantError(t, resp, body, 400, "bad_request")
	_, metrics := do(t, "GET", e.url+"/metrics", nil)
	for _, want := range []string{
		`streamgate_edge_cors_preflights_total{result="granted"} 2`,
		`streamgate_edge_cors_preflights_total{result="refused"} 3`,
		`streamgate_edge_requests_total{kind="segment",status="204"} 2`,
	} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func wantExposed(t *testing.T, got string) {
	t.Helper()
	for _, h := range []string{"Content-Range", "Content-Length", "Accept-Ranges", "ETag"} {
		if !strings.Contains(got, h) {
			t.Fatalf("Access-Control-Expose-Headers %q lacks %s", got, h)
		}
	}
}

// TestCORSListedOrigins: with origins listed, only they get a grant (their
// own origin echoed, Vary: Origin); another origin's preflight is a JSON 403
// and its GET carries no Access-Control-Allow-Origin.
func TestCORSListedOrigins(t *testing.T) {
	e := newTestEdge(t, sampleOrigin(t), func(c *Config) {
		c.HTTP.CORSOrigins = []string{"https://Player.Example/", "http://127.0.0.1:5173"}
	})
	url := e.url + "/t/" + e.playback(t, "pub") + "/v/pub/master.m3u8"
	for _, origin := range []string{"https://player.example", "http://127.0.0.1:5173"} {
		resp, body := do(t, "OPTIONS", url, map[string]string{"Origin": origin, "Access-Control-Request-Method": "GET"})
		if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != origin || !strings.Contains(resp.Header.Get("Vary"), "Origin") {
			t.Fatalf("preflight from %s: %d %v %s", origin, resp.StatusCode, resp.Header, body)
		}
		resp, _ = do(t, "GET", url, map[string]string{"Origin": origin})
		if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != origin || resp.Header.Get("Vary") != "Origin" {
			t.Fatalf("GET from %s: %d %v", origin, resp.StatusCode, resp.Header)
		}
		wantExposed(t, resp.Header.Get("Access-Control-Expose-Headers"))
	}
	for _, origin := range []string{"https://evil.example", "http://player.example", "https://player.example:8443", "null"} {
		resp, body := do(t, "OPTIONS", url, map[string]string{"Origin": origin, "Access-Control-Request-Method": "GET"})
		wantError(t, resp, body, 403, "origin_not_allowed")
		if resp.Header.Get("Access-Control-Allow-Origin") != "" || !strings.Contains(resp.Header.Get("Vary"), "Origin") {
			t.Fatalf("refused preflight from %s: %v", origin, resp.Header)
		}
		resp, _ = do(t, "GET", url, map[string]string{"Origin": origin})
		if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "" || resp.Header.Get("Vary") != "Origin" {
			t.Fatalf("GET from %s: %d %v", origin, resp.StatusCode, resp.Header)
		}
	}
}

// TestCORSOriginsConfig refuses the class of entries that are not origins.
func TestCORSOriginsConfig(t *testing.T) {
	for _, bad := range [][]string{{}, {"player.example"}, {"https://player.example/path"}, {"https://u@player.example"}, {"https://player.example?q"}, {"*", "//x"}} {
		c := DefaultConfig()
		c.HTTP.CORSOrigins = bad
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "http.cors_origins") {
			t.Errorf("%q: err %v", bad, err)
		}
	}
}
