package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bluenviron/gohlslib/v2"
	"github.com/bluenviron/gohlslib/v2/pkg/codecs"
	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer"
	"github.com/streamgate/streamgate/signer/siwe"
	"github.com/streamgate/streamgate/signer/token"
)

// e2e is one edge hosting the signer, as `streamgate edge` wires it, over an
// origin folder holding the test clip gated by an AccessPass.
type e2e struct {
	url    string
	chain  *testenv.ChainEnv
	pass   string
	issuer *token.Issuer // the signer's key, to mint tokens without the signer
	logs   *lockedBuffer // the process's log (INFO and above)
}

// e2eOrigin publishes the test clip as asset "clip" with manifest as its
// asset.json and returns the regions that serve it.
type e2eOrigin func(t *testing.T, manifest string) []edge.RegionConfig

// dirOrigin publishes into a folder.
func dirOrigin(t *testing.T, manifest string) []edge.RegionConfig {
	return dirOriginSeconds(4)(t, manifest)
}

// dirOriginSeconds publishes a clip of that many seconds into a folder.
func dirOriginSeconds(seconds int) e2eOrigin {
	return func(t *testing.T, manifest string) []edge.RegionConfig {
		dir := t.TempDir()
		copyDir(t, testenv.MediaSeconds(t, seconds), filepath.Join(dir, "clip"))
		writeFile(t, filepath.Join(dir, "clip", "asset.json"), manifest)
		return []edge.RegionConfig{{Name: "local", Dir: dir}}
	}
}

// startE2E starts it over a folder origin; opts adjust the edge's config
// before it starts (the browser test turns the watch page on).
func startE2E(t *testing.T, opts ...func(*edgeConfig)) *e2e {
	return startE2EOn(t, dirOrigin, opts...)
}

// startE2EOn is startE2E over the origin that publish makes.
func startE2EOn(t *testing.T, publish e2eOrigin, opts ...func(*edgeConfig)) *e2e {
	return startE2EWith(t, publish, nil, opts...)
}

// startE2EWith is startE2EOn with editSigner (if not nil) adjusting the
// in-process signer's config.
func startE2EWith(t *testing.T, publish e2eOrigin, editSigner func(*signer.Config), opts ...func(*edgeConfig)) *e2e {
	chain := testenv.Chain(t)
	owner := chain.Accounts[0]
	ap := bindings.NewAccessPass()
	pass := chain.Deploy(t, owner, &bindings.AccessPassMetaData, ap.PackConstructor("Pass", "PASS", owner.Address))
	chain.Transact(t, owner, pass, ap.PackMint(chain.Accounts[1].Address))

	policy := `{"any":[{"chain_id":1337,"contract":"` + pass.Hex() + `","standard":"erc721"}]}`
	regions := publish(t, `{"id":"clip","title":"clip","policy":`+policy+`}`)
	key, _ := token.GenerateKey()
	keyFile := filepath.Join(t.TempDir(), "signing.pem")
	if err := token.WritePrivateKeyFile(keyFile, key); err != nil {
		t.Fatal(err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	host := ln.Addr().String()
	cfg := defaultEdgeConfig()
	cfg.Origin.Regions = regions
	cfg.Ownership.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{chain.RPCURL}, Multicall3: "none"}}
	for _, o := range opts {
		o(&cfg)
	}
	scfg := signer.DefaultConfig()
	scfg.Domains = []string{host}
	scfg.Keys.Files = []string{keyFile}
	scfg.Origin.Regions = regions
	scfg.Ownership = cfg.Ownership
	if editSigner != nil {
		editSigner(&scfg)
	}

	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	deps, closeDeps, err := edgeDeps(cfg, &scfg, log)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := edge.New(cfg.Config, log, deps)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
		if err := closeDeps(); err != nil {
			t.Error(err)
		}
	})
	issuer, err := token.NewIssuer("test", key)
	if err != nil {
		t.Fatal(err)
	}
	return &e2e{url: "http://" + host, chain: chain, pass: strings.ToLower(pass.Hex()), issuer: issuer, logs: logs}
}

// signIn runs the wallet flow: nonce, EIP-4361 message, personal_sign,
// verify. It returns the session token.
func (e *e2e) signIn(t *testing.T, a *testenv.Account) string {
	t.Helper()
	session, err := signInAt(e.url, a)
	if err != nil {
		t.Fatal(err)
	}
	return session
}

