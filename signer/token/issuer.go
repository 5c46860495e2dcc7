package token

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/streamgate/streamgate/asset"
)

// Issuer mints tokens. It signs with its first key; the others are retired
// keys whose public halves stay in JWKS until tokens they signed expire.
// An Issuer is safe for concurrent use.
type Issuer struct {
	iss  string
	keys []signingKey
}

type signingKey struct {
	kid  string
	priv ed25519.PrivateKey
}

// NewIssuer returns an Issuer that writes iss = issuer and signs with keys[0].
func NewIssuer(issuer string, keys ...ed25519.PrivateKey) (*Issuer, error) {
	if issuer == "" {
		return nil, errors.New("new issuer: empty issuer")
	}
	if len(keys) == 0 {
		return nil, errors.New("new issuer: no signing key")
	}
	is := &Issuer{iss: issuer}
	seen := make(map[string]bool, len(keys))
	for i, k := range keys {
		if err := checkPrivateKey(k); err != nil {
			return nil, fmt.Errorf("new issuer: keys[%d]: %w", i, err)
		}
		kid := KeyID(k.Public().(ed25519.PublicKey))
		if seen[kid] {
			return nil, fmt.Errorf("new issuer: keys[%d]: duplicate key %s", i, kid)
		}
		seen[kid] = true
		is.keys = append(is.keys, signingKey{kid: kid, priv: k})
	}
	return is, nil
}

// KeyID returns the kid of the active signing key.
func (is *Issuer) KeyID() string { return is.keys[0].kid }

// JWKS returns the public keys of all the issuer's keys, active one first.
func (is *Issuer) JWKS() JWKS {
	s := JWKS{Keys: make([]JWK, 0, len(is.keys))}
	for _, k := range is.keys {
		s.Keys = append(s.Keys, PublicJWK(k.priv.Public().(ed25519.PublicKey)))
	}
	return s
}

// Session mints a session token for wallet, signed in on chain, valid for
// ttl from now.
func (is *Issuer) Session(wallet string, chain int64, ttl time.Duration, now time.Time) (string, *Claims, error) {
	if chain <= 0 {
		return "", nil, fmt.Errorf("minting session token: chain: want > 0, got %d", chain)
	}
	rc, err := is.registered(wallet, AudienceSession, ttl, now)
	if err != nil {
		return "", nil, fmt.Errorf("minting session token: %w", err)
	}
	c := &Claims{RegisteredClaims: rc, Chain: chain}
	return is.sign(c)
}

// Playback mints a playback token letting wallet play asset for ttl from
// now. Each token gets a fresh random sid so the edge can tell plays apart.
func (is *Issuer) Playback(wallet, assetID string, ttl time.Duration, now time.Time) (string, *Claims, error) {
	if !asset.ValidID(assetID) {
		return "", nil, fmt.Errorf("minting playback token: asset: want %s, got %q", asset.IDGrammar, assetID)
	}
	rc, err := is.registered(wallet, AudiencePlayback, ttl, now)
	if err != nil {
		return "", nil, fmt.Errorf("minting playback token: %w", err)
	}
	var sid [16]byte
	if _, err := rand.Read(sid[:]); err != nil {
		return "", nil, fmt.Errorf("minting playback token: sid: %w", err)
	}
	// nbf is set on playback tokens only, as docs/protocol.md lists it.
	rc.NotBefore = rc.IssuedAt
	c := &Claims{RegisteredClaims: rc, Asset: assetID, SessionID: hex.EncodeToString(sid[:])}
	return is.sign(c)
}

// registered fills the claims both kinds share.
func (is *Issuer) registered(wallet, audience string, ttl time.Duration, now time.Time) (jwt.RegisteredClaims, error) {
	sub, err := normalizeWallet(wallet)
	if err != nil {
		return jwt.RegisteredClaims{}, err
	}
	if ttl <= 0 {
		return jwt.RegisteredClaims{}, fmt.Errorf("ttl: want > 0, got %s", ttl)
	}
	return jwt.RegisteredClaims{
		Issuer:    is.iss,
		Subject:   sub,
		Audience:  jwt.ClaimStrings{audience},
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
	}, nil
}

func (is *Issuer) sign(c *Claims) (string, *Claims, error) {
	t := jwt.NewWithClaims(jwt.SigningMethodEdDSA, c)
	t.Header["kid"] = is.keys[0].kid
	s, err := t.SignedString(is.keys[0].priv)
	if err != nil {
		return "", nil, fmt.Errorf("signing token: %w", err)
	}
	return s, c, nil
}
