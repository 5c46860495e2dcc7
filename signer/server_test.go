package signer

import (
	"context"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"net/netip"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer/token"
)

func TestRateLimit(t *testing.T) {
	ts := newTestSigner(t, func(c *Config, _ *Deps) { c.Rate = RateConfig{PerIPPerMin: 1, Burst: 3} })
	for range 3 {
		ts.nonce(t)
	}
	resp, body := ts.do(t, "GET", "/auth/nonce", "")
	wantError(t, resp, body, 429, "rate_limited")
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || s < 1 || s > 60 {
		t.Fatalf("Retry-After = %q, want 1..60 seconds", resp.Header.Get("Retry-After"))
	}
	resp, body = ts.signIn(t, "{}") // all of /auth/* shares the budget
	wantError(t, resp, body, 429, "rate_limited")
	for _, path := range []string{"/healthz", JWKSPath} {
		if resp, _ := ts.do(t, "GET", path, ""); resp.StatusCode != 200 {
			t.Fatalf("%s is rate-limited: %d", path, resp.StatusCode)
		}
	}
	if n := testutil.ToFloat64(ts.srv.metrics.rateLimited); n != 2 {
		t.Fatalf("rate_limited_total = %v, want 2", n)
	}
}

func TestLimiterForgetsIdleClients(t *testing.T) {
	l := newLimiter(RateConfig{PerIPPerMin: 60, Burst: 2})
	clk := newClock(time.Now())
	ip := func(s string) netip.Addr { return netip.AddrFrom4([4]byte{10, 0, 0, s[0]}) }
	for range 2 {
		if err := l.allow(ip("a"), clk.now()); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.allow(ip("a"), clk.now()); err == nil {
		t.Fatal("third request within the burst allowed")
	}
	clk.add(2 * time.Minute) // sweeps run at most once a minute
	if err := l.allow(ip("b"), clk.now()); err != nil {
		t.Fatal(err)
	}
	if _, kept := l.visitors[ip("a")]; kept {
		t.Fatal("an idle client's bucket was kept")
	}
	if ipKey(netip.MustParseAddr("2001:db8:0:1::1")) != ipKey(netip.MustParseAddr("2001:db8:0:1:909:909:909:909")) {
		t.Fatal("two addresses of one IPv6 /64 have different buckets")
	}
	if ipKey(netip.MustParseAddr("2001:db8:0:1::1")) == ipKey(netip.MustParseAddr("2001:db8:0:2::1")) {
		t.Fatal("two IPv6 /64s share a bucket")
	}
	if ipKey(netip.MustParseAddr("::ffff:10.0.0.1")) != ip("\x01") {
		t.Fatal("an IPv4-mapped address has its own bucket")
	}
}

func TestJWKSAndRotation(t *testing.T) {
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "new.pem"), filepath.Join(dir, "old.pem")}
	for _, f := range files {
		k, _ := token.GenerateKey()
		if err := token.WritePrivateKeyFile(f, k); err != nil {
			t.Fatal(err)
		}
	}
	ts := newTestSigner(t, func(c *Config, _ *Deps) { c.Keys.Files = files })
	resp, body := ts.do(t, "GET", JWKSPath, "")
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "public, max-age=300" {
		t.Fatalf("jwks: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	if _, err := token.ParseJWKS(body); err != nil {
		t.Fatal(err)
	}
	newKey, _ := token.LoadPrivateKeyFile(files[0])
	jwks := ts.srv.JWKS()
	if len(jwks.Keys) != 2 || jwks.Keys[0].Kid != token.KeyID(newKey.Public().(ed25519.PublicKey)) {
		t.Fatalf("jwks %+v: want both keys, the first file's first", jwks)
	}
	if ts.srv.Issuer().KeyID() != jwks.Keys[0].Kid {
		t.Fatal("the issuer does not sign with the first key")
	}
	resp, body = ts.do(t, "POST", JWKSPath, "")
	wantError(t, resp, body, 405, "method_not_allowed")
}

