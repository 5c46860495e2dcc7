package main

import (
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/streamgate/streamgate/signer/token"
)

const keysUsage = "usage: streamgate keys gen --out DIR [--force]"

// runKeys runs `streamgate keys gen`: a new Ed25519 signing key in
// DIR/signing.pem, its public key added to DIR/jwks.json, its kid on stdout.
func runKeys(args []string, log *slog.Logger) error {
	if len(args) == 0 || args[0] != "gen" {
		return errors.New(keysUsage)
	}
	fset := flag.NewFlagSet("keys gen", flag.ContinueOnError)
	out := fset.String("out", "", "`dir`ectory for signing.pem (private, 0600) and jwks.json (public)")
	force := fset.Bool("force", false, "replace an existing signing.pem (its public key stays in jwks.json)")
	if help, err := parseFlags(fset, args[1:]); help || err != nil {
		return err
	}
	if *out == "" {
		return errors.New("--out is required")
	}
	kid, err := genKey(*out, *force)
	if err != nil {
		return err
	}
	log.Info("wrote signing key", "dir", *out, "kid", kid)
	_, err = fmt.Fprintln(stdout, kid)
	return err
}

// genKey writes a new key into dir and returns its kid.
func genKey(dir string, force bool) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("creating key directory: %w", err)
	}
	keyPath := filepath.Join(dir, "signing.pem")
	_, err := os.Stat(keyPath)
	switch {
	case err == nil && !force:
		return "", fmt.Errorf("%s exists; pass --force to replace it", keyPath)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("checking for an existing key: %w", err)
	}
	key, err := token.GenerateKey()
	if err != nil {
		return "", err
	}
	jwk := token.PublicJWK(key.Public().(ed25519.PublicKey))
	jwksPath := filepath.Join(dir, "jwks.json")
	jwks, err := addKey(jwksPath, jwk)
	if err != nil {
		return "", err
	}
	// The JWKS goes first: a published key nobody signs with is harmless,
	// whereas a signing key no edge knows fails every token it signs.
	if err := token.WriteJWKSFile(jwksPath, jwks); err != nil {
		return "", err
	}
	if err := token.WritePrivateKeyFile(keyPath, key); err != nil {
		return "", err
	}
	return jwk.Kid, nil
}

// addKey returns the JWKS at path (if any) with jwk put first. Earlier keys
// stay, so tokens they signed keep verifying while the edges roll over;
// removing a retired key is a manual edit once its tokens have expired.
func addKey(path string, jwk token.JWK) (token.JWKS, error) {
	old, err := token.LoadJWKSFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return token.JWKS{}, err
	}
	jwks := token.JWKS{Keys: []token.JWK{jwk}}
	for _, k := range old.Keys {
		if k.Kid != jwk.Kid {
			jwks.Keys = append(jwks.Keys, k)
		}
	}
	return jwks, nil
}

// parseFlags parses args into fset and rejects positional arguments (a
// subcommand that takes some uses parseArgs). help
// reports -h, which has printed the usage and is not a failure.
func parseFlags(fset *flag.FlagSet, args []string) (help bool, err error) {
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, err
	}
	if fset.NArg() > 0 {
		return false, fmt.Errorf("unexpected argument %q", fset.Arg(0))
	}
	return false, nil
}
