package edge

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/signer/token"
)

// testEdge is an edge on a loopback port over a local-folder origin.
type testEdge struct {
	srv    *Server
	url    string
	dir    string
	issuer *token.Issuer
	stop   func() error // shuts the server down (once) and returns Serve's error
}

const testWallet = "0x00000000000000000000000000000000000000aa"

func writeObject(t testing.TB, dir, key string, body []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(key))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, body, 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeAsset(t testing.TB, dir, id, policy string) {
	t.Helper()
	writeObject(t, dir, id+"/asset.json", []byte(`{"id":"`+id+`","title":"t","policy":`+policy+`}`))
}

// newTestEdge starts an edge whose config edit can adjust before New.
func newTestEdge(t testing.TB, dir string, edit func(*Config)) *testEdge {
	t.Helper()
	key, err := token.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	issuer, err := token.NewIssuer("test", key)
	if err != nil {
		t.Fatal(err)
	}
	jwks, _ := json.Marshal(issuer.JWKS())
	keyDir := t.TempDir()
	writeObject(t, keyDir, "jwks.json", jwks)
	cfg := DefaultConfig()
	cfg.Origin.Regions = []RegionConfig{{Name: "local", Dir: dir}}
	cfg.Token.JWKS = filepath.Join(keyDir, "jwks.json")
	if edit != nil {
		edit(&cfg)
	}
	srv, err := New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), Deps{})
	if err != nil {
		t.Fatal(err)
	}
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
	return &testEdge{srv: srv, url: "http://" + ln.Addr().String(), dir: dir, issuer: issuer, stop: stop}
}

// playback mints a playback token for asset.
func (e *testEdge) playback(t testing.TB, asset string) string {
	t.Helper()
	tok, _, err := e.issuer.Playback(testWallet, asset, time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// do sends a request and returns the response with its body read.
func do(t testing.TB, method, url string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// wantError checks the docs/protocol.md error shape and status.
func wantError(t testing.TB, resp *http.Response, body []byte, status int, code string) {
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
}
