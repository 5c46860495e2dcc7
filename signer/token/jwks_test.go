package token

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKeyID checks the thumbprint against RFC 8037 Appendix A.3.
func TestKeyID(t *testing.T) {
	pub, err := base64.RawURLEncoding.DecodeString("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := KeyID(pub), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"; got != want {
		t.Fatalf("KeyID = %s, want %s", got, want)
	}
}

// jwkJSON is one JWK built from its members, so cases can break each one.
func jwkJSON(kty, crv, x, kid, alg, use string) string {
	return fmt.Sprintf(`{"kty":%q,"crv":%q,"x":%q,"kid":%q,"alg":%q,"use":%q}`, kty, crv, x, kid, alg, use)
}

var (
	xNew   = base64.RawURLEncoding.EncodeToString(pubOf(keyNew))
	jwkNew = jwkJSON("OKP", "Ed25519", xNew, kidNew, "EdDSA", "sig")
	jwkOld = string(must(json.Marshal(PublicJWK(pubOf(keyOld)))))
)

var jwksCases = []struct {
	name string
	json string
	want string // substring of the error; "" for success
}{
	{"two keys", `{"keys":[` + jwkNew + `,` + jwkOld + `]}`, ""},
	{"no alg or use", `{"keys":[` + jwkJSON("OKP", "Ed25519", xNew, "k1", "", "") + `]}`, ""},
	{"empty set", `{"keys":[]}`, "jwks: no keys"},
	{"no keys member", `{}`, "jwks: no keys"},
	{"not json", `not json`, "jwks: invalid character"},
	{"keys not an array", `{"keys":{}}`, "jwks: json"},
	{"rsa", `{"keys":[` + jwkJSON("RSA", "", xNew, "k1", "RS256", "sig") + `]}`, `kty "RSA"`},
	{"x25519", `{"keys":[` + jwkJSON("OKP", "X25519", xNew, "k1", "", "") + `]}`, `crv "X25519"`},
	{"ec p-256", `{"keys":[` + jwkJSON("EC", "P-256", xNew, "k1", "ES256", "sig") + `]}`, `kty "EC"`},
	{"wrong alg", `{"keys":[` + jwkJSON("OKP", "Ed25519", xNew, "k1", "HS256", "sig") + `]}`, `alg "HS256"`},
	{"wrong use", `{"keys":[` + jwkJSON("OKP", "Ed25519", xNew, "k1", "EdDSA", "enc") + `]}`, `use "enc"`},
	{"bad base64", `{"keys":[` + jwkJSON("OKP", "Ed25519", "not*base64", "k1", "", "") + `]}`, "x: illegal base64"},
	{"std base64", `{"keys":[` + jwkJSON("OKP", "Ed25519", base64.StdEncoding.EncodeToString(pubOf(keyNew)), "k1", "", "") + `]}`, "x: illegal base64"},
	{"short key", `{"keys":[` + jwkJSON("OKP", "Ed25519", xNew[:40], "k1", "", "") + `]}`, "x is 30 bytes, want 32"},
	{"missing kid", `{"keys":[` + jwkJSON("OKP", "Ed25519", xNew, "", "", "") + `]}`, "missing kid"},
	{"duplicate kid", `{"keys":[` + jwkNew + `,` + jwkJSON("OKP", "Ed25519", xNew, kidNew, "", "") + `]}`, "keys[1]: duplicate kid"},
}

func TestParseJWKS(t *testing.T) {
	for _, tc := range jwksCases {
		t.Run(tc.name, func(t *testing.T) {
			v, err := ParseJWKS([]byte(tc.json))
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("ParseJWKS: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("ParseJWKS error %v, want %q", err, tc.want)
			case tc.want == "" && v.Leeway != DefaultLeeway:
				t.Fatalf("Leeway %s, want %s", v.Leeway, DefaultLeeway)
			}
		})
	}
}

func TestLoadJWKSFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "jwks.json")
	if err := WriteJWKSFile(good, testIssuer.JWKS()); err != nil {
		t.Fatal(err)
	}
	if err := WriteJWKSFile(filepath.Join(dir, "empty.json"), JWKS{}); err == nil {
		t.Error("WriteJWKSFile wrote an empty set")
	}
	s, err := LoadJWKSFile(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Keys) != 2 || s.Keys[0].Kid != testIssuer.KeyID() {
		t.Fatalf("loaded %+v, want the issuer's two keys, active first", s)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"keys":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadJWKSFile(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Fatalf("LoadJWKSFile(empty set) error %v, want one naming the file", err)
	}
	if _, err := LoadJWKSFile(filepath.Join(dir, "missing.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("LoadJWKSFile(missing) error %v, want not-exist", err)
	}
}

func FuzzParseJWKS(f *testing.F) {
	for _, tc := range jwksCases {
		f.Add(tc.json)
	}
	f.Fuzz(func(t *testing.T, data string) {
		v, err := ParseJWKS([]byte(data))
		if err != nil {
			return
		}
		for kid, pub := range v.keys {
			if kid == "" || len(pub) != ed25519.PublicKeySize {
				t.Fatalf("accepted key %q of %d bytes", kid, len(pub))
			}
		}
	})
}
