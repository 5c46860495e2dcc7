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
	"sort"
	"time"

	"github.com/streamgate/streamgate/signer"
	"github.com/streamgate/streamgate/signer/token"
)

const keysUsage = `usage: streamgate keys gen --out DIR
       streamgate keys add --dir DIR [--publish-for 1h]
       streamgate keys retire --dir DIR --kid KID [--config signer.yaml] [--force]`

// keysNow is the clock of the keys commands; tests move it.
var keysNow = time.Now

// runKeys runs `streamgate keys gen|add|retire`.
func runKeys(args []string, log *slog.Logger) error {
	if len(args) == 0 {
		return errors.New(keysUsage)
	}
	switch args[0] {
	case "gen":
		return runKeysGen(args[1:], log)
	case "add":
		return runKeysAdd(args[1:], log)
	case "retire":
		return runKeysRetire(args[1:], log)
	}
	return errors.New(keysUsage)
}

// runKeysGen writes the first key: DIR/signing.pem and its public key in
// DIR/jwks.json; it prints the kid. It never replaces a key: replacing the
// signing key would end every outstanding token at the edges' next JWKS read.
func runKeysGen(args []string, log *slog.Logger) error {
	fset := flag.NewFlagSet("keys gen", flag.ContinueOnError)
	out := fset.String("out", "", "`dir`ectory for signing.pem (private, 0600) and jwks.json (public)")
	if help, err := parseFlags(fset, args); help || err != nil {
		return err
	}
	if *out == "" {
		return errors.New("--out is required")
	}
	path := filepath.Join(*out, "signing.pem")
	kid, err := createKey(*out, path, time.Time{})
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists; to rotate keys, add a new one beside it with `streamgate keys add --dir %s`", path, *out)
	}
	if err != nil {
		return err
	}
	log.Info("wrote signing key", "file", path, "kid", kid)
	_, err = fmt.Fprintln(stdout, kid)
	return err
}

// runKeysAdd writes a new key DIR/<kid>.pem that signs from now +
// --publish-for, publishes it in DIR/jwks.json and prints its kid and file.
func runKeysAdd(args []string, log *slog.Logger) error {
	fset := flag.NewFlagSet("keys add", flag.ContinueOnError)
	dir := fset.String("dir", "", "key `dir`ectory (as keys gen --out)")
	publish := fset.Duration("publish-for", time.Hour, "how long the key is only published before it signs: "+
		"time to give every signer the key file and every edge a JWKS read (token.jwks_refresh)")
	if help, err := parseFlags(fset, args); help || err != nil {
		return err
	}
	switch {
	case *dir == "":
		return errors.New("--dir is required")
	case *publish < 0:
		return fmt.Errorf("--publish-for: want >= 0, got %s", *publish)
	}
	if _, err := os.Stat(*dir); err != nil {
		return fmt.Errorf("--dir: %w (create the first key with `streamgate keys gen --out DIR`)", err)
	}
	key, err := token.GenerateKey()
	if err != nil {
		return err
	}
	signFrom := keysNow().Add(*publish).UTC().Truncate(time.Second)
	kid := token.KeyID(key.Public().(ed25519.PublicKey))
	path := filepath.Join(*dir, kid+".pem")
	if err := writeKey(*dir, path, token.Key{Priv: key, SignFrom: signFrom}); err != nil {
		return err
	}
	log.Info("added signing key: list its file in the signer's keys.files (or its PEM in SIGNER_KEYS_PEM) and restart every signer before it signs",
		"file", path, "kid", kid, "sign_from", signFrom.Format(time.RFC3339))
	_, err = fmt.Fprintf(stdout, "%s %s %s\n", kid, path, signFrom.Format(time.RFC3339))
	return err
}

// createKey writes a fresh key signing from signFrom to path and publishes
// it in dir/jwks.json; it returns the kid.
func createKey(dir, path string, signFrom time.Time) (string, error) {
	key, err := token.GenerateKey()
	if err != nil {
		return "", err
	}
	return token.KeyID(key.Public().(ed25519.PublicKey)), writeKey(dir, path, token.Key{Priv: key, SignFrom: signFrom})
}

// writeKey publishes k in dir/jwks.json, then writes it to path, which must
// not exist yet.
func writeKey(dir, path string, k token.Key) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating key directory: %w", err)
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("writing private key: %s: %w", path, fs.ErrExist)
	}
	jwksPath := filepath.Join(dir, "jwks.json")
	jwks, err := loadJWKS(jwksPath)
	if err != nil {
		return err
	}
	// The JWKS goes first: a published key nobody signs with is harmless,
	// whereas a signing key no edge knows fails every token it signs.
	jwks = withoutKey(jwks, k.KeyID())
	jwks.Keys = append([]token.JWK{token.PublicJWK(k.Priv.Public().(ed25519.PublicKey))}, jwks.Keys...)
	if err := token.WriteJWKSFile(jwksPath, jwks); err != nil {
		return err
	}
	return token.CreateKeyFile(path, k)
}

