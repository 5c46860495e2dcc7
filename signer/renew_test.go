package signer

import (
	"context"
	"encoding/json"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer/token"
)

func (ts *testSigner) renew(t testing.TB, asset, session, body string) (*http.Response, []byte) {
	t.Helper()
	return ts.do(t, "POST", "/playback/"+asset, body, "Authorization", "Bearer "+session, "Content-Type", "application/json")
}

func renewBody(tok string) string {
	b, _ := json.Marshal(map[string]string{"renew": tok})
	return string(b)
}

// granted posts body ("" for a new grant) and wants a 200 grant back.
func (ts *testSigner) granted(t testing.TB, asset, session, body string) (playbackResponse, *token.Claims) {
	t.Helper()
	resp, data := ts.renew(t, asset, session, body)
	return wantGrant(t, ts, resp, data)
}

func wantGrant(t testing.TB, ts *testSigner, resp *http.Response, body []byte) (playbackResponse, *token.Claims) {
	t.Helper()
	var p playbackResponse
	if resp.StatusCode != 200 || json.Unmarshal(body, &p) != nil {
		t.Fatalf("playback: %d %s", resp.StatusCode, body)
	}
	_, jwks := ts.do(t, "GET", JWKSPath, "")
	v, err := token.ParseJWKS(jwks)
	if err != nil {
		t.Fatal(err)
	}
	c, err := v.Verify(p.Token, token.AudiencePlayback, ts.srv.now()) // the signer's clock
	if err != nil {
		t.Fatalf("token does not verify with the JWKS: %v", err)
	}
	return p, c
}

// renewSigner is a signer on a controlled clock with one-minute playback
// tokens and the asset "gated" on w's pass.
func renewSigner(t *testing.T) (*world, *clock, *testSigner) {
	w := newWorld(t)
	clk := newClock(time.Now().Truncate(time.Second))
	ts := newTestSignerAt(t, clk, func(c *Config, d *Deps) {
		w.chains(c, d)
		c.PlaybackTTL = time.Minute
	})
	writeAsset(t, ts.dir, "gated", `{"any":[{"chain_id":1337,"contract":"`+w.pass.Hex()+`","standard":"erc721"}]}`)
	return w, clk, ts
}

// TestRenew: a renewal keeps the playback session (sid), wallet and asset,
// with a fresh iat and exp, also within the grace after exp.
func TestRenew(t *testing.T) {
	w, clk, ts := renewSigner(t)
	holder := w.chain.Accounts[1].Address
	sess := ts.session(t, holder, 0)
	first, c1 := ts.granted(t, "gated", sess, "")

	clk.add(40 * time.Second)
	resp, body := ts.renew(t, "gated", sess, renewBody(first.Token))
	p, c2 := wantGrant(t, ts, resp, body)
	switch {
	case p.Token == first.Token:
		t.Fatal("the renewal answered the same token")
	case c2.SessionID != c1.SessionID || c2.Subject != c1.Subject || c2.Asset != "gated":
		t.Fatalf("renewed claims sid %s sub %s ast %s, want sid %s sub %s ast gated", c2.SessionID, c2.Subject, c2.Asset, c1.SessionID, c1.Subject)
	case !c2.IssuedAt.Equal(clk.now()) || !c2.ExpiresAt.Equal(clk.now().Add(time.Minute)):
		t.Fatalf("renewed iat %s exp %s, want %s and a minute later", c2.IssuedAt, c2.ExpiresAt, clk.now())
	case p.HLS != "/t/"+p.Token+"/v/gated/master.m3u8" || p.ExpiresAt != c2.ExpiresAt.UTC().Format(time.RFC3339):
		t.Fatalf("answer %+v", p)
	}

	// Five minutes past the renewed token's exp: inside the 10 m grace.
	clk.add(time.Minute + 5*time.Minute)
	_, c3 := ts.granted(t, "gated", sess, renewBody(p.Token))
	if c3.SessionID != c1.SessionID {
		t.Fatalf("renewal in the grace: sid %s, want %s", c3.SessionID, c1.SessionID)
	}
	m := testutilCount(t, ts, "streamgate_signer_playback_renewals_total", `result="ok"`)
	if m != 2 {
		t.Fatalf("renewals counted ok: %v, want 2", m)
	}
}

// testutilCount reads one series of the signer's /metrics.
func testutilCount(t testing.TB, ts *testSigner, name, label string) float64 {
	t.Helper()
	_, body := ts.do(t, "GET", "/metrics", "")
	for line := range strings.SplitSeq(string(body), "\n") {
		if strings.HasPrefix(line, name+"{"+label+"}") {
			var v float64
			if err := json.Unmarshal([]byte(strings.Fields(line)[1]), &v); err != nil {
				t.Fatal(err)
			}
			return v
		}
	}
	return 0
}

