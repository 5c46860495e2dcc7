package token

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// DefaultLeeway is the clock skew NewVerifier tolerates between the signer
// and the edges.
const DefaultLeeway = 30 * time.Second

var (
	errTooLong      = fmt.Errorf("longer than %d bytes", MaxLen)
	errNoKID        = errors.New("missing kid header")
	errUnknownKID   = errors.New("unknown kid")
	errAudience     = errors.New("want exactly one audience")
	errSubject      = errors.New("sub: want a lowercase 0x address")
	errNoAsset      = errors.New("playback token without ast")
	errNoSessionID  = errors.New("playback token without sid")
	errSessionAsset = errors.New("session token with ast")
)

// Verifier checks tokens against a set of public keys (a JWKS). It is safe
// for concurrent use once its fields are set.
type Verifier struct {
	// Leeway is the clock skew tolerated on exp, nbf and iat.
	Leeway time.Duration

	keys map[string]ed25519.PublicKey
}

// NewVerifier returns a Verifier trusting the keys of jwks, with
// DefaultLeeway. It rejects a set that is empty, holds anything but Ed25519
// keys, or repeats a kid.
func NewVerifier(jwks JWKS) (*Verifier, error) {
	keys, err := jwks.publicKeys()
	if err != nil {
		return nil, err
	}
	return &Verifier{Leeway: DefaultLeeway, keys: keys}, nil
}

// Verify checks token's signature, its time claims at now and that it was
// issued for audience (AudienceSession or AudiencePlayback), and returns its
// claims. Every error wraps ErrInvalid; an expired token's also ErrExpired.
func (v *Verifier) Verify(token, audience string, now time.Time) (*Claims, error) {
	if len(token) > MaxLen {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, errTooLong)
	}
	if audience != AudienceSession && audience != AudiencePlayback {
		return nil, fmt.Errorf("%w: unknown audience %q", ErrInvalid, audience)
	}
	p := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(v.Leeway),
		jwt.WithTimeFunc(func() time.Time { return now }),
		// One spelling per token: the edge caches claims keyed by the string.
		jwt.WithStrictDecoding(),
	)
	c := new(Claims)
	if _, err := p.ParseWithClaims(token, c, v.key); err != nil {
		if errors.Is(err, jwt.ErrTokenExpired) {
			return nil, fmt.Errorf("%w: %w: %w", ErrInvalid, ErrExpired, err)
		}
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if err := checkKind(c, audience); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return c, nil
}

// key picks the public key by the kid header alone: trying every key would
// let a token pick one, and costs a signature check per key.
func (v *Verifier) key(t *jwt.Token) (any, error) {
	if _, ok := t.Method.(*jwt.SigningMethodEd25519); !ok {
		return nil, fmt.Errorf("alg %q, want EdDSA", t.Method.Alg())
	}
	kid, ok := t.Header["kid"].(string)
	if !ok || kid == "" {
		return nil, errNoKID
	}
	pub, ok := v.keys[kid]
	if !ok {
		return nil, fmt.Errorf("%w %q", errUnknownKID, kid)
	}
	return pub, nil
}

// checkKind enforces what the signature and time checks do not: the claims a
// token of that kind must (or must not) carry.
func checkKind(c *Claims, audience string) error {
	switch {
	case len(c.Audience) != 1: // a token for both kinds would pass either aud check
		return errAudience
	case !subRe.MatchString(c.Subject):
		return errSubject
	case audience == AudienceSession && c.Asset != "":
		return errSessionAsset
	case audience == AudiencePlayback && c.Asset == "":
		return errNoAsset
	case audience == AudiencePlayback && c.SessionID == "":
		return errNoSessionID
	}
	return nil
}
