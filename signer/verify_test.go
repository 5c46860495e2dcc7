package signer

import (
	"crypto/ecdsa"
	"encoding/json"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer/siwe"
	"github.com/streamgate/streamgate/signer/token"
)

// eoa is a wallet key and a nonce to sign in with.
type eoa struct {
	key   *ecdsa.PrivateKey
	addr  common.Address
	nonce string
}

func newEOA(t testing.TB, ts *testSigner) *eoa {
	a := testenv.NewAccount(t)
	return &eoa{key: a.Key, addr: a.Address, nonce: ts.nonce(t)}
}

// body is a signed verify request for a message edit adjusts.
func (e *eoa) body(t testing.TB, edit func(*siwe.Message)) string {
	text := message(e.addr, e.nonce, edit)
	return verifyBody(text, sign(t, e.key, text))
}

// resign is a verify request for the valid message with sig changed by f.
func (e *eoa) resign(t testing.TB, f func(text string, sig []byte) []byte) string {
	text := message(e.addr, e.nonce, nil)
	return verifyBody(text, f(text, sign(t, e.key, text)))
}

func highS(sig []byte) []byte {
	out := append([]byte(nil), sig...)
	s := new(big.Int).Sub(crypto.S256().Params().N, new(big.Int).SetBytes(sig[32:64]))
	s.FillBytes(out[32:64])
	out[64] = 27 + ((out[64] - 27) ^ 1)
	return out
}

// badChecksum flips the case of the first letter of the address in text.
func badChecksum(text string, addr common.Address) string {
	hx := []byte(addr.Hex())
	for i := 2; i < len(hx); i++ {
		if c := hx[i]; c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' {
			hx[i] ^= 0x20
			break
		}
	}
	return strings.Replace(text, addr.Hex(), string(hx), 1)
}

func swapLines(text, a, b string) string {
	lines := strings.Split(text, "\n")
	var ia, ib int
	for i, l := range lines {
		if strings.HasPrefix(l, a) {
			ia = i
		}
		if strings.HasPrefix(l, b) {
			ib = i
		}
	}
	lines[ia], lines[ib] = lines[ib], lines[ia]
	return strings.Join(lines, "\n")
}

var past, future = -10 * time.Minute, 10 * time.Minute

func at(d time.Duration) *time.Time { t := time.Now().Add(d).UTC(); return &t }

// refusals are sign-ins that must fail with a clear status, never 500 and
// never a token. Each gets a fresh nonce and key.
var refusals = []struct {
	name   string
	body   func(t testing.TB, e *eoa) string
	status int
	code   string
	msg    string // substring of the message, if any
}{
	{"not json", func(testing.TB, *eoa) string { return "{" }, 400, "bad_request", ""},
	{"json null", func(testing.TB, *eoa) string { return "null" }, 400, "bad_request", "want"},
	{"unknown field", func(testing.TB, *eoa) string { return `{"message":"m","signature":"0x00","chain":1}` }, 400, "bad_request", "unknown field"},
	{"no signature", func(testing.TB, *eoa) string { return `{"message":"m"}` }, 400, "bad_request", "want"},
	{"trailing data", func(t testing.TB, e *eoa) string { return e.body(t, nil) + "{}" }, 400, "bad_request", "after the JSON"},
	{"not siwe", func(testing.TB, *eoa) string { return `{"message":"hello","signature":"0x00"}` }, 400, "malformed_message", ""},
	{"fields out of order", func(t testing.TB, e *eoa) string {
		text := swapLines(message(e.addr, e.nonce, nil), "URI: ", "Version: ")
		return verifyBody(text, sign(t, e.key, text))
	}, 400, "malformed_message", ""},
	{"bad checksum", func(t testing.TB, e *eoa) string {
		text := badChecksum(message(e.addr, e.nonce, nil), e.addr)
		return verifyBody(text, sign(t, e.key, text))
	}, 400, "malformed_message", ""},
	{"signature not hex", func(_ testing.TB, e *eoa) string {
		return `{"message":` + quote(message(e.addr, e.nonce, nil)) + `,"signature":"0xzz"}`
	}, 400, "bad_request", "not hex"},
	{"wrong domain", func(t testing.TB, e *eoa) string {
		return e.body(t, func(m *siwe.Message) { m.Domain = "evil.example" })
	}, 401, "domain_not_accepted", "evil.example"},
	{"wrong scheme", func(t testing.TB, e *eoa) string {
		return e.body(t, func(m *siwe.Message) { m.Scheme, m.Domain, m.URI = "http", "app.example", "https://app.example/" })
	}, 401, "domain_not_accepted", ""},
	{"wrong uri", func(t testing.TB, e *eoa) string {
		return e.body(t, func(m *siwe.Message) { m.URI = "https://evil.example/" })
	}, 401, "uri_not_accepted", ""},
	{"wrong chain", func(t testing.TB, e *eoa) string { return e.body(t, func(m *siwe.Message) { m.ChainID = 1 }) }, 401, "chain_not_accepted", "chain 1 "},
	{"unknown nonce", func(t testing.TB, e *eoa) string {
		return e.body(t, func(m *siwe.Message) { m.Nonce = "Aa0Bb1Cc2Dd3Ee4F" })
	}, 401, "invalid_nonce", ""},
	{"expired", func(t testing.TB, e *eoa) string {
		return e.body(t, func(m *siwe.Message) { m.ExpirationTime = at(past) })
	}, 401, "message_expired", ""},
	{"not yet valid", func(t testing.TB, e *eoa) string {
		return e.body(t, func(m *siwe.Message) { m.NotBefore = at(future) })
	}, 401, "message_not_yet_valid", ""},
	{"issued in the future", func(t testing.TB, e *eoa) string {
		return e.body(t, func(m *siwe.Message) { m.IssuedAt = *at(future) })
	}, 401, "message_not_yet_valid", ""},
	{"signature of another message", func(t testing.TB, e *eoa) string {
		return e.resign(t, func(text string, _ []byte) []byte { return sign(t, e.key, text+" ") })
	}, 401, "invalid_signature", ""},
	{"another key", func(t testing.TB, e *eoa) string {
		return e.resign(t, func(text string, _ []byte) []byte { return sign(t, testenv.NewAccount(t).Key, text) })
	}, 401, "invalid_signature", ""},
	{"high s", func(t testing.TB, e *eoa) string {
		return e.resign(t, func(_ string, sig []byte) []byte { return highS(sig) })
	}, 401, "invalid_signature", "high s"},
	{"64 bytes", func(t testing.TB, e *eoa) string {
		return e.resign(t, func(_ string, sig []byte) []byte { return sig[:64] })
	}, 401, "invalid_signature", "not 65 bytes"},
	{"66 bytes", func(t testing.TB, e *eoa) string {
		return e.resign(t, func(_ string, sig []byte) []byte { return append(sig, 0) })
	}, 401, "invalid_signature", "not 65 bytes"},
	{"v is 29", func(t testing.TB, e *eoa) string {
		return e.resign(t, func(_ string, sig []byte) []byte { sig[64] = 29; return sig })
	}, 401, "invalid_signature", ""},
	{"oversized body", func(testing.TB, *eoa) string {
		return `{"message":"` + strings.Repeat("a", httperr.DefaultMaxBodyBytes) + `","signature":"0x00"}`
	}, 413, "body_too_large", ""},
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

func TestVerifyRefuses(t *testing.T) {
	w := newWorld(t)
	ts := newTestSigner(t, w.chains)
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := ts.signIn(t, tc.body(t, newEOA(t, ts)))
			e := wantError(t, resp, body, tc.status, tc.code)
			if !strings.Contains(e.Message, tc.msg) {
				t.Fatalf("message %q, want it to mention %q", e.Message, tc.msg)
			}
		})
	}
	resp, body := ts.do(t, "GET", "/auth/verify", "")
	wantError(t, resp, body, 405, "method_not_allowed")
	if got := resp.Header.Get("Allow"); got != "POST" {
		t.Fatalf("Allow = %q, want POST", got)
	}
}

