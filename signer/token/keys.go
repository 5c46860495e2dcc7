package token

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

const pemType = "PRIVATE KEY"

// GenerateKey returns a new random Ed25519 signing key.
func GenerateKey() (ed25519.PrivateKey, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generating ed25519 key: %w", err)
	}
	return priv, nil
}

// KeyID returns the RFC 7638 JWK thumbprint of pub, which is the kid of its
// tokens and JWK. Deriving the kid from the key means a key file needs no
// metadata and the signer and every edge agree on it.
func KeyID(pub ed25519.PublicKey) string {
	x := base64.RawURLEncoding.EncodeToString(pub)
	// RFC 7638 §3.2: required members only, in lexicographic order, no spaces.
	sum := sha256.Sum256([]byte(`{"crv":"Ed25519","kty":"OKP","x":"` + x + `"}`))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// ParsePrivateKeyPEM parses a PEM "PRIVATE KEY" (PKCS #8) block holding an
// Ed25519 key, such as the contents of a key file or an environment variable.
func ParsePrivateKeyPEM(data []byte) (ed25519.PrivateKey, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, errors.New("parsing private key: no PEM block")
	}
	if block.Type != pemType {
		return nil, fmt.Errorf("parsing private key: PEM type %q, want %q", block.Type, pemType)
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("parsing private key: %w", err)
	}
	priv, ok := key.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("parsing private key: %T, want ed25519", key)
	}
	return priv, nil
}

// LoadPrivateKeyFile reads a key file written by WritePrivateKeyFile.
func LoadPrivateKeyFile(path string) (ed25519.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("loading private key: %w", err)
	}
	priv, err := ParsePrivateKeyPEM(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return priv, nil
}

// WritePrivateKeyFile writes key to path as PEM PKCS #8 with mode 0600,
// replacing any existing file. It writes a temporary file and renames it, so
// a crash never leaves a truncated key behind.
func WritePrivateKeyFile(path string, key ed25519.PrivateKey) error {
	if err := checkPrivateKey(key); err != nil {
		return fmt.Errorf("writing private key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return fmt.Errorf("writing private key: %w", err)
	}
	data := pem.EncodeToMemory(&pem.Block{Type: pemType, Bytes: der})
	if err := writeFileAtomic(path, data, 0o600); err != nil {
		return fmt.Errorf("writing private key: %w", err)
	}
	return nil
}

// checkPrivateKey rejects keys of the wrong size and keys whose stored public
// half does not match the seed: those would sign tokens no JWK verifies.
func checkPrivateKey(key ed25519.PrivateKey) error {
	if len(key) != ed25519.PrivateKeySize {
		return fmt.Errorf("ed25519 private key is %d bytes, want %d", len(key), ed25519.PrivateKeySize)
	}
	want := ed25519.NewKeyFromSeed(key.Seed())
	if !bytes.Equal(want[ed25519.SeedSize:], key[ed25519.SeedSize:]) {
		return errors.New("ed25519 private key: public half does not match seed")
	}
	return nil
}

// writeFileAtomic writes data to a temporary file next to path, then renames
// it over path. CreateTemp makes the file 0600, so the data is never readable
// by others, even briefly.
func writeFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
