package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

	// A second gen refuses, names the rotation command and changes nothing.
	if _, err := run(t, runKeys, "gen", "--out", dir); err == nil || !strings.Contains(err.Error(), "streamgate keys add --dir "+dir) {
		t.Fatalf("second gen: error %v, want a refusal naming keys add", err)
	}
	if again, _ := token.LoadPrivateKeyFile(filepath.Join(dir, "signing.pem")); !again.Equal(key) {
		t.Fatal("a refused gen replaced signing.pem")
	}
	if jwks := loadJWKSKids(t, dir); len(jwks) != 1 || jwks[0] != kid1 {
		t.Fatalf("jwks %v after a refused gen, want [%s]", jwks, kid1)
	}
}

func loadJWKSKids(t *testing.T, dir string) []string {
	t.Helper()
	jwks, err := token.LoadJWKSFile(filepath.Join(dir, "jwks.json"))
	if err != nil {
		t.Fatal(err)
	}
	var kids []string
	for _, k := range jwks.Keys {
		kids = append(kids, k.Kid)
	}
	return kids
}

// setKeysClock makes the keys commands see t0 + the offset set returns.
func setKeysClock(t *testing.T, t0 time.Time) func(time.Duration) {
	saved := keysNow
	t.Cleanup(func() { keysNow = saved })
	set := func(d time.Duration) { keysNow = func() time.Time { return t0.Add(d) } }
	set(0)
	return set
}

// TestKeysRotation walks the command sequence on a clock: add publishes
// without signing, the successor takes over at its Sign-From, and retire
// refuses until the longest token the old key signed has expired.
func TestKeysRotation(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	kid1, err := run(t, runKeys, "gen", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now().Truncate(time.Second)
	at := setKeysClock(t, t0)
	line, err := run(t, runKeys, "add", "--dir", dir, "--publish-for", "10m")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(line)
	if len(f) != 3 || f[1] != filepath.Join(dir, f[0]+".pem") || f[2] != t0.Add(10*time.Minute).UTC().Format(time.RFC3339) {
		t.Fatalf("add printed %q, want kid, dir/kid.pem and the Sign-From", line)
	}
	kid2 := f[0]
	if mode(t, f[1]) != 0o600 {
		t.Errorf("new key file mode %v, want 0600", mode(t, f[1]))
	}
	if kids := loadJWKSKids(t, dir); len(kids) != 2 || kids[0] != kid2 || kids[1] != kid1 {
		t.Fatalf("jwks %v, want [%s %s]", kids, kid2, kid1)
	}
	// Both keys in one issuer, as keys.files lists them: the old signs until
	// the new one's Sign-From.
	old, _ := token.LoadKeyFile(filepath.Join(dir, "signing.pem"))
	next, _ := token.LoadKeyFile(f[1])
	if !next.SignFrom.Equal(t0.Add(10 * time.Minute)) {
		t.Fatalf("Sign-From %v, want %v", next.SignFrom, t0.Add(10*time.Minute))
	}
	is, err := token.NewIssuerKeys("streamgate", []token.Key{old, next})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		at  time.Duration
		kid string
	}{{0, kid1}, {10*time.Minute - time.Second, kid1}, {10 * time.Minute, kid2}, {48 * time.Hour, kid2}} {
		tok, _, err := is.Playback(cliWallet, "clip", time.Hour, t0.Add(tc.at))
		if err != nil {
			t.Fatal(err)
		}
		if got := tokenKid(t, tok); got != tc.kid {
			t.Errorf("token signed at +%s carries kid %s, want %s", tc.at, got, tc.kid)
		}
	}

	// Retire: refused while kid1 signs, while its tokens may live, and for
	// the signing key; allowed after the longest (defaults: 24h session +
	// 30s leeway) has passed.
	refusals := []struct {
		at   time.Duration
		kid  string
		want string
	}{
		{5 * time.Minute, kid1, "signs until " + t0.Add(10*time.Minute).UTC().Format(time.RFC3339)},
		{10 * time.Minute, kid1, "may be valid until " + t0.Add(10*time.Minute+24*time.Hour+30*time.Second).UTC().Format(time.RFC3339)},
		{10*time.Minute + 24*time.Hour + 29*time.Second, kid1, "--force"},
		{48 * time.Hour, kid2, "is the signing key"},
		{48 * time.Hour, "nope", "no key file in the directory has kid nope"},
	}
	for _, r := range refusals {
		at(r.at)
		if _, err := run(t, runKeys, "retire", "--dir", dir, "--kid", r.kid); err == nil || !strings.Contains(err.Error(), r.want) {
			t.Fatalf("retire %s at +%s: error %v, want %q", r.kid, r.at, err, r.want)
		}
		if kids := loadJWKSKids(t, dir); len(kids) != 2 {
			t.Fatalf("a refused retire changed the jwks: %v", kids)
		}
	}
	at(10*time.Minute + 24*time.Hour + 30*time.Second)
	if _, err := run(t, runKeys, "retire", "--dir", dir, "--kid", kid1); err != nil {
		t.Fatal(err)
	}
	if kids := loadJWKSKids(t, dir); len(kids) != 1 || kids[0] != kid2 {
		t.Fatalf("jwks %v after retiring %s, want [%s]", kids, kid1, kid2)
	}
	if _, err := os.Stat(filepath.Join(dir, "signing.pem")); !os.IsNotExist(err) {
		t.Fatalf("the retired key file is still there: %v", err)
	}
}

