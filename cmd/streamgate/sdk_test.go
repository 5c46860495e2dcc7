package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/sdk"
	"github.com/streamgate/streamgate/signer/token"
)

// TestInProcessPlaybackRenewal: an edge hosting the signer answers what the
// player SDK needs on one origin: the SDK itself, ?address= on the nonce,
// and renewals that keep the playback session, whose token then plays.
func TestInProcessPlaybackRenewal(t *testing.T) {
	e := startE2E(t)
	holder := e.chain.Accounts[1]

	resp, err := http.Get(e.url + edge.SDKPath)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(js) != string(sdk.JS) || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Fatalf("SDK on the hosting edge: %d, %d bytes, %v", resp.StatusCode, len(js), resp.Header)
	}

	var n struct{ Nonce, Address string }
	e.call(t, "GET", "/auth/nonce?address="+strings.ToLower(holder.Address.Hex()), "", nil, 200, &n)
	if n.Address != holder.Address.Hex() || n.Nonce == "" {
		t.Fatalf("nonce answer %+v, want address %s", n, holder.Address.Hex())
	}

	session := e.signIn(t, holder)
	var first, next struct{ Token, HLS string }
	e.call(t, "POST", "/playback/clip", session, nil, 200, &first)
	body, _ := json.Marshal(map[string]string{"renew": first.Token})
	e.call(t, "POST", "/playback/clip", session, body, 200, &next)
	v, err := token.NewVerifier(e.issuer.JWKS())
	if err != nil {
		t.Fatal(err)
	}
	c1, err := v.Verify(first.Token, token.AudiencePlayback, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	c2, err := v.Verify(next.Token, token.AudiencePlayback, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	// Within the same second the successor is the same token (Ed25519 is
	// deterministic); the signer's tests move its clock.
	if c2.SessionID != c1.SessionID || c2.ExpiresAt.Before(c1.ExpiresAt.Time) {
		t.Fatalf("renewal: sid %s exp %s, want sid %s and exp from %s", c2.SessionID, c2.ExpiresAt, c1.SessionID, c1.ExpiresAt)
	}
	if frames := play(t, e.url+next.HLS); frames != 100 {
		t.Fatalf("the renewed token played %d video frames, want 100", frames)
	}

	// Another asset's token is no renewal of this one; a session token is no
	// playback token.
	var refused struct{ Error string }
	body, _ = json.Marshal(map[string]string{"renew": session})
	e.call(t, "POST", "/playback/clip", session, body, 401, &refused)
	if refused.Error != "invalid_token" {
		t.Fatalf("session token as renew: %+v", refused)
	}
}
