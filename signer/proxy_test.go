package signer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/internal/clientip"
)

// frontProxy is a real reverse proxy in front of ts, as nginx or an ALB is:
// it appends the address it received from to X-Forwarded-For (header
// clientip.XForwardedFor) or sets CloudFront-Viewer-Address to it, as
// CloudFront does. Its connections to the signer come from 127.0.0.1.
func frontProxy(t *testing.T, ts *testSigner, header string) string {
	t.Helper()
	u, err := url.Parse(ts.url)
	if err != nil {
		t.Fatal(err)
	}
	rp := &httputil.ReverseProxy{ErrorLog: log.New(io.Discard, "", 0), Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(u)
		if header == clientip.CloudFrontViewerAddress {
			host, port, _ := net.SplitHostPort(pr.In.RemoteAddr)
			pr.Out.Header.Set(clientip.CloudFrontViewerAddress, host+":"+port) // CloudFront: IPv6 unbracketed
			return
		}
		// As nginx's $proxy_add_x_forwarded_for: the client's list, then
		// the address this proxy received from.
		pr.Out.Header["X-Forwarded-For"] = pr.In.Header["X-Forwarded-For"]
		pr.SetXForwarded()
	}}
	srv := httptest.NewServer(rp)
	t.Cleanup(srv.Close)
	return srv.URL
}

