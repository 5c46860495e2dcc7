package token

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Fixed keys and clock: the cases below are built once, at package init,
// and seed FuzzVerify.
var (
	testNow    = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	testWallet = "0x52908400098527886E0F7030069857D2E4169EE7"
	testSub    = strings.ToLower(testWallet)
	testAsset  = "launch-keynote"

	keyNew      = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{2}, ed25519.SeedSize))
	keyOld      = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, ed25519.SeedSize))
	keyStranger = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{3}, ed25519.SeedSize))
	kidNew      = KeyID(pubOf(keyNew))

	// testIssuer signs with keyNew and publishes keyOld too, as mid-rotation.
	testIssuer = must(NewIssuer("streamgate", keyNew, keyOld))
	oldIssuer  = must(NewIssuer("streamgate", keyOld))
	stranger   = must(NewIssuer("streamgate", keyStranger))
)

func pubOf(k ed25519.PrivateKey) ed25519.PublicKey { return k.Public().(ed25519.PublicKey) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// playback mints a real playback token issued at testNow+at.
func playback(is *Issuer, at, ttl time.Duration) string {
	s, _, err := is.Playback(testWallet, testAsset, ttl, testNow.Add(at))
	return must(s, err)
}

func session(is *Issuer, at, ttl time.Duration) string {
	s, _, err := is.Session(testWallet, 1, ttl, testNow.Add(at))
	return must(s, err)
}

// playbackClaims are valid playback claims at testNow; edit them to build
// tokens the Issuer would refuse to mint.
func playbackClaims(edit func(c *Claims)) *Claims {
	c := &Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    "streamgate",
			Subject:   testSub,
			Audience:  jwt.ClaimStrings{AudiencePlayback},
			IssuedAt:  jwt.NewNumericDate(testNow),
			NotBefore: jwt.NewNumericDate(testNow),
			ExpiresAt: jwt.NewNumericDate(testNow.Add(time.Hour)),
		},
		Asset:     testAsset,
		SessionID: "00112233445566778899aabbccddeeff",
	}
	if edit != nil {
		edit(c)
	}
	return c
}

// forge signs c with any method and key and sets kid unless it is nil.
func forge(m jwt.SigningMethod, key, kid any, c jwt.Claims) string {
	t := jwt.NewWithClaims(m, c)
	if kid != nil {
		t.Header["kid"] = kid
	}
	return must(t.SignedString(key))
}

// swapSegment replaces segment i (0 header, 1 payload, 2 signature) of tok.
func swapSegment(tok string, i int, seg string) string {
	parts := strings.Split(tok, ".")
	parts[i] = seg
	return strings.Join(parts, ".")
}

type verifyCase struct {
	name  string
	token string
	aud   string
	at    time.Duration // verify at testNow+at
	want  error         // nil, ErrInvalid, or ErrExpired (which implies ErrInvalid)
}

const (
	pb = AudiencePlayback
	ss = AudienceSession
)

