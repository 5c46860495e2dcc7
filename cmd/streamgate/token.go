package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/signer/token"
)

// stdout receives what a command prints for scripts (a kid, a token); logs
// go to stderr. Tests swap it to read the output.
var stdout io.Writer = os.Stdout

const tokenUsage = "usage: streamgate token mint --key FILE --sub 0x… [--asset ID] [--ttl 4h] [--kind playback|session] [--chain N] [--iss streamgate]"

var addressRe = regexp.MustCompile(`^0x[0-9a-fA-F]{40}$`)

// mintFlags are the flags of `streamgate token mint`.
type mintFlags struct {
	key, sub, asset, kind, iss string
	ttl                        time.Duration
	chain                      int64
}

// runToken runs `streamgate token mint`, printing one token on stdout.
func runToken(args []string, log *slog.Logger) error {
	if len(args) == 0 || args[0] != "mint" {
		return errors.New(tokenUsage)
	}
	var f mintFlags
	fset := flag.NewFlagSet("token mint", flag.ContinueOnError)
	fset.StringVar(&f.key, "key", "", "signing key `file` (PEM PKCS #8 Ed25519, as keys gen writes)")
	fset.StringVar(&f.sub, "sub", "", "wallet `address` (0x and 40 hex digits)")
	fset.StringVar(&f.asset, "asset", "", "asset `id` (playback tokens only)")
	fset.StringVar(&f.kind, "kind", "playback", "token kind: playback or session")
	fset.DurationVar(&f.ttl, "ttl", 0, "lifetime (default 4h for playback, 24h for session)")
	fset.Int64Var(&f.chain, "chain", 1, "chain id of the sign-in (session tokens only)")
	fset.StringVar(&f.iss, "iss", "streamgate", "issuer (iss claim)")
	if help, err := parseFlags(fset, args[1:]); help || err != nil {
		return err
	}
	if err := f.validate(); err != nil {
		return err
	}
	tok, c, err := f.mint(time.Now())
	if err != nil {
		return err
	}
	log.Info("minted token", "kind", f.kind, "sub", c.Subject, "asset", c.Asset, "expires_at", c.Expiry().Format(time.RFC3339))
	_, err = fmt.Fprintln(stdout, tok)
	return err
}

// validate checks the flags and lowercases --sub, naming the bad flag.
func (f *mintFlags) validate() error {
	switch {
	case f.key == "":
		return errors.New("--key is required")
	case !addressRe.MatchString(f.sub):
		return fmt.Errorf("--sub: want 0x and 40 hex digits, got %q", f.sub)
	case f.kind != "playback" && f.kind != "session":
		return fmt.Errorf("--kind: want playback or session, got %q", f.kind)
	case f.kind == "playback" && !asset.ValidID(f.asset):
		return fmt.Errorf("--asset: want an asset id matching %s, got %q", asset.IDGrammar, f.asset)
	case f.kind == "session" && f.asset != "":
		return errors.New("--asset: session tokens carry no asset")
	case f.ttl < 0:
		return fmt.Errorf("--ttl: want > 0, got %s", f.ttl)
	case f.chain <= 0:
		return fmt.Errorf("--chain: want > 0, got %d", f.chain)
	case f.iss == "":
		return errors.New("--iss: want a non-empty issuer")
	}
	f.sub = strings.ToLower(f.sub)
	return nil
}

// mint signs the token the flags describe, issued at now.
func (f *mintFlags) mint(now time.Time) (string, *token.Claims, error) {
	key, err := token.LoadPrivateKeyFile(f.key)
	if err != nil {
		return "", nil, err
	}
	is, err := token.NewIssuer(f.iss, key)
	if err != nil {
		return "", nil, err
	}
	if f.kind == "session" {
		return is.Session(f.sub, f.chain, f.ttlOr(token.DefaultSessionTTL), now)
	}
	return is.Playback(f.sub, f.asset, f.ttlOr(token.DefaultPlaybackTTL), now)
}

// ttlOr returns --ttl, or def when the flag was left at zero.
func (f *mintFlags) ttlOr(def time.Duration) time.Duration {
	if f.ttl == 0 {
		return def
	}
	return f.ttl
}