// signInAt is signIn against the signer at base (http://host:port), with
// errors returned, for goroutines that must not call t.Fatal.
func signInAt(base string, a *testenv.Account) (string, error) {
	var n struct{ Nonce string }
	if err := callAt(base, "GET", "/auth/nonce", "", nil, 200, &n); err != nil {
		return "", err
	}
	statement := "Sign in to watch."
	m := siwe.Message{
		Domain: strings.TrimPrefix(base, "http://"), Address: a.Address, Statement: &statement,
		URI: base, Version: "1", ChainID: testenv.ChainID, Nonce: n.Nonce, IssuedAt: time.Now().UTC().Truncate(time.Second),
	}
	text := m.String()
	sig, err := crypto.Sign(accounts.TextHash([]byte(text)), a.Key)
	if err != nil {
		return "", err
	}
	sig[64] += 27
	body, _ := json.Marshal(map[string]string{"message": text, "signature": "0x" + hex.EncodeToString(sig)})
	var v struct{ Address, Session string }
	if err := callAt(base, "POST", "/auth/verify", "", body, 200, &v); err != nil {
		return "", err
	}
	if v.Address != a.Address.Hex() {
		return "", fmt.Errorf("verify returned address %q, want checksummed %s", v.Address, a.Address.Hex())
	}
	return v.Session, nil
}

// call sends a request and decodes the JSON answer, failing on another status.
func (e *e2e) call(t *testing.T, method, path, bearer string, body []byte, status int, out any) {
	t.Helper()
	if err := callAt(e.url, method, path, bearer, body, status, out); err != nil {
		t.Fatal(err)
	}
}

// callAt is call against base, with errors returned; a transport error
// wraps errTransport.
func callAt(base, method, path, bearer string, body []byte, status int, out any) error {
	req, _ := http.NewRequest(method, base+path, bytes.NewReader(body))
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %w", errTransport, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		return fmt.Errorf("%s %s: %d %s, want %d", method, path, resp.StatusCode, raw, status)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%s %s: %s: %w", method, path, raw, err)
	}
	return nil
}

// errTransport marks a request that got no HTTP answer.
var errTransport = errors.New("no answer")

func TestSignInAndPlay(t *testing.T) {
	e := startE2E(t)
	holder, other := e.chain.Accounts[1], e.chain.Accounts[2]

	var pb struct{ Token, HLS, DASH string }
	e.call(t, "POST", "/playback/clip", e.signIn(t, holder), nil, 200, &pb)
	if pb.HLS != "/t/"+pb.Token+"/v/clip/master.m3u8" || pb.DASH != "/t/"+pb.Token+"/v/clip/manifest.mpd" {
		t.Fatalf("playback answer %+v", pb)
	}
	if frames := play(t, e.url+pb.HLS); frames != 100 {
		t.Fatalf("played %d video frames, want 100", frames)
	}

	var denied struct{ Error, Message string }
	e.call(t, "POST", "/playback/clip", e.signIn(t, other), nil, 403, &denied)
	if !strings.Contains(denied.Message, "ERC-721 of "+common.HexToAddress(e.pass).Hex()+" on chain 1337") {
		t.Fatalf("403 does not name the unmet condition: %+v", denied)
	}
	// The edge re-checks ownership itself: a validly signed token for a
	// wallet without the pass plays nothing.
	tok, _, err := e.issuer.Playback(strings.ToLower(other.Address.Hex()), "clip", time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.call(t, "GET", "/t/"+tok+"/v/clip/master.m3u8", "", nil, 403, &denied)
	if denied.Error != "policy_unmet" {
		t.Fatalf("edge answered %+v for a non-holder's token", denied)
	}
}

// play runs gohlslib's client to the end of the stream and counts frames.
func play(t *testing.T, url string) int {
	quiet := func(string) {}
	frames := 0
	c := &gohlslib.Client{URI: url, OnDownloadPrimaryPlaylist: quiet, OnDownloadStreamPlaylist: quiet, OnDownloadSegment: quiet, OnDownloadPart: quiet}
	c.OnTracks = func(tracks []*gohlslib.Track) error {
		for _, tr := range tracks {
			if _, ok := tr.Codec.(*codecs.H264); ok {
				c.OnDataH26x(tr, func(_, _ int64, _ [][]byte) { frames++ })
			}
		}
		return nil
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait2() }()
	select {
	case err := <-done:
		if err != nil && !strings.Contains(err.Error(), gohlslib.ErrClientEOS.Error()) {
			t.Fatalf("hls client: %v", err)
		}
	case <-time.After(60 * time.Second):
		c.Close()
		t.Fatal("the client did not reach the end of the stream")
	}
	return frames
}

func copyDir(t *testing.T, from, to string) {
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, body string) {
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