var verifyCases = []verifyCase{
	{"playback round trip", playback(testIssuer, 0, time.Hour), pb, 0, nil},
	{"session round trip", session(testIssuer, 0, time.Hour), ss, 0, nil},
	{"hand-built playback", forge(jwt.SigningMethodEdDSA, keyNew, kidNew, playbackClaims(nil)), pb, 0, nil},
	{"rotation: old key still published", playback(oldIssuer, 0, time.Hour), pb, 0, nil},
	{"empty", "", pb, 0, ErrInvalid},
	{"garbage", "garbage", pb, 0, ErrInvalid},
	{"three dots", "a.b.c", pb, 0, ErrInvalid},
	{"empty segments", "..", pb, 0, ErrInvalid},
	{"too long", strings.Repeat("a", MaxLen+1), pb, 0, ErrInvalid},
	{"extra segment", playback(testIssuer, 0, time.Hour) + ".", pb, 0, ErrInvalid},
	{"padded signature", playback(testIssuer, 0, time.Hour) + "=", pb, 0, ErrInvalid},
	{"alg none", forge(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, kidNew, playbackClaims(nil)), pb, 0, ErrInvalid},
	{"alg none, signature kept", swapSegment(forge(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, kidNew, playbackClaims(nil)), 2,
		strings.Split(playback(testIssuer, 0, time.Hour), ".")[2]), pb, 0, ErrInvalid},
	{"HS256 keyed with the public key", forge(jwt.SigningMethodHS256, []byte(pubOf(keyNew)), kidNew, playbackClaims(nil)), pb, 0, ErrInvalid},
	{"unknown kid", playback(stranger, 0, time.Hour), pb, 0, ErrInvalid},
	{"missing kid", forge(jwt.SigningMethodEdDSA, keyNew, nil, playbackClaims(nil)), pb, 0, ErrInvalid},
	{"numeric kid", forge(jwt.SigningMethodEdDSA, keyNew, 7, playbackClaims(nil)), pb, 0, ErrInvalid},
	{"wrong key, same kid", forge(jwt.SigningMethodEdDSA, keyStranger, kidNew, playbackClaims(nil)), pb, 0, ErrInvalid},
	{"payload of another token", swapSegment(playback(testIssuer, 0, time.Hour), 1,
		strings.Split(session(testIssuer, 0, time.Hour), ".")[1]), ss, 0, ErrInvalid},
	{"expired", playback(testIssuer, -5*time.Hour, 4*time.Hour), pb, 0, ErrExpired},
	{"expired beyond leeway", playback(testIssuer, 0, time.Hour), pb, time.Hour + 31*time.Second, ErrExpired},
	{"expired within leeway", playback(testIssuer, 0, time.Hour), pb, time.Hour + 29*time.Second, nil},
	{"not yet valid", playback(testIssuer, 2*time.Minute, time.Hour), pb, 0, ErrInvalid},
	{"not yet valid within leeway", playback(testIssuer, 20*time.Second, time.Hour), pb, 0, nil},
	{"session as playback", session(testIssuer, 0, time.Hour), pb, 0, ErrInvalid},
	{"playback as session", playback(testIssuer, 0, time.Hour), ss, 0, ErrInvalid},
	{"unknown audience", playback(testIssuer, 0, time.Hour), "streamgate:other", 0, ErrInvalid},
	{"playback without ast", forge(jwt.SigningMethodEdDSA, keyNew, kidNew, playbackClaims(func(c *Claims) { c.Asset = "" })), pb, 0, ErrInvalid},
	{"playback without sid", forge(jwt.SigningMethodEdDSA, keyNew, kidNew, playbackClaims(func(c *Claims) { c.SessionID = "" })), pb, 0, ErrInvalid},
	{"session with ast", forge(jwt.SigningMethodEdDSA, keyNew, kidNew, playbackClaims(func(c *Claims) {
		c.Audience = jwt.ClaimStrings{AudienceSession}
	})), ss, 0, ErrInvalid},
	{"both audiences", forge(jwt.SigningMethodEdDSA, keyNew, kidNew, playbackClaims(func(c *Claims) {
		c.Audience = jwt.ClaimStrings{AudienceSession, AudiencePlayback}
	})), pb, 0, ErrInvalid},
	{"no exp", forge(jwt.SigningMethodEdDSA, keyNew, kidNew, playbackClaims(func(c *Claims) { c.ExpiresAt = nil })), pb, 0, ErrInvalid},
	{"iat in the future", forge(jwt.SigningMethodEdDSA, keyNew, kidNew, playbackClaims(func(c *Claims) {
		c.IssuedAt = jwt.NewNumericDate(testNow.Add(time.Minute))
	})), pb, 0, ErrInvalid},
	{"mixed-case sub", forge(jwt.SigningMethodEdDSA, keyNew, kidNew, playbackClaims(func(c *Claims) { c.Subject = testWallet })), pb, 0, ErrInvalid},
	{"no sub", forge(jwt.SigningMethodEdDSA, keyNew, kidNew, playbackClaims(func(c *Claims) { c.Subject = "" })), pb, 0, ErrInvalid},
}

