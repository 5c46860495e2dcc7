package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamgate/streamgate/signer/token"
)

var discard = slog.New(slog.DiscardHandler)

// run calls a command with stdout captured and returns what it printed.
func run(t *testing.T, cmd func([]string, *slog.Logger) error, args ...string) (string, error) {
	t.Helper()
	var buf bytes.Buffer
	saved := stdout
	stdout = &buf
	t.Cleanup(func() { stdout = saved })
	err := cmd(args, discard)
	return strings.TrimSpace(buf.String()), err
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestKeysGen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	kid1, err := run(t, runKeys, "gen", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	if mode(t, dir) != 0o700 || mode(t, filepath.Join(dir, "signing.pem")) != 0o600 {
		t.Errorf("modes %v %v, want 0700 0600", mode(t, dir), mode(t, filepath.Join(dir, "signing.pem")))
	}
	key, err := token.LoadPrivateKeyFile(filepath.Join(dir, "signing.pem"))
	if err != nil {
		t.Fatal(err)
	}
	is, err := token.NewIssuer("streamgate", key)
	if err != nil {
		t.Fatal(err)
	}
	if is.KeyID() != kid1 {
		t.Fatalf("printed kid %q, key file has %q", kid1, is.KeyID())
	}

	if _, err := run(t, runKeys, "gen", "--out", dir); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("second gen without --force: error %v, want a refusal", err)
	}
	kid2, err := run(t, runKeys, "gen", "--out", dir, "--force")
	if err != nil {
		t.Fatal(err)
	}
	jwks, err := token.LoadJWKSFile(filepath.Join(dir, "jwks.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(jwks.Keys) != 2 || jwks.Keys[0].Kid != kid2 || jwks.Keys[1].Kid != kid1 {
		t.Fatalf("jwks %+v, want the new key %s then the old %s", jwks, kid2, kid1)
	}
}

var keysErrCases = []struct {
	name string
	args []string
	want string
}{
	{"no subcommand", nil, "usage: streamgate keys gen"},
	{"unknown subcommand", []string{"rotate"}, "usage: streamgate keys gen"},
	{"no out", []string{"gen"}, "--out is required"},
	{"stray argument", []string{"gen", "--out", "x", "extra"}, `unexpected argument "extra"`},
	{"unknown flag", []string{"gen", "--bogus"}, "flag provided but not defined"},
}

func TestKeysErrors(t *testing.T) {
	for _, tc := range keysErrCases {
		if _, err := run(t, runKeys, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}
