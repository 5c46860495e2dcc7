package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer"
	"github.com/streamgate/streamgate/signer/token"
)

// restartable is a standalone signer on a fixed address whose key list can
// change, as an operator restarts signers during a rotation.
type restartable struct {
	t    *testing.T
	addr string
	cfg  signer.Config
	stop func()
}

func (r *restartable) start(files ...string) {
	r.t.Helper()
	if r.stop != nil {
		r.stop()
	}
	r.cfg.Keys.Files = files
	srv, err := signer.New(r.cfg, quietLog, signer.Deps{})
	if err != nil {
		r.t.Fatal(err)
	}
	var ln net.Listener
	testenv.WaitFor(r.t, 5*time.Second, func() (err error) { ln, err = net.Listen("tcp", r.addr); return err })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	r.stop = func() {
		cancel()
		if err := <-done; err != nil {
			r.t.Errorf("signer: %v", err)
		}
	}
}

// viewer plays the clip through the edge like a player: one session, one
// playback token renewed with it shortly before it expires, a new sign-in
// shortly before the session expires, and every tick the master playlist, a
// media playlist and a segment fetched with the current playback token.
type viewer struct {
	signer, edge string
	account      *testenv.Account

	mu       sync.Mutex
	fetches  int
	failures []string
	kids     map[string]int // kid → playback tokens received
}

func (v *viewer) fail(format string, args ...any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.failures = append(v.failures, fmt.Sprintf(format, args...))
}

// run plays until ctx ends.
func (v *viewer) run(ctx context.Context) {
	var session, playback string
	var sessionExp, playbackExp time.Time
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		// The signer restarts during a rotation: no answer is retried at
		// the next tick, any HTTP refusal is a failure.
		if time.Until(sessionExp) < time.Second {
			s, err := signInAt(v.signer, v.account)
			if err != nil {
				if !errors.Is(err, errTransport) {
					v.fail("sign-in: %v", err)
				}
				continue
			}
			session, sessionExp = s, expiry(s)
		}
		if time.Until(playbackExp) < time.Second {
			var pb struct{ Token string }
			if err := callAt(v.signer, "POST", "/playback/clip", session, nil, 200, &pb); err != nil {
				if !errors.Is(err, errTransport) {
					v.fail("playback token: %v", err)
				}
				continue
			}
			playback, playbackExp = pb.Token, expiry(pb.Token)
			v.mu.Lock()
			v.kids[kidOf(pb.Token)]++
			v.mu.Unlock()
		}
		for _, name := range []string{"master.m3u8", "media_0.m3u8", "chunk-stream0-00001.m4s"} {
			if code := fetch(v.edge + "/t/" + playback + "/v/clip/" + name); code != 200 {
				v.fail("%s with a token of %s: %d", name, kidOf(playback), code)
			}
			v.mu.Lock()
			v.fetches++
			v.mu.Unlock()
		}
	}
}

func fetch(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// expiry and kidOf read a token the test got from the signer.
func expiry(tok string) time.Time {
	var c jwt.RegisteredClaims
	if _, _, err := jwt.NewParser().ParseUnverified(tok, &c); err != nil || c.ExpiresAt == nil {
		return time.Time{}
	}
	return c.ExpiresAt.Time
}

func kidOf(tok string) string {
	t, _, err := jwt.NewParser().ParseUnverified(tok, &jwt.RegisteredClaims{})
	if err != nil {
		return ""
	}
	kid, _ := t.Header["kid"].(string)
	return kid
}

// gatedClip publishes the test clip as "clip" in a folder origin, gated by
// an AccessPass on a fresh chain; it returns the pass holder, the origin and
// the chain config.
func gatedClip(t *testing.T) (*testenv.Account, []edge.RegionConfig, []ownership.ChainConfig) {
	chain := testenv.Chain(t)
	owner, holder := chain.Accounts[0], chain.Accounts[1]
	ap := bindings.NewAccessPass()
	pass := chain.Deploy(t, owner, &bindings.AccessPassMetaData, ap.PackConstructor("Pass", "PASS", owner.Address))
	chain.Transact(t, owner, pass, ap.PackMint(holder.Address))
	policy := `{"any":[{"chain_id":1337,"contract":"` + pass.Hex() + `","standard":"erc721"}]}`
	regions := dirOrigin(t, `{"id":"clip","title":"clip","policy":`+policy+`}`)
	return holder, regions, []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{chain.RPCURL}, Multicall3: "none"}}
}

