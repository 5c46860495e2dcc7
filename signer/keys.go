package signer

import (
	"bytes"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/streamgate/streamgate/signer/token"
)

// loadKeys returns the signing keys with their Sign-From times, in the order
// configured: from EnvKeysPEM when set, else from keys.files.
func loadKeys(c KeysConfig) ([]token.Key, error) {
	if c.PEM != "" {
		keys, err := parseKeysPEM([]byte(c.PEM))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvKeysPEM, err)
		}
		return keys, nil
	}
	keys := make([]token.Key, 0, len(c.Files))
	for i, path := range c.Files {
		k, err := token.LoadKeyFile(path)
		if err != nil {
			return nil, fmt.Errorf("keys.files[%d]: %w", i, err)
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, errors.New("keys.files: no signing key")
	}
	return keys, nil
}

// parseKeysPEM parses concatenated PEM blocks, each an Ed25519 PKCS #8
// "PRIVATE KEY" with its optional Sign-From header. Anything but whitespace outside the blocks is an error, so a
// truncated or mangled variable is not half-used.
func parseKeysPEM(data []byte) ([]token.Key, error) {
	var keys []token.Key
	rest := data
	for {
		block, r := pem.Decode(rest)
		if block == nil {
			break
		}
		rest = r
		k, err := token.ParseKeyPEM(pem.EncodeToMemory(block))
		if err != nil {
			return nil, fmt.Errorf("block %d: %w", len(keys)+1, err)
		}
		keys = append(keys, k)
	}
	switch {
	case len(keys) == 0:
		return nil, errors.New("no PEM block")
	case len(bytes.TrimSpace(rest)) > 0:
		return nil, fmt.Errorf("text after PEM block %d is not a PEM block", len(keys))
	}
	return keys, nil
}
