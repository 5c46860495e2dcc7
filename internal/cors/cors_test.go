package cors

import (
	"errors"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
)

// TestOrigin accepts exactly origins, normalized, and refuses the class of
// strings that are not one (a bare host, a path, user info, a query, a
// fragment, no scheme).
func TestOrigin(t *testing.T) {
	for in, want := range map[string]string{
		"https://Watch.Example":      "https://watch.example",
		"http://127.0.0.1:5173/":     "http://127.0.0.1:5173",
		"http://[::1]:8080":          "http://[::1]:8080",
		"chrome-extension://abcdefg": "chrome-extension://abcdefg",
	} {
		if got, err := Origin(in); err != nil || got != want {
			t.Errorf("Origin(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "*", "watch.example", "//watch.example", "https://", "https://w.example/p", "https://u:p@w.example", "https://w.example?q=1", "https://w.example?", "https://w.example#f", "mailto:x@y", "null"} {
		if got, err := Origin(bad); err == nil {
			t.Errorf("Origin(%q) = %q, want an error", bad, got)
		}
	}
}

func preflight(origin, method string) *fasthttp.RequestCtx {
	var rc fasthttp.RequestCtx
	rc.Request.Header.SetMethod(fasthttp.MethodOptions)
	rc.Request.SetRequestURI("/x")
	rc.Request.Header.Set("Origin", origin)
	rc.Request.Header.Set("Access-Control-Request-Method", method)
	return &rc
}

// TestPolicy: a listed origin is echoed with Vary: Origin; another gets
// ErrOrigin, a method not listed ErrMethod; the answer never says credentials.
func TestPolicy(t *testing.T) {
	p, err := New(Config{Origins: []string{"https://a.example"}, Methods: []string{"GET"}, Headers: []string{"Range"}, Expose: []string{"ETag"}, MaxAge: 90 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	rc := preflight("https://a.example", "GET")
	if !IsPreflight(rc) || p.Preflight(rc) != nil || rc.Response.StatusCode() != 204 ||
		string(rc.Response.Header.Peek("Access-Control-Allow-Origin")) != "https://a.example" ||
		string(rc.Response.Header.Peek("Access-Control-Max-Age")) != "90" ||
		len(rc.Response.Header.Peek("Access-Control-Allow-Credentials")) != 0 {
		t.Fatalf("granted preflight: %s", rc.Response.Header.String())
	}
	if err := p.Preflight(preflight("https://b.example", "GET")); !errors.Is(err, ErrOrigin) {
		t.Fatalf("other origin: %v", err)
	}
	if err := p.Preflight(preflight("https://a.example", "POST")); !errors.Is(err, ErrMethod) {
		t.Fatalf("other method: %v", err)
	}
	var get fasthttp.RequestCtx
	get.Request.Header.Set("Origin", "https://b.example")
	if p.Headers(&get); len(get.Response.Header.Peek("Access-Control-Allow-Origin")) != 0 || string(get.Response.Header.Peek("Vary")) != "Origin" {
		t.Fatalf("other origin's GET: %s", get.Response.Header.String())
	}
	if _, err := New(Config{Origins: []string{"https://a.example/x"}}); err == nil {
		t.Fatal("a path accepted as an origin")
	}
}
