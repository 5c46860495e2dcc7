package edge

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/streamgate/streamgate/sdk"
)

// TestSDKRoute: /sdk/v1/streamgate.js is the embedded module, readable from
// any origin, cacheable for an hour, revalidated with a strong ETag; on by
// default and independent of the watch page.
func TestSDKRoute(t *testing.T) {
	e := newTestEdge(t, sampleOrigin(t), nil) // page.enabled false
	url := e.url + SDKPath
	resp, body := do(t, "GET", url, map[string]string{"Origin": "https://app.example"})
	h := resp.Header
	etag := h.Get("ETag")
	switch {
	case resp.StatusCode != 200 || !bytes.Equal(body, sdk.JS):
		t.Fatalf("GET: %d, %d bytes, want 200 and the %d bytes of sdk.JS", resp.StatusCode, len(body), len(sdk.JS))
	case h.Get("Content-Type") != "text/javascript; charset=utf-8":
		t.Fatalf("Content-Type %q", h.Get("Content-Type"))
	case h.Get("Access-Control-Allow-Origin") != "*" || h.Get("Access-Control-Allow-Credentials") != "":
		t.Fatalf("CORS headers %v", h)
	case h.Get("Cache-Control") != "public, max-age=3600":
		t.Fatalf("Cache-Control %q", h.Get("Cache-Control"))
	case len(etag) < 3 || etag[0] != '"' || etag[len(etag)-1] != '"':
		t.Fatalf("ETag %q, want a strong quoted tag", etag)
	}

	resp, body = do(t, "HEAD", url, nil)
	if resp.StatusCode != 200 || len(body) != 0 || resp.Header.Get("Content-Length") != strconv.Itoa(len(sdk.JS)) ||
		resp.Header.Get("ETag") != etag || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("HEAD: %d, %d bytes, headers %v", resp.StatusCode, len(body), resp.Header)
	}
	for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
		resp, body = do(t, "GET", url, map[string]string{"If-None-Match": inm})
		if resp.StatusCode != 304 || len(body) != 0 || resp.Header.Get("ETag") != etag {
			t.Fatalf("If-None-Match %s: %d, %d bytes", inm, resp.StatusCode, len(body))
		}
	}
	if resp, _ = do(t, "GET", url, map[string]string{"If-None-Match": `"other"`}); resp.StatusCode != 200 {
		t.Fatalf("If-None-Match of another tag: %d", resp.StatusCode)
	}
	for _, m := range []string{"POST", "PUT", "DELETE"} {
		resp, body = do(t, m, url, nil)
		wantError(t, resp, body, 405, "method_not_allowed")
		if resp.Header.Get("Allow") != "GET, HEAD" {
			t.Fatalf("%s: Allow %q", m, resp.Header.Get("Allow"))
		}
	}
	// Only the one file: no other version or name.
	for _, p := range []string{"/sdk/v1/", "/sdk/v1/streamgate.d.ts", "/sdk/v2/streamgate.js", "/sdk/v1/streamgate.js/x"} {
		resp, body = do(t, "GET", e.url+p, nil)
		wantError(t, resp, body, 404, "not_found")
	}

	off := newTestEdge(t, sampleOrigin(t), func(c *Config) { c.SDK.Enabled = false })
	resp, body = do(t, "GET", off.url+SDKPath, nil)
	wantError(t, resp, body, 404, "not_found")

	// The watch page imports the SDK from the edge: one without the other is
	// a configuration error.
	cfg := DefaultConfig()
	cfg.Page.Enabled, cfg.SDK.Enabled = true, false
	if err := cfg.Validate(); err == nil || !strings.HasPrefix(err.Error(), "sdk.enabled: ") {
		t.Fatalf("page without SDK: %v", err)
	}
}
