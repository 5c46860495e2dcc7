// Package token issues and verifies StreamGate's session and playback JWTs:
// EdDSA (Ed25519) signatures whose kid is the key's RFC 7638 thumbprint.
package token

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Audiences tell the two token kinds apart: Verify checks aud, so a session
// token is never accepted where a playback token is expected, nor the reverse.
const (
	AudienceSession  = "streamgate:session"
	AudiencePlayback = "streamgate:playback"
)

// Default lifetimes, from docs/protocol.md "Tokens".
const (
	DefaultSessionTTL  = 24 * time.Hour
	DefaultPlaybackTTL = 4 * time.Hour
)

// MaxLen is the longest token Verify parses. Ours are a few hundred bytes;
// the bound keeps attacker-chosen URL paths from costing base64 and JSON work.
const MaxLen = 4096

var (
	// ErrInvalid is wrapped by every error Verify returns.
	ErrInvalid = errors.New("token: invalid")
	// ErrExpired is wrapped, besides ErrInvalid, when the token's exp has
	// passed (beyond the leeway), so callers can tell the user to renew.
	ErrExpired = errors.New("token: expired")
)

// Claims are the claims of both token kinds. Asset and SessionID are set on
// playback tokens only, Chain on session tokens only.
type Claims struct {
	jwt.RegisteredClaims
	Asset     string `json:"ast,omitempty"`
	SessionID string `json:"sid,omitempty"`
	Chain     int64  `json:"chain,omitempty"`
}

// Expiry returns the exp claim (without leeway), or the zero time if unset.
// The edge caches verified claims until then.
func (c *Claims) Expiry() time.Time {
	if c.ExpiresAt == nil {
		return time.Time{}
	}
	return c.ExpiresAt.Time
}

var (
	walletRe = regexp.MustCompile(`^0x[0-9a-fA-F]{40}$`)
	// subRe is what Verify accepts in sub: the issuer only writes lowercase.
	subRe = regexp.MustCompile(`^0x[0-9a-f]{40}$`)
)

// normalizeWallet lowercases a 0x address so that sub compares as a string.
func normalizeWallet(wallet string) (string, error) {
	if !walletRe.MatchString(wallet) {
		return "", fmt.Errorf("wallet: want 0x and 40 hex digits, got %q", wallet)
	}
	return strings.ToLower(wallet), nil
}