// TestKeysRetireForce: a leaked key is retired at once with --force, once
// its successor signs; --config takes the TTLs from the signer's file.
func TestKeysRetireForce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	kid1, err := run(t, runKeys, "gen", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, runKeys, "add", "--dir", dir, "--publish-for", "0s"); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(t.TempDir(), "signer.yaml")
	writeFile(t, cfg, "domains: [watch.example.com]\nsession_ttl: 1h\nplayback_ttl: 2h\nleeway: 5s\n")
	if _, err := run(t, runKeys, "retire", "--dir", dir, "--kid", kid1, "--config", cfg); err == nil || !strings.Contains(err.Error(), "the longest token lives 2h0m5s") {
		t.Fatalf("retire without --force: error %v, want the TTL from the config", err)
	}
	if _, err := run(t, runKeys, "retire", "--dir", dir, "--kid", kid1, "--force"); err != nil {
		t.Fatal(err)
	}
	if kids := loadJWKSKids(t, dir); len(kids) != 1 || kids[0] == kid1 {
		t.Fatalf("jwks %v after a forced retire of %s", kids, kid1)
	}
}

// tokenKid returns the kid in a JWT's header.
func tokenKid(t *testing.T, tok string) string {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(strings.Split(tok, ".")[0])
	if err != nil {
		t.Fatal(err)
	}
	var h struct{ Kid string }
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatal(err)
	}
	return h.Kid
}

var keysErrCases = []struct {
	name string
	args []string
	want string
}{
	{"no subcommand", nil, "usage: streamgate keys gen"},
	{"unknown subcommand", []string{"rotate"}, "streamgate keys retire --dir DIR --kid KID"},
	{"no out", []string{"gen"}, "--out is required"},
	{"add without dir", []string{"add"}, "--dir is required"},
	{"add into nothing", []string{"add", "--dir", "/nonexistent/keys"}, "create the first key with `streamgate keys gen"},
	{"add negative", []string{"add", "--dir", ".", "--publish-for", "-1s"}, "--publish-for: want >= 0"},
	{"retire without kid", []string{"retire", "--dir", "."}, "--kid is required"},
	{"retire without dir", []string{"retire", "--kid", "x"}, "--dir is required"},
	{"retire in an empty dir", []string{"retire", "--dir", "testdata/nonexistent", "--kid", "x"}, "no *.pem key file"},
	{"gen force is gone", []string{"gen", "--out", "x", "--force"}, "flag provided but not defined: -force"},
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
