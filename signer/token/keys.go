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
	"time"
)

const pemType = "PRIVATE KEY"

// SignFromHeader is the PEM header of a key file holding the RFC 3339 time
// from which the key may sign. A key is published (in the JWKS) from the
// moment a signer loads it but signs only from then on, so every edge has
// fetched it before the first token it signs reaches a viewer.
const SignFromHeader = "Sign-From"

// Key is a signing key and the time it may sign from (zero: always).
type Key struct {
	Priv     ed25519.PrivateKey
	SignFrom time.Time
}

// KeyID returns the kid of k's public half.
func (k Key) KeyID() string { return KeyID(k.Priv.Public().(ed25519.PublicKey)) }

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
// Its Sign-From header, if any, is ignored; ParseKeyPEM reads it.
func ParsePrivateKeyPEM(data []byte) (ed25519.PrivateKey, error) {
	k, err := ParseKeyPEM(data)
	return k.Priv, err
}

// ParseKeyPEM parses a PEM "PRIVATE KEY" (PKCS #8) block holding an Ed25519
// key and its optional SignFromHeader (RFC 3339). Any other header is an
// error: this format has none, so one is a mangled or foreign file.
func ParseKeyPEM(data []byte) (Key, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return Key{}, errors.New("parsing private key: no PEM block")
	}
	if block.Type != pemType {
		return Key{}, fmt.Errorf("parsing private key: PEM type %q, want %q", block.Type, pemType)
	}
	var k Key
	for name, v := range block.Headers {
		if name != SignFromHeader {
			return Key{}, fmt.Errorf("parsing private key: unknown PEM header %q (want only %s)", name, SignFromHeader)
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return Key{}, fmt.Errorf("parsing private key: %s: want an RFC 3339 time, got %q", SignFromHeader, v)
		}
		k.SignFrom = t
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return Key{}, fmt.Errorf("parsing private key: %w", err)
	}
	priv, ok := key.(ed25519.PrivateKey)
	if !ok {
		return Key{}, fmt.Errorf("parsing private key: %T, want ed25519", key)
	}
	k.Priv = priv
	return k, nil
}

// LoadPrivateKeyFile reads a key file written by WritePrivateKeyFile.
func LoadPrivateKeyFile(path string) (ed25519.PrivateKey, error) {
	k, err := LoadKeyFile(path)
	return k.Priv, err
}

// LoadKeyFile reads a key file written by WritePrivateKeyFile or
// CreateKeyFile, with its Sign-From time.
func LoadKeyFile(path string) (Key, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Key{}, fmt.Errorf("loading private key: %w", err)
	}
	k, err := ParseKeyPEM(data)
	if err != nil {
		return Key{}, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

// CreateKeyFile writes k to path as PEM PKCS #8 with its Sign-From header
// (when set), mode 0600. It never replaces a file: an existing path is an
// error wrapping fs.ErrExist, so a rotation can't destroy a live key.
func CreateKeyFile(path string, k Key) error {
	data, err := encodeKey(k)
	if err != nil {
		return fmt.Errorf("writing private key: %w", err)
	}
	// Link a complete temporary file into place: the link fails if path
	// exists, and no reader ever sees a partial key.
	tmp := path + ".tmp"
	if err := writeFileAtomic(tmp, data, 0o600); err != nil {
		return fmt.Errorf("writing private key: %w", err)
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		return fmt.Errorf("writing private key: %w", err)
	}
	return nil
}

func encodeKey(k Key) ([]byte, error) {
	if err := checkPrivateKey(k.Priv); err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(k.Priv)
	if err != nil {
		return nil, err
	}
	b := &pem.Block{Type: pemType, Bytes: der}
	if !k.SignFrom.IsZero() {
		b.Headers = map[string]string{SignFromHeader: k.SignFrom.UTC().Format(time.RFC3339)}
	}
	return pem.EncodeToMemory(b), nil
}

// WritePrivateKeyFile writes key to path as PEM PKCS #8 with mode 0600,
// replacing any existing file. It writes a temporary file and renames it, so
// a crash never leaves a truncated key behind.
func WritePrivateKeyFile(path string, key ed25519.PrivateKey) error {
	data, err := encodeKey(Key{Priv: key})
	if err != nil {
		return fmt.Errorf("writing private key: %w", err)
	}
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