// runKeysRetire removes the key KID from DIR (its file and its entry in
// DIR/jwks.json) once every token it can have signed has expired.
func runKeysRetire(args []string, log *slog.Logger) error {
	fset := flag.NewFlagSet("keys retire", flag.ContinueOnError)
	dir := fset.String("dir", "", "key `dir`ectory (as keys gen --out)")
	kid := fset.String("kid", "", "the `kid` to retire")
	config := fset.String("config", "", "the signer's YAML `file`, for session_ttl, playback_ttl and leeway (default: their defaults)")
	force := fset.Bool("force", false, "retire before its tokens expire (a leaked key): the viewers holding them must sign in again")
	if help, err := parseFlags(fset, args); help || err != nil {
		return err
	}
	switch {
	case *dir == "":
		return errors.New("--dir is required")
	case *kid == "":
		return errors.New("--kid is required")
	}
	cfg := signer.DefaultConfig()
	if *config != "" {
		var err error
		if cfg, err = signer.LoadConfig(*config); err != nil {
			return err
		}
	}
	maxAge := max(cfg.SessionTTL, cfg.PlaybackTTL) + cfg.Leeway
	keys, err := loadKeyDir(*dir)
	if err != nil {
		return err
	}
	path, err := retirable(keys, *kid, maxAge, *force, keysNow())
	if err != nil {
		return err
	}
	jwksPath := filepath.Join(*dir, "jwks.json")
	jwks, err := loadJWKS(jwksPath)
	if err != nil {
		return err
	}
	// Unpublish first: a re-run after a failed removal finds the file still.
	if err := token.WriteJWKSFile(jwksPath, withoutKey(jwks, *kid)); err != nil {
		return err
	}
	if err := os.Remove(path); err != nil {
		return fmt.Errorf("removing the retired key: %w", err)
	}
	log.Info("retired signing key: drop its file from the signer's keys.files (or its PEM from SIGNER_KEYS_PEM) and restart every signer",
		"kid", *kid, "file", path)
	_, err = fmt.Fprintln(stdout, path)
	return err
}

// retirable returns the file of the key kid among keys (file → key) if it
// may be retired at now: a later key has taken over signing from it, and
// maxAge has passed since then (unless force). Its errors say when it may.
func retirable(keys map[string]token.Key, kid string, maxAge time.Duration, force bool, now time.Time) (string, error) {
	var path string
	for p, k := range keys {
		if k.KeyID() == kid {
			path = p
		}
	}
	if path == "" {
		return "", fmt.Errorf("--kid: no key file in the directory has kid %s", kid)
	}
	// It stopped signing at the earliest Sign-From later than its own.
	from := keys[path].SignFrom
	var stopped time.Time
	for p, k := range keys {
		if p != path && k.SignFrom.After(from) && (stopped.IsZero() || k.SignFrom.Before(stopped)) {
			stopped = k.SignFrom
		}
	}
	switch {
	case stopped.IsZero():
		return "", fmt.Errorf("%s is the signing key (no key in the directory takes over from it): add its successor with `streamgate keys add` first", kid)
	case stopped.After(now):
		return "", fmt.Errorf("%s signs until %s, when its successor takes over: retire it after %s",
			kid, rfc3339(stopped), rfc3339(stopped.Add(maxAge)))
	case !force && now.Before(stopped.Add(maxAge)):
		return "", fmt.Errorf("tokens %s signed may be valid until %s (it stopped signing at %s; the longest token lives %s including leeway): retire it after that, or pass --force to end those sessions now",
			kid, rfc3339(stopped.Add(maxAge)), rfc3339(stopped), maxAge)
	}
	return path, nil
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// loadKeyDir reads every *.pem key file in dir, by path.
func loadKeyDir(dir string) (map[string]token.Key, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.pem"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("--dir: no *.pem key file in %s", dir)
	}
	sort.Strings(paths)
	keys := make(map[string]token.Key, len(paths))
	for _, p := range paths {
		k, err := token.LoadKeyFile(p)
		if err != nil {
			return nil, err
		}
		keys[p] = k
	}
	return keys, nil
}

// loadJWKS returns the JWKS at path, empty if there is none yet.
func loadJWKS(path string) (token.JWKS, error) {
	s, err := token.LoadJWKSFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return token.JWKS{}, err
	}
	return s, nil
}

// withoutKey returns s without the key kid.
func withoutKey(s token.JWKS, kid string) token.JWKS {
	out := token.JWKS{Keys: make([]token.JWK, 0, len(s.Keys))}
	for _, k := range s.Keys {
		if k.Kid != kid {
			out.Keys = append(out.Keys, k)
		}
	}
	return out
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
