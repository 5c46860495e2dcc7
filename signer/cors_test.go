package signer

import (
	"reflect"
	"strings"
	"testing"
)

// TestCORS: a page on an origin the signer signs in (derived from domains
// and uris) or listed in cors.extra_origins gets a preflight grant for every
// API route with Authorization and Content-Type; any other origin gets a
// JSON 403 and no Access-Control-Allow-Origin on its requests; the JWKS
// answers *; nothing says credentials.
func TestCORS(t *testing.T) {
	ts := newTestSigner(t, func(c *Config, _ *Deps) { c.CORS.ExtraOrigins = []string{"https://Extra.Example"} })
	routes := map[string]string{"/auth/nonce": "GET", "/auth/verify": "POST", "/playback/pub": "POST"}
	for _, origin := range []string{"http://127.0.0.1:8080", "https://app.example", "https://extra.example"} {
		for path, method := range routes {
			resp, body := ts.do(t, "OPTIONS", path, "", "Origin", origin, "Access-Control-Request-Method", method,
				"Access-Control-Request-Headers", "authorization,content-type")
			h := resp.Header
			if resp.StatusCode != 204 || h.Get("Access-Control-Allow-Origin") != origin ||
				h.Get("Access-Control-Allow-Headers") != "Authorization, Content-Type" ||
				!strings.Contains(h.Get("Access-Control-Allow-Methods"), method) || h.Get("Access-Control-Max-Age") != "7200" ||
				!strings.Contains(h.Get("Vary"), "Origin") || h.Get("Access-Control-Allow-Credentials") != "" {
				t.Fatalf("preflight %s %s from %s: %d %v %s", method, path, origin, resp.StatusCode, h, body)
			}
		}
		resp, _ := ts.do(t, "GET", "/auth/nonce", "", "Origin", origin)
		if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != origin || resp.Header.Get("Vary") != "Origin" {
			t.Fatalf("GET /auth/nonce from %s: %d %v", origin, resp.StatusCode, resp.Header)
		}
		// An error is readable by the page too.
		resp, body := ts.do(t, "POST", "/playback/pub", "", "Origin", origin)
		wantError(t, resp, body, 401, "invalid_token")
		if resp.Header.Get("Access-Control-Allow-Origin") != origin {
			t.Fatalf("401 from %s lacks Access-Control-Allow-Origin: %v", origin, resp.Header)
		}
	}
	// Origins the signer would not sign in: other hosts, another scheme than
	// uris allows, another port, and "null" (sandboxed or file pages).
	for _, origin := range []string{"https://evil.example", "https://127.0.0.1:8080", "http://app.example", "http://127.0.0.1:8081", "null"} {
		for path, method := range routes {
			resp, body := ts.do(t, "OPTIONS", path, "", "Origin", origin, "Access-Control-Request-Method", method)
			wantError(t, resp, body, 403, "origin_not_allowed")
			if resp.Header.Get("Access-Control-Allow-Origin") != "" {
				t.Fatalf("refused preflight %s from %s: %v", path, origin, resp.Header)
			}
		}
		resp, _ := ts.do(t, "GET", "/auth/nonce", "", "Origin", origin)
		if resp.Header.Get("Access-Control-Allow-Origin") != "" || resp.Header.Get("Vary") != "Origin" {
			t.Fatalf("GET from %s: %v", origin, resp.Header)
		}
	}
	resp, body := ts.do(t, "OPTIONS", "/auth/nonce", "", "Origin", "https://app.example", "Access-Control-Request-Method", "DELETE")
	wantError(t, resp, body, 405, "method_not_allowed")
	// JWKS: public keys, any origin.
	resp, body = ts.do(t, "OPTIONS", JWKSPath, "", "Origin", "https://evil.example", "Access-Control-Request-Method", "GET")
	if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("jwks preflight: %d %v %s", resp.StatusCode, resp.Header, body)
	}
	resp, _ = ts.do(t, "GET", JWKSPath, "", "Origin", "https://evil.example")
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "*" || resp.Header.Get("Access-Control-Allow-Credentials") != "" {
		t.Fatalf("jwks GET: %d %v", resp.StatusCode, resp.Header)
	}
	// Routes without CORS stay as they were.
	resp, _ = ts.do(t, "GET", "/healthz", "", "Origin", "https://app.example")
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("/healthz answers CORS: %v", resp.Header)
	}
	_, metrics := ts.do(t, "GET", "/metrics", "")
	for _, want := range []string{
		`streamgate_signer_cors_preflights_total{result="granted"} 10`,
		`streamgate_signer_cors_preflights_total{result="refused"} 16`,
	} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestSignInOrigins: a domain without a scheme gives https and http, one
// with a scheme that scheme only; uris, when set, keep only their own.
func TestSignInOrigins(t *testing.T) {
	for _, tc := range []struct {
		domains, uris, want []string
	}{
		{[]string{"Watch.Example", "127.0.0.1:8080"}, nil, []string{"https://watch.example", "http://watch.example", "https://127.0.0.1:8080", "http://127.0.0.1:8080"}},
		{[]string{"https://watch.example:8443"}, nil, []string{"https://watch.example:8443"}},
		{[]string{"watch.example", "other.example"}, []string{"https://watch.example/path"}, []string{"https://watch.example"}},
	} {
		c := Config{Domains: tc.domains, URIs: tc.uris}
		if got := c.SignInOrigins(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("domains %v uris %v: %v, want %v", tc.domains, tc.uris, got, tc.want)
		}
	}
}

// TestExtraOriginsConfig refuses "*" and every entry that is not an origin.
func TestExtraOriginsConfig(t *testing.T) {
	for _, bad := range []string{"*", "app.example", "https://app.example/x", "https://u@app.example", "https://app.example#f"} {
		cfg, _ := baseConfig(t)
		cfg.CORS.ExtraOrigins = []string{"https://ok.example", bad}
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "cors.extra_origins[1]") {
			t.Errorf("%q: err %v", bad, err)
		}
	}
}
