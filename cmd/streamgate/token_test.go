package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/streamgate/streamgate/signer/token"
)

const cliWallet = "0x52908400098527886E0F7030069857D2E4169EE7"

// genDir runs keys gen into a temporary directory and returns the key file
// and a verifier for the jwks.json written beside it.
func genDir(t *testing.T) (string, *token.Verifier) {
	t.Helper()
	dir := t.TempDir()
	if _, err := run(t, runKeys, "gen", "--out", dir); err != nil {
		t.Fatal(err)
	}
	jwks, err := token.LoadJWKSFile(filepath.Join(dir, "jwks.json"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := token.NewVerifier(jwks)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "signing.pem"), v
}

func TestTokenMint(t *testing.T) {
	key, v := genDir(t)
	tok, err := run(t, runToken, "mint", "--key", key, "--sub", cliWallet, "--asset", "launch-keynote", "--ttl", "1h")
	if err != nil {
		t.Fatal(err)
	}
	c, err := v.Verify(tok, token.AudiencePlayback, time.Now())
	if err != nil {
		t.Fatalf("Verify(%q): %v", tok, err)
	}
	if c.Subject != strings.ToLower(cliWallet) || c.Asset != "launch-keynote" || c.Issuer != "streamgate" {
		t.Errorf("claims %+v", c)
	}
	if ttl := c.Expiry().Sub(c.IssuedAt.Time); ttl != time.Hour {
		t.Errorf("exp - iat = %s, want 1h", ttl)
	}

	tok, err = run(t, runToken, "mint", "--key", key, "--sub", cliWallet, "--kind", "session", "--chain", "137", "--iss", "test")
	if err != nil {
		t.Fatal(err)
	}
	if c, err = v.Verify(tok, token.AudienceSession, time.Now()); err != nil {
		t.Fatalf("Verify(%q): %v", tok, err)
	}
	if c.Chain != 137 || c.Issuer != "test" || c.Expiry().Sub(c.IssuedAt.Time) != token.DefaultSessionTTL {
		t.Errorf("session claims %+v", c)
	}
}

var mintErrCases = []struct {
	name string
	args []string
	want string
}{
	{"no subcommand", nil, "usage: streamgate token mint"},
	{"no key", []string{"mint", "--sub", cliWallet, "--asset", "a"}, "--key is required"},
	{"short sub", []string{"mint", "--key", "k", "--sub", "0x1234", "--asset", "a"}, "--sub: want 0x"},
	{"sub without 0x", []string{"mint", "--key", "k", "--sub", cliWallet[2:] + "00", "--asset", "a"}, "--sub: want 0x"},
	{"no asset", []string{"mint", "--key", "k", "--sub", cliWallet}, "--asset: want an asset id"},
	{"uppercase asset", []string{"mint", "--key", "k", "--sub", cliWallet, "--asset", "Keynote"}, "--asset: want an asset id"},
	{"traversal asset", []string{"mint", "--key", "k", "--sub", cliWallet, "--asset", "../x"}, "--asset: want an asset id"},
	{"session with asset", []string{"mint", "--key", "k", "--sub", cliWallet, "--kind", "session", "--asset", "a"}, "session tokens carry no asset"},
	{"bad kind", []string{"mint", "--key", "k", "--sub", cliWallet, "--kind", "admin"}, `--kind: want playback or session, got "admin"`},
	{"negative ttl", []string{"mint", "--key", "k", "--sub", cliWallet, "--asset", "a", "--ttl", "-1h"}, "--ttl: want > 0"},
	{"zero chain", []string{"mint", "--key", "k", "--sub", cliWallet, "--kind", "session", "--chain", "0"}, "--chain: want > 0"},
	{"missing key file", []string{"mint", "--key", "/nonexistent/signing.pem", "--sub", cliWallet, "--asset", "a"}, "no such file"},
}

func TestTokenMintErrors(t *testing.T) {
	for _, tc := range mintErrCases {
		out, err := run(t, runToken, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
		if out != "" {
			t.Errorf("%s: printed %q on failure", tc.name, out)
		}
	}
}