// TestRenewRefuses covers each class of renew token and body a signer must
// refuse, with its status and code.
func TestRenewRefuses(t *testing.T) {
	w, clk, ts := renewSigner(t)
	writeAsset(t, ts.dir, "pub", `{"public":true}`)
	holder, other := w.chain.Accounts[1].Address, w.chain.Accounts[2].Address
	sess := ts.session(t, holder, 0)
	otherSess := ts.session(t, other, 0)
	gated, _ := ts.granted(t, "gated", sess, "")
	pub, _ := ts.granted(t, "pub", sess, "")
	otherPub, _ := ts.granted(t, "pub", otherSess, "")

	key, _ := token.GenerateKey()
	stranger, _ := token.NewIssuer("streamgate", key)
	forged, _, _ := stranger.Playback(holder.Hex(), "gated", time.Hour, clk.now())
	// An old token: expired 11 minutes ago (grace 10 m, leeway 30 s).
	old, _, _ := ts.srv.Issuer().Playback(holder.Hex(), "gated", time.Minute, clk.now().Add(-12*time.Minute))
	tampered := gated.Token[:len(gated.Token)-4] + "AAAA"

	cases := []struct {
		name, asset, session, body string
		status                     int
		code                       string
	}{
		{"another wallet's token", "pub", sess, renewBody(otherPub.Token), 403, "forbidden"},
		{"another asset's token", "gated", sess, renewBody(pub.Token), 403, "forbidden"},
		{"session token as renew", "gated", sess, renewBody(sess), 401, "invalid_token"},
		{"token of another signer's key", "gated", sess, renewBody(forged), 401, "invalid_token"},
		{"bad signature", "gated", sess, renewBody(tampered), 401, "invalid_token"},
		{"garbage", "gated", sess, renewBody("abc.def.ghi"), 401, "invalid_token"},
		{"expired beyond the grace", "gated", sess, renewBody(old), 401, "token_expired"},
		{"no session", "gated", "", renewBody(gated.Token), 401, "invalid_token"},
		{"not JSON", "gated", sess, "renew=" + gated.Token, 400, "bad_request"},
		{"extra field", "gated", sess, `{"renew":"` + gated.Token + `","sid":"x"}`, 400, "bad_request"},
		{"other field only", "gated", sess, `{"token":"` + gated.Token + `"}`, 400, "bad_request"},
		{"empty object", "gated", sess, `{}`, 400, "bad_request"},
		{"empty renew", "gated", sess, `{"renew":""}`, 400, "bad_request"},
		{"null renew", "gated", sess, `{"renew":null}`, 400, "bad_request"},
		{"number renew", "gated", sess, `{"renew":1}`, 400, "bad_request"},
		{"two objects", "gated", sess, renewBody(gated.Token) + renewBody(gated.Token), 400, "bad_request"},
		{"array", "gated", sess, `["` + gated.Token + `"]`, 400, "bad_request"},
		{"over max_body_bytes", "gated", sess, `{"renew":"` + strings.Repeat("a", 17<<10) + `"}`, 413, "body_too_large"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := ts.renew(t, tc.asset, tc.session, tc.body)
			wantError(t, resp, body, tc.status, tc.code)
		})
	}
	if n := testutilCount(t, ts, "streamgate_signer_playback_renewals_total", `result="forbidden"`); n != 2 {
		t.Errorf("renewals counted forbidden: %v, want 2", n)
	}
}

// TestRenewRechecksPolicy: once the pass moves, the renewal is refused 403
// policy_unmet, as a new grant would be.
func TestRenewRechecksPolicy(t *testing.T) {
	w := newWorld(t)
	ts := gatedSigner(t, w, nil)
	holder, other := w.chain.Accounts[1], w.chain.Accounts[2]
	sess := ts.session(t, holder.Address, 0)
	p, _ := ts.granted(t, "gated", sess, "")

	logs, err := w.chain.Client.FilterLogs(context.Background(), ethereum.FilterQuery{
		Addresses: []common.Address{w.pass}, Topics: [][]common.Hash{{crypto.Keccak256Hash([]byte("Transfer(address,address,uint256)"))}},
	})
	if err != nil || len(logs) == 0 {
		t.Fatalf("the mint's log: %v", err)
	}
	id := new(big.Int).Set(logs[0].Topics[3].Big())
	w.chain.Transact(t, holder, w.pass, accessPass.PackTransferFrom(holder.Address, other.Address, id))
	// What the indexer does when the Transfer is seen.
	if err := ts.srv.gate.Invalidate(context.Background(), testenv.ChainID, w.pass, nil, holder.Address); err != nil {
		t.Fatal(err)
	}
	resp, body := ts.renew(t, "gated", sess, renewBody(p.Token))
	wantError(t, resp, body, 403, "policy_unmet")
}

// TestNonceAddress: ?address= answers the EIP-55 form for any accepted
// spelling and refuses malformed ones before spending a nonce.
func TestNonceAddress(t *testing.T) {
	ts := newTestSigner(t, nil)
	const sum = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" // EIP-55's own example
	for _, in := range []string{sum, strings.ToLower(sum), "0x" + strings.ToUpper(sum[2:])} {
		resp, body := ts.do(t, "GET", "/auth/nonce?address="+in, "")
		var n nonceResponse
		if resp.StatusCode != 200 || json.Unmarshal(body, &n) != nil || n.Address != sum || len(n.Nonce) < 16 {
			t.Fatalf("%s: %d %s, want address %s and a nonce", in, resp.StatusCode, body, sum)
		}
	}
	// Without address the answer has no address field.
	if _, body := ts.do(t, "GET", "/auth/nonce", ""); strings.Contains(string(body), "address") {
		t.Fatalf("no address asked: %s", body)
	}
	for _, in := range []string{
		"",             // empty
		sum[2:],        // no 0x
		"0X" + sum[2:], // 0X
		sum[:41],       // 39 digits
		sum + "0",      // 41 digits
		"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg",    // not hex
		"0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",    // mixed case, wrong checksum
		sum + "&address=" + sum,                         // twice
		"%200x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", // leading space
	} {
		resp, body := ts.do(t, "GET", "/auth/nonce?address="+in, "")
		wantError(t, resp, body, 400, "bad_request")
	}
}