func testVerifier(t testing.TB) *Verifier {
	t.Helper()
	v, err := NewVerifier(testIssuer.JWKS())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestVerify(t *testing.T) {
	v := testVerifier(t)
	for _, tc := range verifyCases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := v.Verify(tc.token, tc.aud, testNow.Add(tc.at))
			t.Logf("Verify: %v", err)
			switch {
			case tc.want == nil && err != nil:
				t.Fatalf("Verify: %v", err)
			case tc.want == nil:
				if c.Subject != testSub || c.Audience[0] != tc.aud {
					t.Fatalf("claims sub %q aud %q", c.Subject, c.Audience)
				}
			case !errors.Is(err, tc.want) || !errors.Is(err, ErrInvalid):
				t.Fatalf("Verify error %v, want %v", err, tc.want)
			case !errors.Is(tc.want, ErrExpired) && errors.Is(err, ErrExpired):
				t.Fatalf("Verify error %v says expired", err)
			case c != nil:
				t.Fatalf("Verify returned claims with error %v", err)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	v := testVerifier(t)
	tok, minted, err := testIssuer.Playback(testWallet, testAsset, time.Hour, testNow)
	if err != nil {
		t.Fatal(err)
	}
	got, err := v.Verify(tok, AudiencePlayback, testNow)
	if err != nil {
		t.Fatal(err)
	}
	want := Claims{
		RegisteredClaims: jwt.RegisteredClaims{Issuer: "streamgate", Subject: testSub, Audience: jwt.ClaimStrings{AudiencePlayback}},
		Asset:            testAsset, SessionID: minted.SessionID,
	}
	checkClaims(t, got, want, testNow, testNow.Add(time.Hour))
	if len(got.SessionID) != 32 || strings.Trim(got.SessionID, "0123456789abcdef") != "" {
		t.Errorf("sid %q, want 32 hex digits", got.SessionID)
	}
	if got.NotBefore == nil || !got.NotBefore.Equal(testNow) {
		t.Errorf("nbf %v, want %v", got.NotBefore, testNow)
	}
	if _, again, _ := testIssuer.Playback(testWallet, testAsset, time.Hour, testNow); again.SessionID == minted.SessionID {
		t.Errorf("two playback tokens share sid %s", again.SessionID)
	}

	tok, _, err = testIssuer.Session(testWallet, 8453, 24*time.Hour, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if got, err = v.Verify(tok, AudienceSession, testNow); err != nil {
		t.Fatal(err)
	}
	want = Claims{
		RegisteredClaims: jwt.RegisteredClaims{Issuer: "streamgate", Subject: testSub, Audience: jwt.ClaimStrings{AudienceSession}},
		Chain:            8453,
	}
	checkClaims(t, got, want, testNow, testNow.Add(24*time.Hour))
}

// checkClaims compares got with want, apart from the time claims, which it
// compares with iat and exp.
func checkClaims(t *testing.T, got *Claims, want Claims, iat, exp time.Time) {
	t.Helper()
	if got.Issuer != want.Issuer || got.Subject != want.Subject || strings.Join(got.Audience, ",") != strings.Join(want.Audience, ",") ||
		got.Asset != want.Asset || got.SessionID != want.SessionID || got.Chain != want.Chain {
		t.Errorf("claims %+v, want %+v", got, want)
	}
	if got.IssuedAt == nil || !got.IssuedAt.Equal(iat) || !got.Expiry().Equal(exp) {
		t.Errorf("iat %v exp %v, want %v %v", got.IssuedAt, got.ExpiresAt, iat, exp)
	}
}

func TestRotation(t *testing.T) {
	oldTok := playback(oldIssuer, 0, time.Hour)
	newTok := playback(testIssuer, 0, time.Hour)
	both := testVerifier(t)
	for _, tok := range []string{oldTok, newTok} {
		if _, err := both.Verify(tok, AudiencePlayback, testNow); err != nil {
			t.Errorf("both keys published: %v", err)
		}
	}
	onlyNew, err := NewVerifier(JWKS{Keys: []JWK{PublicJWK(pubOf(keyNew))}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := onlyNew.Verify(oldTok, AudiencePlayback, testNow); !errors.Is(err, ErrInvalid) {
		t.Errorf("old key removed: Verify error %v, want ErrInvalid", err)
	}
	if _, err := onlyNew.Verify(newTok, AudiencePlayback, testNow); err != nil {
		t.Errorf("old key removed, new token: %v", err)
	}
}

// signedByKnownKey checks tok's signature by hand, without jwt: it must be
// EdDSA by the key its kid names. A fuzzer cannot sign, so any token Verify
// accepts must pass this. (Case tokens carry random sids, so each fuzz
// worker builds different ones: comparing strings would not do.)
func signedByKnownKey(v *Verifier, tok string) bool {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return false
	}
	var hdr struct{ Alg, Kid string }
	raw, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil || json.Unmarshal(raw, &hdr) != nil || hdr.Alg != "EdDSA" {
		return false
	}
	sig, err := base64.RawURLEncoding.Strict().DecodeString(parts[2])
	pub, ok := v.keys[hdr.Kid]
	return err == nil && ok && ed25519.Verify(pub, []byte(parts[0]+"."+parts[1]), sig)
}

func FuzzVerify(f *testing.F) {
	var valid []string
	for i, tc := range verifyCases {
		f.Add(tc.token, uint(i), byte('A'))
		if tc.want == nil && tc.at == 0 {
			valid = append(valid, tc.token)
		}
	}
	v := testVerifier(f)
	f.Fuzz(func(t *testing.T, tok string, pos uint, b byte) {
		for _, aud := range []string{AudiencePlayback, AudienceSession} {
			if _, err := v.Verify(tok, aud, testNow); err == nil && !signedByKnownKey(v, tok) {
				t.Fatalf("accepted unsigned token %q as %s", tok, aud)
			}
		}
		// Flip one byte of a valid token: no such change may still verify.
		orig := valid[pos%uint(len(valid))]
		i := int(pos/uint(len(valid))) % len(orig)
		if orig[i] == b {
			return
		}
		mut := orig[:i] + string([]byte{b}) + orig[i+1:]
		for _, aud := range []string{AudiencePlayback, AudienceSession} {
			if _, err := v.Verify(mut, aud, testNow); err == nil {
				t.Fatalf("accepted %q, a valid token with byte %d changed to %q", mut, i, b)
			}
		}
	})
}

func BenchmarkVerify(b *testing.B) {
	v := testVerifier(b)
	tok := playback(testIssuer, 0, time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(tok, AudiencePlayback, testNow); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRenewKeepsSession: a renewed playback token keeps wallet, asset and
// sid with a fresh iat and exp; a token without a sid cannot be renewed.
func TestRenewKeepsSession(t *testing.T) {
	key, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	is, err := NewIssuer("test", key)
	if err != nil {
		t.Fatal(err)
	}
	v, err := NewVerifier(is.JWKS())
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now().Truncate(time.Second)
	_, first, err := is.Playback("0x00000000000000000000000000000000000000aB", "clip", time.Minute, t0)
	if err != nil {
		t.Fatal(err)
	}
	t1 := t0.Add(40 * time.Second)
	tok, next, err := is.Renew(first, time.Minute, t1)
	if err != nil {
		t.Fatal(err)
	}
	c, err := v.Verify(tok, AudiencePlayback, t1)
	if err != nil {
		t.Fatal(err)
	}
	if c.SessionID != first.SessionID || c.Subject != first.Subject || c.Asset != "clip" ||
		!c.IssuedAt.Equal(t1) || !c.ExpiresAt.Equal(t1.Add(time.Minute)) || !c.NotBefore.Equal(t1) || next.SessionID != first.SessionID {
		t.Fatalf("renewed claims %+v, want sid %s, sub %s, iat=nbf %s", c, first.SessionID, first.Subject, t1)
	}
	if _, _, err := is.Renew(&Claims{RegisteredClaims: first.RegisteredClaims, Asset: "clip"}, time.Minute, t1); err == nil {
		t.Fatal("renewed a token without a sid")
	}
}
