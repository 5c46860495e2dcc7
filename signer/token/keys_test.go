package token

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestPrivateKeyFile(t *testing.T) {
	key, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "signing.pem")
	if err := os.WriteFile(path, []byte("old, world-readable"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WritePrivateKeyFile(path, key); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	got, err := LoadPrivateKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(key) {
		t.Fatal("loaded key differs from written key")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp"))
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func pemOf(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

var parseKeyCases = []struct {
	name string
	pem  string
	want string // substring of the error; "" for success
}{
	{"ed25519 pkcs8", pemOf("PRIVATE KEY", must(x509.MarshalPKCS8PrivateKey(keyNew))), ""},
	{"empty", "", "no PEM block"},
	{"not pem", "-----BEGIN nothing", "no PEM block"},
	{"wrong type", pemOf("PUBLIC KEY", must(x509.MarshalPKIXPublicKey(pubOf(keyNew)))), `PEM type "PUBLIC KEY"`},
	{"ecdsa", pemOf("PRIVATE KEY", must(x509.MarshalPKCS8PrivateKey(must(ecdsa.GenerateKey(elliptic.P256(), rand.Reader))))), "*ecdsa.PrivateKey, want ed25519"},
	{"bad der", pemOf("PRIVATE KEY", []byte("junk")), "parsing private key: asn1"},
}

func TestParsePrivateKeyPEM(t *testing.T) {
	for _, tc := range parseKeyCases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePrivateKeyPEM([]byte(tc.pem))
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Fatalf("ParsePrivateKeyPEM error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestNewIssuerErrors(t *testing.T) {
	corrupt := append(ed25519.PrivateKey(nil), keyNew...)
	corrupt[63] ^= 1
	cases := []struct {
		name   string
		issuer string
		keys   []ed25519.PrivateKey
		want   string
	}{
		{"no issuer", "", []ed25519.PrivateKey{keyNew}, "empty issuer"},
		{"no keys", "streamgate", nil, "no signing key"},
		{"short key", "streamgate", []ed25519.PrivateKey{keyNew[:32]}, "keys[0]: ed25519 private key is 32 bytes"},
		{"corrupt key", "streamgate", []ed25519.PrivateKey{keyNew, corrupt}, "keys[1]: ed25519 private key: public half"},
		{"duplicate key", "streamgate", []ed25519.PrivateKey{keyNew, keyNew}, "keys[1]: duplicate key"},
	}
	for _, tc := range cases {
		if _, err := NewIssuer(tc.issuer, tc.keys...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: NewIssuer error %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestMintErrors(t *testing.T) {
	cases := []struct {
		name string
		mint func() error
		want string
	}{
		{"short wallet", func() error { _, _, err := testIssuer.Playback("0x1234", testAsset, time.Hour, testNow); return err }, "wallet: want 0x"},
		{"bad asset", func() error { _, _, err := testIssuer.Playback(testWallet, "../etc", time.Hour, testNow); return err }, "asset: want"},
		{"zero ttl", func() error { _, _, err := testIssuer.Playback(testWallet, testAsset, 0, testNow); return err }, "ttl: want > 0"},
		{"zero chain", func() error { _, _, err := testIssuer.Session(testWallet, 0, time.Hour, testNow); return err }, "chain: want > 0"},
		{"session wallet", func() error { _, _, err := testIssuer.Session("wallet", 1, time.Hour, testNow); return err }, "minting session token: wallet"},
	}
	for _, tc := range cases {
		if err := tc.mint(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

// pemWith is keyNew's PEM with the given headers.
func pemWith(headers map[string]string) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Headers: headers, Bytes: must(x509.MarshalPKCS8PrivateKey(keyNew))}))
}

// TestKeySignFrom: the Sign-From header round-trips through CreateKeyFile,
// which never replaces a file; any other header or a bad time is an error.
func TestKeySignFrom(t *testing.T) {
	at := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	path := filepath.Join(t.TempDir(), "k.pem")
	if err := CreateKeyFile(path, Key{Priv: keyNew, SignFrom: at}); err != nil {
		t.Fatal(err)
	}
	k, err := LoadKeyFile(path)
	if err != nil || !k.SignFrom.Equal(at) || !k.Priv.Equal(keyNew) {
		t.Fatalf("loaded %v %v, %v; want keyNew from %v", k.SignFrom, k.KeyID(), err, at)
	}
	if err := CreateKeyFile(path, Key{Priv: keyOld}); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("CreateKeyFile over an existing key: %v, want fs.ErrExist", err)
	}
	if k, _ := LoadKeyFile(path); !k.Priv.Equal(keyNew) {
		t.Fatal("CreateKeyFile replaced an existing key")
	}
	for _, tc := range []struct{ name, pem, want string }{
		{"other header", pemWith(map[string]string{"Proc-Type": "4,ENCRYPTED"}), `unknown PEM header "Proc-Type"`},
		{"bad time", pemWith(map[string]string{SignFromHeader: "tomorrow"}), `Sign-From: want an RFC 3339 time, got "tomorrow"`},
	} {
		if _, err := ParseKeyPEM([]byte(tc.pem)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestIssuerSignsByTime: the key with the latest Sign-From not after the
// signing time signs (the first listed among equals); every key is
// published; an issuer no key of which may sign yet is refused.
func TestIssuerSignsByTime(t *testing.T) {
	t0 := time.Now()
	is, err := NewIssuerKeys("streamgate", []Key{{Priv: keyOld}, {Priv: keyNew, SignFrom: t0.Add(time.Hour)}, {Priv: keyStranger}})
	if err != nil {
		t.Fatal(err)
	}
	oldKid, newKid := KeyID(pubOf(keyOld)), KeyID(pubOf(keyNew))
	if jwks := is.JWKS(); len(jwks.Keys) != 3 || is.KeyID() != oldKid {
		t.Fatalf("jwks %d keys, signing %s; want 3 and %s", len(jwks.Keys), is.KeyID(), oldKid)
	}
	v := must(NewVerifier(is.JWKS()))
	for _, tc := range []struct {
		at  time.Duration
		kid string
	}{{0, oldKid}, {time.Hour - time.Second, oldKid}, {time.Hour, newKid}} {
		tok, _, err := is.Playback(testWallet, testAsset, 2*time.Hour, t0.Add(tc.at))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.Verify(tok, AudiencePlayback, t0.Add(tc.at)); err != nil {
			t.Fatalf("+%s: %v", tc.at, err)
		}
		parsed, _, err := jwt.NewParser().ParseUnverified(tok, &Claims{})
		if err != nil {
			t.Fatal(err)
		}
		if got := parsed.Header["kid"]; got != tc.kid {
			t.Errorf("signed at +%s with %s, want %s", tc.at, got, tc.kid)
		}
	}
	if _, err := NewIssuerKeys("streamgate", []Key{{Priv: keyNew, SignFrom: t0.Add(time.Hour)}}); err == nil || !strings.Contains(err.Error(), "no key may sign at") {
		t.Fatalf("issuer with only a future key: %v, want a refusal", err)
	}
}
