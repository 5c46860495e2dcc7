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

// Issuer mints tokens. Every key is published in JWKS; the one that signs at
// a given time is the key with the latest SignFrom not after it (the first
// listed among equals), so a key added for a rotation takes over by itself at
// its SignFrom, on every signer at once, and the keys it replaces stay
// published until the tokens they signed expire.
// An Issuer is safe for concurrent use.
type Issuer struct {
	iss  string
	keys []signingKey
}

type signingKey struct {
	kid      string
	priv     ed25519.PrivateKey
	signFrom time.Time
}

// NewIssuer returns an Issuer that writes iss = issuer and signs with keys[0]
// (keys without a SignFrom; see NewIssuerKeys).
func NewIssuer(issuer string, keys ...ed25519.PrivateKey) (*Issuer, error) {
	ks := make([]Key, len(keys))
	for i, k := range keys {
		ks[i] = Key{Priv: k}
	}
	return NewIssuerKeys(issuer, ks)
}

// NewIssuerKeys returns an Issuer that writes iss = issuer and signs, at each
// time, with the key of keys whose SignFrom is latest but not after it. At
// least one key must be able to sign now; kids must be unique.
func NewIssuerKeys(issuer string, keys []Key) (*Issuer, error) {
	if issuer == "" {
		return nil, errors.New("new issuer: empty issuer")
	}
	if len(keys) == 0 {
		return nil, errors.New("new issuer: no signing key")
	}
	is := &Issuer{iss: issuer}
	seen := make(map[string]bool, len(keys))
	for i, k := range keys {
		if err := checkPrivateKey(k.Priv); err != nil {
			return nil, fmt.Errorf("new issuer: keys[%d]: %w", i, err)
		}
		kid := k.KeyID()
		if seen[kid] {
			return nil, fmt.Errorf("new issuer: keys[%d]: duplicate key %s", i, kid)
		}
		seen[kid] = true
		is.keys = append(is.keys, signingKey{kid: kid, priv: k.Priv, signFrom: k.SignFrom})
	}
	if _, err := is.active(time.Now()); err != nil {
		return nil, fmt.Errorf("new issuer: %w", err)
	}
	return is, nil
}

// active returns the key that signs at now.
func (is *Issuer) active(now time.Time) (signingKey, error) {
	best := -1
	for i, k := range is.keys {
		if k.signFrom.After(now) {
			continue
		}
		if best < 0 || k.signFrom.After(is.keys[best].signFrom) {
			best = i
		}
	}
	if best < 0 {
		return signingKey{}, fmt.Errorf("no key may sign at %s: the earliest %s is %s",
			now.UTC().Format(time.RFC3339), SignFromHeader, is.earliest().UTC().Format(time.RFC3339))
	}
	return is.keys[best], nil
}

func (is *Issuer) earliest() time.Time {
	t := is.keys[0].signFrom
	for _, k := range is.keys[1:] {
		if k.signFrom.Before(t) {
			t = k.signFrom
		}
	}
	return t
}

// KeyID returns the kid of the key signing now.
func (is *Issuer) KeyID() string {
	k, _ := is.active(time.Now()) // NewIssuerKeys checked a key signs; time only moves on
	return k.kid
}

// JWKS returns the public keys of all the issuer's keys, in the order given.
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
	return is.sign(c, now)
}

// Playback mints a playback token letting wallet play asset for ttl from
// now. Each token gets a fresh random sid so the edge can tell plays apart.
func (is *Issuer) Playback(wallet, assetID string, ttl time.Duration, now time.Time) (string, *Claims, error) {
	var sid [16]byte
	if _, err := rand.Read(sid[:]); err != nil {
		return "", nil, fmt.Errorf("minting playback token: sid: %w", err)
	}
	return is.playback(wallet, assetID, hex.EncodeToString(sid[:]), ttl, now)
}

// Renew mints the successor of a verified playback token: the same wallet,
// asset and sid (one playback session, so one seat), valid for ttl from now.
func (is *Issuer) Renew(prev *Claims, ttl time.Duration, now time.Time) (string, *Claims, error) {
	if prev.SessionID == "" {
		return "", nil, errors.New("renewing playback token: no sid")
	}
	return is.playback(prev.Subject, prev.Asset, prev.SessionID, ttl, now)
}

func (is *Issuer) playback(wallet, assetID, sid string, ttl time.Duration, now time.Time) (string, *Claims, error) {
	if !asset.ValidID(assetID) {
		return "", nil, fmt.Errorf("minting playback token: asset: want %s, got %q", asset.IDGrammar, assetID)
	}
	rc, err := is.registered(wallet, AudiencePlayback, ttl, now)
	if err != nil {
		return "", nil, fmt.Errorf("minting playback token: %w", err)
	}
	// nbf is set on playback tokens only, as docs/protocol.md lists it.
	rc.NotBefore = rc.IssuedAt
	c := &Claims{RegisteredClaims: rc, Asset: assetID, SessionID: sid}
	return is.sign(c, now)
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

func (is *Issuer) sign(c *Claims, now time.Time) (string, *Claims, error) {
	k, err := is.active(now)
	if err != nil {
		return "", nil, fmt.Errorf("signing token: %w", err)
	}
	t := jwt.NewWithClaims(jwt.SigningMethodEdDSA, c)
	t.Header["kid"] = k.kid
	s, err := t.SignedString(k.priv)
	if err != nil {
		return "", nil, fmt.Errorf("signing token: %w", err)
	}
	return s, c, nil
}
