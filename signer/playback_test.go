package signer

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer/token"
)

// gatedSigner serves "gated" (needs the world's AccessPass), "pub" (public)
// and "broken" (an asset.json without a usable policy).
func gatedSigner(t testing.TB, w *world, edit func(*Config, *Deps)) *testSigner {
	t.Helper()
	ts := newTestSigner(t, func(c *Config, d *Deps) {
		w.chains(c, d)
		if edit != nil {
			edit(c, d)
		}
	})
	writeAsset(t, ts.dir, "gated", `{"any":[{"chain_id":1337,"contract":"`+w.pass.Hex()+`","standard":"erc721"}]}`)
	writeAsset(t, ts.dir, "pub", `{"public":true}`)
	writeAsset(t, ts.dir, "broken", `{"public":false}`)
	return ts
}

// session mints a session token for wallet, issued at now+at.
func (ts *testSigner) session(t testing.TB, wallet common.Address, at time.Duration) string {
	t.Helper()
	tok, _, err := ts.srv.Issuer().Session(wallet.Hex(), testenv.ChainID, 24*time.Hour, time.Now().Add(at))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func (ts *testSigner) play(t testing.TB, asset, session string) (*http.Response, []byte) {
	t.Helper()
	return ts.do(t, "POST", "/playback/"+asset, "", "Authorization", "Bearer "+session)
}

func TestPlayback(t *testing.T) {
	w := newWorld(t)
	ts := gatedSigner(t, w, nil)
	holder, other := w.chain.Accounts[1].Address, w.chain.Accounts[2].Address
	resp, body := ts.play(t, "gated", ts.session(t, holder, 0))
	var p playbackResponse
	if resp.StatusCode != 200 || json.Unmarshal(body, &p) != nil {
		t.Fatalf("holder: %d %s", resp.StatusCode, body)
	}
	c := verifyWithJWKS(t, ts, p.Token, token.AudiencePlayback)
	exp, _ := time.Parse(time.RFC3339, p.ExpiresAt)
	switch {
	case c.Subject != lower(holder) || c.Asset != "gated" || c.SessionID == "":
		t.Fatalf("claims sub %s ast %s sid %q", c.Subject, c.Asset, c.SessionID)
	case p.HLS != "/t/"+p.Token+"/v/gated/master.m3u8" || p.DASH != "/t/"+p.Token+"/v/gated/manifest.mpd":
		t.Fatalf("hls %s dash %s", p.HLS, p.DASH)
	case !exp.Equal(c.ExpiresAt.Time) || time.Until(exp) < 3*time.Hour:
		t.Fatalf("expires_at %s, exp %s: want both 4 h from now", p.ExpiresAt, c.ExpiresAt)
	}
	// The playback token is not a session.
	resp, body = ts.play(t, "gated", p.Token)
	wantError(t, resp, body, 401, "invalid_token")

	resp, body = ts.play(t, "gated", ts.session(t, other, 0))
	e := wantError(t, resp, body, 403, "policy_unmet")
	if want := "hold an ERC-721 of " + w.pass.Hex() + " on chain 1337"; e.Message != want {
		t.Fatalf("403 message %q, want %q", e.Message, want)
	}
	if resp, body := ts.play(t, "pub", ts.session(t, other, 0)); resp.StatusCode != 200 {
		t.Fatalf("public asset: %d %s", resp.StatusCode, body)
	}
}

// TestPlaybackVersioned: a versioned asset's URLs name its version folder,
// for either delivery; the edge maps them to {asset}/{version}/….
func TestPlaybackVersioned(t *testing.T) {
	w := newWorld(t)
	ts := gatedSigner(t, w, nil)
	const v = "v0123456789ab"
	for id, extra := range map[string]string{
		"edgev": `,"version":"` + v + `"`,
		"cdnv":  `,"version":"` + v + `","delivery":"cdn","key_period":3,"segment_s":4`,
	} {
		doc := `{"id":"` + id + `","title":"t","policy":{"public":true}` + extra + `}`
		if err := os.MkdirAll(filepath.Join(ts.dir, id), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(ts.dir, id, "asset.json"), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		resp, body := ts.play(t, id, ts.session(t, w.chain.Accounts[2].Address, 0))
		var p playbackResponse
		if resp.StatusCode != 200 || json.Unmarshal(body, &p) != nil {
			t.Fatalf("%s: %d %s", id, resp.StatusCode, body)
		}
		if base := "/t/" + p.Token + "/v/" + id + "/" + v + "/"; p.HLS != base+"master.m3u8" || p.DASH != base+"manifest.mpd" {
			t.Errorf("%s: hls %s dash %s", id, p.HLS, p.DASH)
		}
	}
}

var playbackRefusals = []struct {
	name, asset, auth string // auth: the Authorization header; "session" for a valid one
	status            int
	code              string
}{
	{"unknown asset", "nope", "session", 404, "not_found"},
	{"bad asset id", "Gated", "session", 400, "bad_request"},
	{"nested path", "gated/x", "session", 400, "bad_request"},
	{"manifest without policy", "broken", "session", 502, "origin_error"},
	{"no authorization", "gated", "", 401, "invalid_token"},
	{"not bearer", "gated", "Basic dXNlcjpwYXNz", 401, "invalid_token"},
	{"garbage token", "gated", "Bearer abc.def.ghi", 401, "invalid_token"},
	{"expired session", "gated", "expired", 401, "token_expired"},
	{"session of another issuer", "gated", "stranger", 401, "invalid_token"},
}

func TestPlaybackRefuses(t *testing.T) {
	w := newWorld(t)
	ts := gatedSigner(t, w, nil)
	holder := w.chain.Accounts[1].Address
	key, _ := token.GenerateKey()
	stranger, _ := token.NewIssuer("streamgate", key)
	strangerTok, _, _ := stranger.Session(holder.Hex(), 1337, time.Hour, time.Now())
	auth := map[string]string{
		"session":  "Bearer " + ts.session(t, holder, 0),
		"expired":  "Bearer " + ts.session(t, holder, -25*time.Hour),
		"stranger": "bearer " + strangerTok,
	}
	for _, tc := range playbackRefusals {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.auth
			if v, ok := auth[h]; ok {
				h = v
			}
			resp, body := ts.do(t, "POST", "/playback/"+tc.asset, "", "Authorization", h)
			wantError(t, resp, body, tc.status, tc.code)
		})
	}
	resp, body := ts.do(t, "GET", "/playback/gated", "", "Authorization", auth["session"])
	wantError(t, resp, body, 405, "method_not_allowed")
}

