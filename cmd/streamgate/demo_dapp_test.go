package main

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer"
	"github.com/streamgate/streamgate/signer/token"
)

// TestDemoDAppOrigin: --dapp-origin (repeatable, comma lists) adds each
// origin's host:port to the demo signer's SIWE domains and its origin to
// the URIs, so the signer answers CORS for exactly that page, and the
// demo's output names it; a value that is not an origin is refused.
func TestDemoDAppOrigin(t *testing.T) {
	var o demoOptions
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Func("dapp-origin", "", o.addDApps)
	if err := fs.Parse([]string{"--dapp-origin", "http://localhost:5173", "--dapp-origin", "HTTPS://App.Example:8443/, http://127.0.0.1:3000"}); err != nil {
		t.Fatal(err)
	}
	want := []string{"http://localhost:5173", "https://app.example:8443", "http://127.0.0.1:3000"}
	if !slices.Equal(o.dapps, want) {
		t.Fatalf("dapps %v, want %v", o.dapps, want)
	}
	for _, bad := range []string{"localhost:5173", "http://localhost:5173/app", "", "http://u@h"} {
		if err := new(demoOptions).addDApps(bad); err == nil {
			t.Errorf("--dapp-origin %q accepted", bad)
		}
	}

	dir := t.TempDir()
	key, _ := token.GenerateKey()
	if err := errors.Join(os.MkdirAll(filepath.Join(dir, "keys"), 0o700), os.Mkdir(filepath.Join(dir, "origin"), 0o700)); err != nil {
		t.Fatal(err)
	}
	if err := token.WritePrivateKeyFile(filepath.Join(dir, "keys", "signing.pem"), key); err != nil {
		t.Fatal(err)
	}
	scfg := demoSigner(dir, "127.0.0.1:8080", o.dapps)
	for _, d := range []string{"127.0.0.1:8080", "localhost:8080", "localhost:5173", "app.example:8443", "127.0.0.1:3000"} {
		if !slices.Contains(scfg.Domains, d) {
			t.Errorf("domains %v lack %s", scfg.Domains, d)
		}
	}
	srv, err := signer.New(scfg, slog.New(slog.NewTextHandler(io.Discard, nil)), signer.Deps{})
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + testenv.Serve(t, srv.Serve) + "/auth/verify"
	for origin, status := range map[string]int{
		"http://localhost:5173": 204, "https://app.example:8443": 204, "http://127.0.0.1:3000": 204, "http://127.0.0.1:8080": 204,
		"https://localhost:5173": 403, "http://app.example:8443": 403, "http://localhost:5174": 403,
	} {
		resp, body := corsDo(t, "OPTIONS", url, origin, "POST")
		if resp.StatusCode != status {
			t.Errorf("preflight from %s: %d %s, want %d", origin, resp.StatusCode, body, status)
		}
	}

	var out bytes.Buffer
	saved := stdout
	stdout = &out
	t.Cleanup(func() { stdout = saved })
	if err := writeFacts(dir, demoFacts{SignInDomains: scfg.Domains, DAppOrigins: o.dapps}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "dApp origins http://localhost:5173, https://app.example:8443, http://127.0.0.1:3000") ||
		!strings.Contains(out.String(), "localhost:5173") {
		t.Fatalf("demo output lacks the dApp origins:\n%s", out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "demo.json")); err != nil {
		t.Fatal(err)
	}
}