// TestKeyRotationInProcess: an edge hosting the signer publishes every key
// listed, signs with the old one until the added key's Sign-From and with
// the new one after, and keeps playing the old key's tokens.
func TestKeyRotationInProcess(t *testing.T) {
	holder, regions, chains := gatedClip(t)
	dir := filepath.Join(t.TempDir(), "keys")
	kid1, err := run(t, runKeys, "gen", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	line, err := run(t, runKeys, "add", "--dir", dir, "--publish-for", "3s")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(line)
	kid2 := f[0]
	signFrom, _ := time.Parse(time.RFC3339, f[2])

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	scfg := signer.DefaultConfig()
	scfg.Domains = []string{ln.Addr().String()}
	scfg.Keys.Files = []string{filepath.Join(dir, "signing.pem"), f[1]}
	scfg.Rate.PerIPPerMin = 0
	scfg.Origin.Regions = regions
	scfg.Ownership.Chains = chains
	cfg := defaultEdgeConfig()
	cfg.Origin.Regions = regions
	cfg.Ownership = scfg.Ownership
	deps, closeDeps, err := edgeDeps(cfg, &scfg, quietLog)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := edge.New(cfg.Config, quietLog, deps)
	if err != nil {
		t.Fatal(errors.Join(err, closeDeps()))
	}
	serveUntilCleanup(t, func(ctx context.Context) error { return errors.Join(srv.Serve(ctx, ln), closeDeps()) })

	var jwks token.JWKS
	if err := callAt(url, "GET", signer.JWKSPath, "", nil, 200, &jwks); err != nil {
		t.Fatal(err)
	}
	if len(jwks.Keys) != 2 || jwks.Keys[0].Kid != kid1 || jwks.Keys[1].Kid != kid2 {
		t.Fatalf("the hosted signer publishes %+v, want %s and %s", jwks.Keys, kid1, kid2)
	}
	session, err := signInAt(url, holder)
	if err != nil {
		t.Fatal(err)
	}
	var pb struct{ Token string }
	if err := callAt(url, "POST", "/playback/clip", session, nil, 200, &pb); err != nil {
		t.Fatal(err)
	}
	if time.Now().Before(signFrom.Add(-time.Second)) && kidOf(pb.Token) != kid1 {
		t.Fatalf("a token before Sign-From carries %s, want the old %s", kidOf(pb.Token), kid1)
	}
	testenv.WaitFor(t, 10*time.Second, func() error {
		var next struct{ Token string }
		// The old key's session renews playback tokens across the switch.
		if err := callAt(url, "POST", "/playback/clip", session, nil, 200, &next); err != nil {
			return err
		}
		if kidOf(next.Token) != kid2 {
			return fmt.Errorf("still signing with %s", kidOf(next.Token))
		}
		if code := fetch(url + "/t/" + next.Token + "/v/clip/master.m3u8"); code != 200 {
			return fmt.Errorf("a new key's token: %d", code)
		}
		return nil
	})
	if code := fetch(url + "/t/" + pb.Token + "/v/clip/master.m3u8"); code != 200 {
		t.Fatalf("the old key's token after the switch: %d, want 200", code)
	}
}

// TestKeyRotationKeepsPlaying runs the documented rotation against a real
// standalone signer and an edge reading its JWKS over HTTP, while a viewer
// keeps playing: keys add (published, not signing) → the new key takes over
// at its Sign-From (old tokens still play) → keys retire refused while the
// old key's tokens may live → retired after → the old key's tokens fail and
// the viewer never saw a refusal.
func TestKeyRotationKeepsPlaying(t *testing.T) {
	holder, regions, chains := gatedClip(t)
	dir := filepath.Join(t.TempDir(), "keys")
	kid1, err := run(t, runKeys, "gen", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	oldKeyFile := filepath.Join(dir, "signing.pem")
	oldKey, err := token.LoadPrivateKeyFile(oldKeyFile)
	if err != nil {
		t.Fatal(err)
	}

	// Short lifetimes so the whole rotation fits in seconds: the longest
	// token lives session_ttl + leeway = 7 s.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	scfg := signer.DefaultConfig()
	scfg.Listen, scfg.Domains = addr, []string{addr}
	scfg.SessionTTL, scfg.PlaybackTTL, scfg.Leeway = 6*time.Second, 4*time.Second, time.Second
	scfg.Rate.PerIPPerMin = 0
	scfg.Origin.Regions = regions
	scfg.Ownership.Chains = chains
	sg := &restartable{t: t, addr: addr, cfg: scfg}
	sg.start(oldKeyFile)
	t.Cleanup(func() { sg.stop() })
	signerURL := "http://" + addr

	eln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := defaultEdgeConfig()
	cfg.Origin.Regions = regions
	cfg.Ownership.Chains = chains
	cfg.Token.JWKS = signerURL + signer.JWKSPath
	cfg.Token.JWKSRefresh = 100 * time.Millisecond
	cfg.Token.Leeway = time.Second
	esrv, err := edge.New(cfg.Config, quietLog, edge.Deps{})
	if err != nil {
		t.Fatal(err)
	}
	serveUntilCleanup(t, func(ctx context.Context) error { return esrv.Serve(ctx, eln) })
	edgeURL := "http://" + eln.Addr().String()

	// A token of the old key that outlives the rotation (an operator's
	// `token mint`): it plays until the old key is retired.
	oldIssuer, err := token.NewIssuer(scfg.Issuer, oldKey)
	if err != nil {
		t.Fatal(err)
	}
	longOld, _, err := oldIssuer.Playback(strings.ToLower(holder.Address.Hex()), "clip", time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	longOldURL := edgeURL + "/t/" + longOld + "/v/clip/master.m3u8"

	v := &viewer{signer: signerURL, edge: edgeURL, account: holder, kids: map[string]int{}}
	ctx, cancel := context.WithCancel(context.Background())
	played := make(chan struct{})
	go func() { defer close(played); v.run(ctx) }()
	t.Cleanup(func() { cancel(); <-played })
	testenv.WaitFor(t, 10*time.Second, func() error {
		v.mu.Lock()
		defer v.mu.Unlock()
		if v.kids[kid1] == 0 || v.fetches == 0 {
			return errors.New("the viewer has not played yet")
		}
		return nil
	})

	// (1) Add: published at once (the signer restarts with both files), but
	// the old key keeps signing until Sign-From.
	line, err := run(t, runKeys, "add", "--dir", dir, "--publish-for", "2s")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(line)
	kid2, newKeyFile := f[0], f[1]
	signFrom, _ := time.Parse(time.RFC3339, f[2])
	sg.start(oldKeyFile, newKeyFile)
	var jwks token.JWKS
	if err := callAt(signerURL, "GET", signer.JWKSPath, "", nil, 200, &jwks); err != nil {
		t.Fatal(err)
	}
	if len(jwks.Keys) != 2 || jwks.Keys[0].Kid != kid1 || jwks.Keys[1].Kid != kid2 {
		t.Fatalf("signer publishes %+v, want %s and %s", jwks.Keys, kid1, kid2)
	}
	before := signFrom.Add(-time.Second)
	if time.Now().Before(before) {
		session, err := signInAt(signerURL, holder)
		if err != nil {
			t.Fatal(err)
		}
		if kid := kidOf(session); kid != kid1 {
			t.Fatalf("a session issued before Sign-From carries kid %s, want the old %s", kid, kid1)
		}
	}

	// (2) Switch: at Sign-From new tokens carry the new kid, and a token of
	// the old key, minted after the edge learnt the new one, still plays.
	testenv.WaitFor(t, 10*time.Second, func() error {
		session, err := signInAt(signerURL, holder)
		if err != nil {
			return err
		}
		if kidOf(session) != kid2 {
			return fmt.Errorf("the signer still signs with %s", kidOf(session))
		}
		return nil
	})
	if code := fetch(longOldURL); code != 200 {
		t.Fatalf("the old key's token after the switch: %d, want 200", code)
	}

	// (3) Retire is refused while the old key's tokens may be valid.
	if _, err := run(t, runKeys, "retire", "--dir", dir, "--kid", kid1, "--config", writeSignerYAML(t, scfg)); err == nil || !strings.Contains(err.Error(), "may be valid until") {
		t.Fatalf("early retire: error %v, want a refusal", err)
	}
	// (4) It succeeds once the longest token has expired; the signer
	// restarts with the new key only and the edge drops the old one.
	yaml := writeSignerYAML(t, scfg)
	testenv.WaitFor(t, 15*time.Second, func() error {
		_, err := run(t, runKeys, "retire", "--dir", dir, "--kid", kid1, "--config", yaml)
		return err
	})
	if _, err := os.Stat(oldKeyFile); !os.IsNotExist(err) {
		t.Fatalf("retire left the old key file: %v", err)
	}
	sg.start(newKeyFile)
	testenv.WaitFor(t, 10*time.Second, func() error {
		if code := fetch(longOldURL); code != 401 {
			return fmt.Errorf("the retired key's token: %d, want 401", code)
		}
		return nil
	})
	// The viewer plays on with new-key tokens for a while after retirement.
	n := func() int { v.mu.Lock(); defer v.mu.Unlock(); return v.kids[kid2] }
	seen := n()
	testenv.WaitFor(t, 10*time.Second, func() error {
		if n() < seen+2 {
			return errors.New("the viewer has not renewed twice since the retirement")
		}
		return nil
	})
	cancel()
	<-played
	v.mu.Lock()
	defer v.mu.Unlock()
	if len(v.failures) > 0 {
		t.Fatalf("the viewer was refused %d of %d fetches/renewals: %s", len(v.failures), v.fetches, strings.Join(v.failures, "; "))
	}
	t.Logf("played %d fetches across the rotation; playback tokens by kid: %v", v.fetches, v.kids)
}

// writeSignerYAML writes the TTLs of cfg as a signer config for keys retire.
func writeSignerYAML(t *testing.T, cfg signer.Config) string {
	path := filepath.Join(t.TempDir(), "signer.yaml")
	writeFile(t, path, fmt.Sprintf("domains: [%s]\nsession_ttl: %s\nplayback_ttl: %s\nleeway: %s\n", cfg.Domains[0], cfg.SessionTTL, cfg.PlaybackTTL, cfg.Leeway))
	return path
}