func pemOf(t testing.TB, k ed25519.PrivateKey) string {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// TestKeysFromEnvironment: SIGNER_KEYS_PEM replaces keys.files.
func TestKeysFromEnvironment(t *testing.T) {
	k1, _ := token.GenerateKey()
	k2, _ := token.GenerateKey()
	t.Setenv(EnvKeysPEM, pemOf(t, k1)+"\n"+pemOf(t, k2))
	t.Setenv("SIGNER_DOMAINS", "watch.example.com")
	t.Setenv("SIGNER_KEYS_FILES", "/nonexistent/signing.pem")
	t.Setenv("SIGNER_ORIGIN_REGIONS", "[{name: local, dir: "+t.TempDir()+"}]")
	cfg, err := LoadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(cfg, quiet, Deps{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if got := srv.JWKS(); len(got.Keys) != 2 || got.Keys[0].Kid != token.KeyID(k1.Public().(ed25519.PublicKey)) {
		t.Fatalf("jwks %+v: want k1 then k2", got)
	}
}

var keysPEMCases = []struct {
	name, pem, want string // want: substring of the error, "" for success
}{
	{"one", "K1", ""},
	{"two with blank lines", "\nK1\n\nK2\n", ""},
	{"empty", "", "no PEM block"},
	{"junk after", "K1junk", "text after PEM block 1"},
	{"junk only", "junk", "no PEM block"},
	{"public key", "K1P1", "block 2: parsing private key: PEM type"},
}

func TestParseKeysPEM(t *testing.T) {
	k1, _ := token.GenerateKey()
	k2, _ := token.GenerateKey()
	for _, tc := range keysPEMCases {
		pub, _ := x509.MarshalPKIXPublicKey(k1.Public())
		p1 := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}))
		text := strings.NewReplacer("K1", pemOf(t, k1), "K2", pemOf(t, k2), "P1", p1).Replace(tc.pem)
		keys, err := parseKeysPEM([]byte(text))
		switch {
		case tc.want == "" && (err != nil || !keys[0].Priv.Equal(k1)):
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestRoutes(t *testing.T) {
	ts := newTestSigner(t, nil)
	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/healthz", 200},
		{"HEAD", "/healthz", 200},
		{"GET", "/nope", 404},
		{"GET", "/auth/other", 404},
		{"GET", "/metrics", 200},
	} {
		resp, body := ts.do(t, tc.method, tc.path, "")
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s: %d %s", tc.method, tc.path, resp.StatusCode, body)
		}
	}
	ts.signIn(t, "{")
	_, body := ts.do(t, "GET", "/metrics", "")
	if !strings.Contains(string(body), `streamgate_signer_sign_ins_total{result="bad_request"} 1`) {
		t.Fatalf("metrics lack the refused sign-in:\n%s", body)
	}
}

// TestHandlerInProcess drives Handler as an edge hosting the signer does:
// the edge's own body limit may be larger, so the handler checks too.
func TestHandlerInProcess(t *testing.T) {
	ts := newTestSigner(t, nil)
	var rc fasthttp.RequestCtx
	rc.Request.Header.SetMethod("POST")
	rc.Request.SetRequestURI("/auth/verify")
	rc.Request.SetBodyString(`{"message":"` + strings.Repeat("a", httperr.DefaultMaxBodyBytes) + `","signature":"0x00"}`)
	ts.srv.Handler()(&rc)
	if rc.Response.StatusCode() != 413 || !strings.Contains(string(rc.Response.Body()), `"error":"body_too_large"`) {
		t.Fatalf("in-process oversized body: %d %s", rc.Response.StatusCode(), rc.Response.Body())
	}
}

// TestRun serves on cfg.Listen and returns nil once ctx is canceled.
func TestRun(t *testing.T) {
	cfg, _ := baseConfig(t)
	cfg.Listen = "127.0.0.1:" + testenv.FreePort(t)
	srv, err := New(cfg, quiet, Deps{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	ts := &testSigner{srv: srv, url: "http://" + cfg.Listen}
	testenv.WaitFor(t, 5*time.Second, func() error {
		resp, err := http.Get(ts.url + "/healthz")
		if err != nil {
			return err
		}
		return resp.Body.Close()
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if err := srv.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

// TestParseKeysPEMSignFrom: SIGNER_KEYS_PEM carries each block's Sign-From
// header, as the key files do, so a rotation works the same from either.
func TestParseKeysPEMSignFrom(t *testing.T) {
	k1, _ := token.GenerateKey()
	k2, _ := token.GenerateKey()
	at := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	der, _ := x509.MarshalPKCS8PrivateKey(k2)
	withHeader := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Headers: map[string]string{token.SignFromHeader: at.Format(time.RFC3339)}, Bytes: der}))
	keys, err := parseKeysPEM([]byte(pemOf(t, k1) + withHeader))
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 2 || !keys[0].SignFrom.IsZero() || !keys[1].SignFrom.Equal(at) || !keys[1].Priv.Equal(k2) {
		t.Fatalf("parsed %+v, want k1 always and k2 from %v", keys, at)
	}
}