// clientFrom is an HTTP client whose connections leave from source (a
// loopback address other than 127.0.0.1), so that two clients of one
// proxy have two addresses.
func clientFrom(t *testing.T, source string) *http.Client {
	t.Helper()
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(source)}}
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// nonces asks for n nonces through base with extra headers and counts the
// answers by status.
func nonces(t *testing.T, c *http.Client, base string, n int, header ...string) map[int]int {
	t.Helper()
	got := map[int]int{}
	for range n {
		req, err := http.NewRequest("GET", base+"/auth/nonce", nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		got[resp.StatusCode]++
	}
	return got
}

// TestRateLimitBehindProxy: behind a reverse proxy, client A spending its
// /auth/* burst does not throttle client B, once the proxy is trusted;
// untrusted (the default) every client shares the proxy's bucket, and a
// client's own X-Forwarded-For entries never move it to another bucket.
func TestRateLimitBehindProxy(t *testing.T) {
	const burst, tries = 20, 25 // the default burst; 1/min: no refill during the test
	rate := RateConfig{PerIPPerMin: 1, Burst: burst}
	a, b := clientFrom(t, "127.0.0.2"), clientFrom(t, "127.0.0.3")

	t.Run("untrusted proxy: one bucket", func(t *testing.T) {
		ts := newTestSigner(t, func(c *Config, _ *Deps) { c.Rate = rate })
		front := frontProxy(t, ts, clientip.XForwardedFor)
		if got := nonces(t, a, front, tries); got[200] != burst || got[429] != tries-burst {
			t.Fatalf("client A: %v, want %d × 200 then 429", got, burst)
		}
		got := nonces(t, b, front, tries)
		t.Logf("before (no trusted_proxies): client B got %d/%d 429", got[429], tries)
		if got[429] != tries {
			t.Fatalf("client B: %v; without trusted proxies the proxy's bucket is shared", got)
		}
	})

	for _, header := range []string{clientip.XForwardedFor, clientip.CloudFrontViewerAddress} {
		t.Run("trusted proxy, "+header, func(t *testing.T) {
			ts := newTestSigner(t, func(c *Config, _ *Deps) {
				c.Rate = rate
				c.HTTP.Proxies = clientip.Config{TrustedProxies: []string{"127.0.0.1/32"}, ClientHeader: header}
			})
			front := frontProxy(t, ts, header)
			if got := nonces(t, a, front, tries); got[200] != burst || got[429] != tries-burst {
				t.Fatalf("client A: %v, want %d × 200 then 429", got, burst)
			}
			got := nonces(t, b, front, burst)
			t.Logf("after (trusted_proxies: [127.0.0.1/32], %s): client B got %d/%d 429", header, got[429], burst)
			if got[200] != burst {
				t.Fatalf("client B: %v after A spent its burst, want %d × 200", got, burst)
			}
			// A naming B (or anyone) in its own headers stays in its own
			// bucket: the proxy appends or overwrites after it.
			spoof := []string{"X-Forwarded-For", "127.0.0.9", "Forwarded", "for=127.0.0.9", clientip.CloudFrontViewerAddress, "127.0.0.9:1"}
			if got := nonces(t, a, front, 3, spoof...); got[429] != 3 {
				t.Fatalf("client A spoofing its address: %v, want 3 × 429", got)
			}
			// Straight to the signer (an untrusted peer), headers are ignored.
			direct := clientFrom(t, "127.0.0.4")
			if got := nonces(t, direct, ts.url, tries, spoof...); got[200] != burst || got[429] != tries-burst {
				t.Fatalf("direct client spoofing headers: %v, want %d × 200 then 429 in its own bucket", got, burst)
			}
		})
	}
}

// TestTrustedProxiesConfig: a bad entry is refused at start, naming the key.
func TestTrustedProxiesConfig(t *testing.T) {
	for _, p := range []clientip.Config{
		{TrustedProxies: []string{"10.0.0.0/40"}},
		{ClientHeader: "X-Real-IP"},
	} {
		c := validConfig()
		c.HTTP.Proxies = p
		if err := c.Validate(); err == nil || !strings.HasPrefix(err.Error(), "http.") {
			t.Errorf("Validate(%+v) = %v, want an http.* error", p, err)
		}
	}
}

// TestTrustedProxiesFromEnvironment: the keys take the environment like any
// other (a comma-separated list), and a bad one fails loading, named.
func TestTrustedProxiesFromEnvironment(t *testing.T) {
	t.Setenv("SIGNER_DOMAINS", "watch.example.com")
	t.Setenv("SIGNER_HTTP_TRUSTED_PROXIES", "10.0.0.0/20,10.0.16.0/20")
	t.Setenv("SIGNER_HTTP_CLIENT_HEADER", "CloudFront-Viewer-Address")
	cfg, err := LoadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	if p := cfg.HTTP.Proxies; len(p.TrustedProxies) != 2 || p.TrustedProxies[1] != "10.0.16.0/20" || p.ClientHeader != clientip.CloudFrontViewerAddress {
		t.Fatalf("http proxies from the environment: %+v", p)
	}
	t.Setenv("SIGNER_HTTP_TRUSTED_PROXIES", "10.0.0.0/20,alb")
	if _, err := LoadConfig(""); err == nil || !strings.Contains(err.Error(), "http.trusted_proxies") {
		t.Fatalf("LoadConfig with a bad entry: %v, want an error naming http.trusted_proxies", err)
	}
}

// TestFailureLogNamesClient: a failure's log line names the client behind a
// trusted proxy, as the rate limit counts it.
func TestFailureLogNamesClient(t *testing.T) {
	var buf bytes.Buffer
	res, err := clientip.New(clientip.Config{TrustedProxies: []string{"10.0.0.0/8"}})
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{log: slog.New(slog.NewTextHandler(&buf, nil)), clients: res}
	var req fasthttp.Request
	req.SetRequestURI("/auth/verify")
	req.Header.Set("X-Forwarded-For", "6.6.6.6, 203.0.113.7")
	var rc fasthttp.RequestCtx
	rc.Init(&req, &net.TCPAddr{IP: net.IPv4(10, 0, 0, 5), Port: 40000}, nil)
	s.fail(&rc, errors.New("nonce store unreachable"))
	if rc.Response.StatusCode() != 500 || !strings.Contains(buf.String(), "client=203.0.113.7") {
		t.Fatalf("status %d, log %q: want a 500 logged with client=203.0.113.7", rc.Response.StatusCode(), buf.String())
	}
}