// TestPlaybackChainDown: a policy on a chain that does not answer is 503.
func TestPlaybackChainDown(t *testing.T) {
	w := newWorld(t)
	ts := gatedSigner(t, w, func(c *Config, _ *Deps) {
		c.Ownership.Chains = append(c.Ownership.Chains, ownership.ChainConfig{ID: 1338, RPC: []string{testenv.Hung(t)}, Multicall3: "none"})
		c.Ownership.CallTimeout = 200 * time.Millisecond
	})
	writeAsset(t, ts.dir, "elsewhere", `{"any":[{"chain_id":1338,"contract":"`+w.pass.Hex()+`","standard":"erc721"}]}`)
	resp, body := ts.play(t, "elsewhere", ts.session(t, w.chain.Accounts[1].Address, 0))
	wantError(t, resp, body, 503, "chain_unavailable")
}

// TestSignInThenPlay is the whole flow a player goes through.
func TestSignInThenPlay(t *testing.T) {
	w := newWorld(t)
	ts := gatedSigner(t, w, nil)
	holder := w.chain.Accounts[1]
	e := &eoa{key: holder.Key, addr: holder.Address, nonce: ts.nonce(t)}
	resp, body := ts.signIn(t, e.body(t, nil))
	session := wantSession(t, resp, body, e.addr)
	resp, body = ts.play(t, "gated", session)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"hls":"/t/`) {
		t.Fatalf("playback after sign-in: %d %s", resp.StatusCode, body)
	}
}
