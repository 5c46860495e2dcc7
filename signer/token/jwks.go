package token

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
)

// JWK member values of an Ed25519 signing key (RFC 8037).
const (
	jwkKty = "OKP"
	jwkCrv = "Ed25519"
	jwkAlg = "EdDSA"
	jwkUse = "sig"
)

// JWKS is a JSON Web Key Set, as served at /.well-known/jwks.json.
type JWKS struct {
	Keys []JWK `json:"keys"`
}

// JWK is the public half of an Ed25519 signing key. X is the base64url
// (unpadded) public key; Kid is normally KeyID of that key.
type JWK struct {
	Kty string `json:"kty"`
	Crv string `json:"crv"`
	X   string `json:"x"`
	Kid string `json:"kid"`
	Alg string `json:"alg,omitempty"`
	Use string `json:"use,omitempty"`
}

// PublicJWK returns the JWK of pub, with kid = KeyID(pub).
func PublicJWK(pub ed25519.PublicKey) JWK {
	return JWK{
		Kty: jwkKty,
		Crv: jwkCrv,
		X:   base64.RawURLEncoding.EncodeToString(pub),
		Kid: KeyID(pub),
		Alg: jwkAlg,
		Use: jwkUse,
	}
}

// PublicKey checks k and returns its key. alg and use may be absent, but if
// present must say EdDSA and sig.
func (k JWK) PublicKey() (ed25519.PublicKey, error) {
	switch {
	case k.Kid == "":
		return nil, errors.New("missing kid")
	case k.Kty != jwkKty || k.Crv != jwkCrv:
		return nil, fmt.Errorf("key %q: kty %q crv %q, want %s %s", k.Kid, k.Kty, k.Crv, jwkKty, jwkCrv)
	case k.Alg != "" && k.Alg != jwkAlg:
		return nil, fmt.Errorf("key %q: alg %q, want %s", k.Kid, k.Alg, jwkAlg)
	case k.Use != "" && k.Use != jwkUse:
		return nil, fmt.Errorf("key %q: use %q, want %s", k.Kid, k.Use, jwkUse)
	}
	// Strict: only one spelling of each key, as with the token segments.
	pub, err := base64.RawURLEncoding.Strict().DecodeString(k.X)
	if err != nil {
		return nil, fmt.Errorf("key %q: x: %w", k.Kid, err)
	}
	if len(pub) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("key %q: x is %d bytes, want %d", k.Kid, len(pub), ed25519.PublicKeySize)
	}
	return pub, nil
}

// publicKeys checks every key of s and indexes them by kid. An empty set is
// an error because a verifier with no keys rejects everything.
func (s JWKS) publicKeys() (map[string]ed25519.PublicKey, error) {
	if len(s.Keys) == 0 {
		return nil, errors.New("jwks: no keys")
	}
	keys := make(map[string]ed25519.PublicKey, len(s.Keys))
	for i, k := range s.Keys {
		pub, err := k.PublicKey()
		if err != nil {
			return nil, fmt.Errorf("jwks: keys[%d]: %w", i, err)
		}
		if _, dup := keys[k.Kid]; dup {
			return nil, fmt.Errorf("jwks: keys[%d]: duplicate kid %q", i, k.Kid)
		}
		keys[k.Kid] = pub
	}
	return keys, nil
}

// ParseJWKS parses a JWKS document, such as the signer's
// /.well-known/jwks.json, into a Verifier.
func ParseJWKS(data []byte) (*Verifier, error) {
	s, err := decodeJWKS(data)
	if err != nil {
		return nil, err
	}
	return NewVerifier(s)
}

// LoadJWKSFile reads and checks a JWKS file such as the jwks.json that
// `streamgate keys gen` writes.
func LoadJWKSFile(path string) (JWKS, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return JWKS{}, fmt.Errorf("loading jwks: %w", err)
	}
	s, err := decodeJWKS(data)
	if err != nil {
		return JWKS{}, fmt.Errorf("%s: %w", path, err)
	}
	if _, err := s.publicKeys(); err != nil {
		return JWKS{}, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// WriteJWKSFile writes s to path as indented JSON with mode 0644 (it holds
// public keys only), replacing the file atomically so that an edge loading
// it never sees half a key set.
func WriteJWKSFile(path string, s JWKS) error {
	if _, err := s.publicKeys(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := writeFileAtomic(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing jwks: %w", err)
	}
	return nil
}

func decodeJWKS(data []byte) (JWKS, error) {
	var s JWKS
	if err := json.Unmarshal(data, &s); err != nil {
		return JWKS{}, fmt.Errorf("jwks: %w", err)
	}
	return s, nil
}
