package signer

import (
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer/siwe"
	"github.com/streamgate/streamgate/signer/token"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// testDomain is the page the test wallets sign in from.
const (
	testDomain = "127.0.0.1:8080"
	testURI    = "http://127.0.0.1:8080/watch"
)

// testSigner is a signer on a loopback port.
type testSigner struct {
	srv *Server
	url string
	dir string // origin folder
}

// baseConfig accepts testDomain (any scheme) and app.example over https
// only, has a fresh key and an origin folder, and no rate limit.
func baseConfig(t testing.TB) (Config, string) {
	t.Helper()
	key, err := token.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "signing.pem")
	if err := token.WritePrivateKeyFile(keyFile, key); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg := DefaultConfig()
	cfg.Domains = []string{testDomain, "https://app.example"}
	cfg.URIs = []string{"http://127.0.0.1:8080", "https://app.example"}
	cfg.Keys.Files = []string{keyFile}
	cfg.Rate.PerIPPerMin = 0
	cfg.Origin.Regions = []RegionConfig{{Name: "local", Dir: dir}}
	return cfg, dir
}

// newTestSigner starts a signer; edit adjusts the config and deps before New.
func newTestSigner(t testing.TB, edit func(*Config, *Deps)) *testSigner {
	t.Helper()
	return newTestSignerAt(t, nil, edit)
}

// newTestSignerAt is newTestSigner with the signer's clock set to clk.
func newTestSignerAt(t testing.TB, clk *clock, edit func(*Config, *Deps)) *testSigner {
	t.Helper()
	cfg, dir := baseConfig(t)
	var deps Deps
	if edit != nil {
		edit(&cfg, &deps)
	}
	srv, err := New(cfg, quiet, deps)
	if err != nil {
		t.Fatal(err)
	}
	if clk != nil {
		srv.now = clk.now
	}
	return serveTest(t, srv, dir)
}

func serveTest(t testing.TB, srv *Server, dir string) *testSigner {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	stop := sync.OnceValue(func() error { cancel(); return <-done })
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return &testSigner{srv: srv, url: "http://" + ln.Addr().String(), dir: dir}
}

// world is a simulated chain with an AccessPass held by Accounts[1], a
// TestWallet owned by Accounts[3] and a TestWalletFactory.
type world struct {
	chain   *testenv.ChainEnv
	pass    common.Address
	wallet  common.Address
	factory common.Address
}

var (
	accessPass    = bindings.NewAccessPass()
	testWallet    = bindings.NewTestWallet()
	walletFactory = bindings.NewTestWalletFactory()
)

func newWorld(t testing.TB) *world {
	t.Helper()
	c := testenv.Chain(t)
	owner := c.Accounts[0]
	w := &world{chain: c}
	w.pass = c.Deploy(t, owner, &bindings.AccessPassMetaData, accessPass.PackConstructor("Pass", "PASS", owner.Address))
	c.Transact(t, owner, w.pass, accessPass.PackMint(c.Accounts[1].Address))
	w.wallet = c.Deploy(t, c.Accounts[3], &bindings.TestWalletMetaData, testWallet.PackConstructor(c.Accounts[3].Address))
	w.factory = c.Deploy(t, owner, &bindings.TestWalletFactoryMetaData, nil)
	return w
}

// chains configures the world's chain, with parallel calls (no Multicall3).
func (w *world) chains(c *Config, _ *Deps) {
	c.Ownership.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{w.chain.RPCURL}, Multicall3: "none"}}
}

// setMode switches the TestWallet's isValidSignature behaviour.
func (w *world) setMode(t testing.TB, mode uint8) {
	t.Helper()
	w.chain.Transact(t, w.chain.Accounts[3], w.wallet, testWallet.PackSetMode(mode))
}

// message is a valid message of addr with nonce on the test chain; edit
// adjusts it before it is written out.
func message(addr common.Address, nonce string, edit func(*siwe.Message)) string {
	m := &siwe.Message{
		Domain: testDomain, Address: addr, URI: testURI, Version: "1",
		ChainID: testenv.ChainID, Nonce: nonce, IssuedAt: time.Now().Add(-time.Second).UTC(),
	}
	if edit != nil {
		edit(m)
	}
	return m.String()
}

// sign is the personal_sign signature of text by key, v in 27/28.
func sign(t testing.TB, key *ecdsa.PrivateKey, text string) []byte {
	t.Helper()
	sig, err := crypto.Sign(accounts.TextHash([]byte(text)), key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return sig
}

func hex0x(b []byte) string { return "0x" + hex.EncodeToString(b) }

func verifyBody(text string, sig []byte) string {
	b, _ := json.Marshal(verifyRequest{Message: text, Signature: hex0x(sig)})
	return string(b)
}

// do sends a request and returns the response with its body read.
func (ts *testSigner) do(t testing.TB, method, path, body string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

// nonce asks the signer for a nonce.
func (ts *testSigner) nonce(t testing.TB) string {
	t.Helper()
	resp, body := ts.do(t, "GET", "/auth/nonce", "")
	var n nonceResponse
	if resp.StatusCode != 200 || json.Unmarshal(body, &n) != nil {
		t.Fatalf("GET /auth/nonce: %d %s", resp.StatusCode, body)
	}
	return n.Nonce
}

// signIn posts body to /auth/verify.
func (ts *testSigner) signIn(t testing.TB, body string) (*http.Response, []byte) {
	t.Helper()
	return ts.do(t, "POST", "/auth/verify", body, "Content-Type", "application/json")
}

// wantSession checks a 200 sign-in answer and returns its session token.
func wantSession(t testing.TB, resp *http.Response, body []byte, addr common.Address) string {
	t.Helper()
	var v verifyResponse
	if resp.StatusCode != 200 || json.Unmarshal(body, &v) != nil {
		t.Fatalf("sign-in: %d %s", resp.StatusCode, body)
	}
	if v.Address != addr.Hex() || v.Session == "" {
		t.Fatalf("sign-in answer %+v, want address %s and a session", v, addr.Hex())
	}
	return v.Session
}

// wantError checks the docs/protocol.md error shape, the status and the code, and
// that no token leaked into the body.
func wantError(t testing.TB, resp *http.Response, body []byte, status int, code string) httperr.Body {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("status = %d, want %d (body %s)", resp.StatusCode, status, body)
	}
	var e httperr.Body
	if err := json.Unmarshal(body, &e); err != nil || e.Error == "" || e.Message == "" {
		t.Fatalf("body %q is not the JSON error shape: %v", body, err)
	}
	if code != "" && e.Error != code {
		t.Fatalf("error code = %q, want %q (%s)", e.Error, code, e.Message)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("error Content-Type = %q", ct)
	}
	if strings.Contains(string(body), "eyJ") { // every JWT starts with a base64 '{"'
		t.Fatalf("error body carries a token: %s", body)
	}
	return e
}

// clock is a settable clock for s.now.
type clock struct{ ns atomic.Int64 }

func newClock(at time.Time) *clock {
	c := new(clock)
	c.set(at)
	return c
}

func (c *clock) now() time.Time      { return time.Unix(0, c.ns.Load()).UTC() }
func (c *clock) set(at time.Time)    { c.ns.Store(at.UnixNano()) }
func (c *clock) add(d time.Duration) { c.ns.Add(int64(d)) }

func writeAsset(t testing.TB, dir, id, policy string) {
	t.Helper()
	p := filepath.Join(dir, id, "asset.json")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	doc := `{"id":"` + id + `","title":"t","policy":` + policy + `}`
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
}

func lower(a common.Address) string { return strings.ToLower(a.Hex()) }