func TestSignInEOA(t *testing.T) {
	w := newWorld(t)
	ts := newTestSigner(t, w.chains)
	e := newEOA(t, ts)
	resp, body := ts.signIn(t, e.body(t, nil))
	session := wantSession(t, resp, body, e.addr)
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", cc)
	}
	c := verifyWithJWKS(t, ts, session, token.AudienceSession)
	var v verifyResponse
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	switch exp, _ := time.Parse(time.RFC3339, v.ExpiresAt); {
	case c.Subject != strings.ToLower(e.addr.Hex()):
		t.Errorf("sub = %s, want the lowercase address", c.Subject)
	case c.Chain != testenv.ChainID:
		t.Errorf("chain = %d, want %d", c.Chain, testenv.ChainID)
	case !exp.Equal(c.ExpiresAt.Time) || time.Until(exp) < 23*time.Hour:
		t.Errorf("expires_at %s, exp %s: want both 24 h from now", v.ExpiresAt, c.ExpiresAt)
	}
	// The same signed message again: its nonce is spent.
	resp, body = ts.signIn(t, e.body(t, nil))
	wantError(t, resp, body, 401, "invalid_nonce")

	// A domain configured with a scheme accepts that scheme.
	e = newEOA(t, ts)
	resp, body = ts.signIn(t, e.body(t, func(m *siwe.Message) { m.Scheme, m.Domain, m.URI = "https", "app.example", "https://app.example/" }))
	wantSession(t, resp, body, e.addr)
}

// TestNonceConsumption pins when a nonce is spent: not by a message refused
// before its signature is looked at, but by any signature check, failed or
// not, so that a signed message is checked at most once.
func TestNonceConsumption(t *testing.T) {
	w := newWorld(t)
	ts := newTestSigner(t, w.chains)
	e := newEOA(t, ts)
	resp, body := ts.signIn(t, e.body(t, func(m *siwe.Message) { m.Domain = "evil.example" }))
	wantError(t, resp, body, 401, "domain_not_accepted")
	resp, body = ts.signIn(t, e.body(t, func(m *siwe.Message) { m.ExpirationTime = at(past) }))
	wantError(t, resp, body, 401, "message_expired")
	resp, body = ts.signIn(t, e.body(t, nil))
	wantSession(t, resp, body, e.addr)

	e = newEOA(t, ts)
	resp, body = ts.signIn(t, e.resign(t, func(_ string, sig []byte) []byte { return highS(sig) }))
	wantError(t, resp, body, 401, "invalid_signature")
	resp, body = ts.signIn(t, e.body(t, nil))
	wantError(t, resp, body, 401, "invalid_nonce")
}

// verifyWithJWKS checks tok against the keys the signer publishes.
func verifyWithJWKS(t testing.TB, ts *testSigner, tok, audience string) *token.Claims {
	t.Helper()
	resp, body := ts.do(t, "GET", JWKSPath, "")
	if resp.StatusCode != 200 {
		t.Fatalf("jwks: %d %s", resp.StatusCode, body)
	}
	v, err := token.ParseJWKS(body)
	if err != nil {
		t.Fatal(err)
	}
	c, err := v.Verify(tok, audience, time.Now())
	if err != nil {
		t.Fatalf("token does not verify with the JWKS: %v", err)
	}
	return c
}
