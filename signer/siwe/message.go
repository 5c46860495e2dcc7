package siwe

import (
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// header ends the first line; the domain (and optional scheme) precede it.
const header = " wants you to sign in with your Ethereum account:"

// Message is one EIP-4361 message. Parse fills it from text and String writes it
// back, byte for byte, so the text a wallet signed can always be rebuilt.
type Message struct {
	// Scheme is the optional "scheme://" before the domain, "" when absent.
	Scheme string
	// Domain is the RFC 3986 authority asking for the sign-in: host, optional
	// userinfo and port, as written.
	Domain string
	// Address is the signing account; the text spells it EIP-55 checksummed.
	Address common.Address
	// Statement is nil when the message has none. The spec also allows an empty
	// statement (one more blank line), which is "" and distinct from nil.
	Statement *string
	// URI is the RFC 3986 URI of the resource the sign-in is for.
	URI string
	// Version is always "1", the only version EIP-4361 defines.
	Version string
	// ChainID is the EIP-155 chain the sign-in is bound to.
	ChainID int64
	// Nonce is the server's anti-replay token: at least 8 letters and digits.
	Nonce string
	// IssuedAt is when the message was made.
	IssuedAt time.Time
	// ExpirationTime, when set, is the first instant the message is no longer valid.
	ExpirationTime *time.Time
	// NotBefore, when set, is the first instant the message is valid.
	NotBefore *time.Time
	// RequestID is nil when absent; "Request ID: " with no value is legal and is "".
	RequestID *string
	// Resources is nil when there is no "Resources:" line, and empty but non-nil
	// when the line is there with no entries: both are legal and differ in text.
	Resources []string

	// The timestamps as written: RFC 3339 spells one instant many ways (fraction
	// digits, offsets, lowercase t/z) and the signature covers the spelling.
	issuedAtText, expirationText, notBeforeText stamp
}

// stamp is a timestamp's text and the instant it was parsed to.
type stamp struct {
	at   time.Time
	text string
}

// format returns the original text while t is still the instant it was parsed
// to, so edited fields are written afresh and untouched ones reproduce the input.
func (s stamp) format(t time.Time) string {
	if s.text != "" && s.at.Equal(t) {
		return s.text
	}
	return t.Format(time.RFC3339Nano)
}

// String returns the message in the EIP-4361 layout. For a parsed message it is
// exactly the parsed text.
func (m *Message) String() string {
	var b strings.Builder
	b.Grow(256 + len(m.Domain) + len(m.URI) + 64*len(m.Resources))
	if m.Scheme != "" {
		put(&b, m.Scheme, "://")
	}
	put(&b, m.Domain, header, "\n", m.Address.Hex(), "\n\n")
	if m.Statement != nil {
		put(&b, *m.Statement, "\n")
	}
	put(&b, "\nURI: ", m.URI, "\nVersion: ", m.Version)
	put(&b, "\nChain ID: ", strconv.FormatInt(m.ChainID, 10), "\nNonce: ", m.Nonce)
	put(&b, "\nIssued At: ", m.issuedAtText.format(m.IssuedAt))
	if m.ExpirationTime != nil {
		put(&b, "\nExpiration Time: ", m.expirationText.format(*m.ExpirationTime))
	}
	if m.NotBefore != nil {
		put(&b, "\nNot Before: ", m.notBeforeText.format(*m.NotBefore))
	}
	if m.RequestID != nil {
		put(&b, "\nRequest ID: ", *m.RequestID)
	}
	if m.Resources != nil {
		b.WriteString("\nResources:")
	}
	for _, r := range m.Resources {
		put(&b, "\n- ", r)
	}
	return b.String()
}

// put writes parts in order; it spares String a temporary string per line.
func put(b *strings.Builder, parts ...string) {
	for _, p := range parts {
		b.WriteString(p)
	}
}
