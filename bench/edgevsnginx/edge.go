package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/streamgate/streamgate/bench/internal/proc"
)

// wallet is the token's subject, to whom the gate's pass is minted (a
// public asset does not look at it). noPassWallet holds no pass: its token
// must get 403 from the gated asset.
const (
	wallet       = "0x00000000000000000000000000000000000000aa"
	noPassWallet = "0x00000000000000000000000000000000000000bb"
)

// running is a started server and the URLs of the two payloads on it. srv
// is set as soon as the process exists, even if start-up then fails, so the
// caller can always stop it.
type running struct {
	srv      *server
	playlist string
	segment  string
	key      string // 16 bytes: the edge's gated key route, nginx's secure_link file
	base     string // http://host:port
	pprof    string // http://host:port/debug/pprof, "" when not served
	tokens   func(n int) ([]string, error)
}

// startEdge mints a key and a token with the binary's own tools, starts the
// edge on CPU0 with GOMAXPROCS=1, and warms its cache with both payloads.
// It listens on host (the admin listener, with profile set, on loopback),
// keeping its key, config and log in dir.
// With gate set, the edge checks ownership on gate's chain, and a token for
// a wallet without a pass must get 403 before anything is measured.
func startEdge(ctx context.Context, bin, dir, host string, fx fixture, gate *chain, profile bool) (running, error) {
	keyDir := filepath.Join(dir, "keys")
	if _, err := proc.Output(ctx, bin, "keys", "gen", "--out", keyDir); err != nil {
		return running{}, err
	}
	mint := func(sub string) (string, error) {
		return proc.Output(ctx, bin, "token", "mint", "--key", filepath.Join(keyDir, "signing.pem"),
			"--sub", sub, "--asset", assetID, "--ttl", "2h")
	}
	tok, err := mint(wallet)
	if err != nil {
		return running{}, err
	}
	port, err := proc.FreePort()
	if err != nil {
		return running{}, err
	}
	conf := filepath.Join(dir, "edge.yaml")
	yaml := edgeConfig(host, port, fx.originDir, keyDir)
	if gate != nil {
		yaml += gate.ownershipConfig()
	}
	var pprofBase string
	if profile {
		// The profiles are served on the admin listener only, and only
		// when the benchmark asks (debug.pprof, off by default).
		admin, err := proc.FreePort()
		if err != nil {
			return running{}, err
		}
		yaml += fmt.Sprintf("admin_listen: %s:%d\ndebug:\n  pprof: true\n", loopback, admin)
		pprofBase = fmt.Sprintf("http://%s:%d/debug/pprof", loopback, admin)
	}
	if err := os.WriteFile(conf, []byte(yaml), 0o644); err != nil {
		return running{}, fmt.Errorf("writing the edge config: %w", err)
	}
	env := append(os.Environ(), "GOMAXPROCS=1")
	srv, err := startPinned("edge", filepath.Join(dir, "edge.log"), env, bin, "edge", "--config", conf)
	if err != nil {
		return running{}, err
	}
	base := fmt.Sprintf("http://%s:%d", host, port)
	r := running{srv: srv, playlist: edgeURL(base, tok, playlistName), segment: edgeURL(base, tok, segmentName),
		key: edgeURL(base, tok, cdnKeyPath(0)), base: base, pprof: pprofBase}
	// The CDN scenario's viewers: one playback session (token) each.
	r.tokens = func(n int) ([]string, error) {
		toks := make([]string, n)
		for i := range toks {
			if toks[i], err = mint(wallet); err != nil {
				return nil, err
			}
		}
		return toks, nil
	}
	if err := waitOK(ctx, srv, base+"/healthz"); err != nil {
		return r, err
	}
	if err := warmBoth(ctx, r, fx); err != nil {
		return r, err
	}
	if gate == nil {
		return r, nil
	}
	// warmBoth saw 200s for the holder; now the gate must refuse a wallet
	// without a pass, or it is not checking anything.
	other, err := mint(noPassWallet)
	if err != nil {
		return r, err
	}
	for _, name := range []string{playlistName, segmentName, cdnKeyPath(0)} {
		u := edgeURL(base, other, name)
		code, err := status(ctx, u)
		if err != nil {
			return r, srv.Failed(err)
		}
		if code != http.StatusForbidden {
			return r, srv.Failed(fmt.Errorf("gate check: GET %s for %s (no pass): status %d, want 403", u, noPassWallet, code))
		}
	}
	fmt.Fprintf(os.Stderr, "gate check: 200 for %s (holds a pass), 403 for %s (none)\n", wallet, noPassWallet)
	return r, nil
}

func edgeURL(base, tok, name string) string {
	return fmt.Sprintf("%s/t/%s/v/%s/%s", base, tok, assetID, name)
}

// edgePrefix is the "/t/<token>/v" of an edge URL of the asset's playlist.
func edgePrefix(playlist string) string {
	u, err := url.Parse(playlist)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.Path, "/"+assetID+"/"+playlistName)
}

// edgeConfig sets only what differs from the defaults: the address, the
// origin folder, the keys, and a cache that holds both payloads.
func edgeConfig(host string, port int, originDir, keyDir string) string {
	return fmt.Sprintf(`listen: %s:%d
origin:
  regions:
    - name: local
      dir: %q
token:
  jwks: %q
cache:
  max_bytes: 268435456
  max_object_bytes: 16777216
`, host, port, originDir, filepath.Join(keyDir, "jwks.json"))
}

// warmBoth waits for the payloads to be served, then fetches each a few times.
func warmBoth(ctx context.Context, r running, fx fixture) error {
	if err := waitOK(ctx, r.srv, r.playlist); err != nil {
		return err
	}
	if err := warm(ctx, r.srv, r.playlist, fx.playlist); err != nil {
		return err
	}
	if err := warm(ctx, r.srv, r.key, fx.key); err != nil {
		return err
	}
	return warm(ctx, r.srv, r.segment, fx.segment)
}
