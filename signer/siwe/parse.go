package siwe

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// field is one "Name: value" line and what its value must be.
type field struct {
	prefix string
	set    func(m *Message, value string) error
}

// requiredFields and optionalFields are in the only order EIP-4361 allows; a
// line out of that order, repeated or unknown is left over and rejected.
var (
	requiredFields = []field{
		{"URI: ", setURI},
		{"Version: ", setVersion},
		{"Chain ID: ", setChainID},
		{"Nonce: ", setNonce},
		{"Issued At: ", setIssuedAt},
	}
	optionalFields = []field{
		{"Expiration Time: ", setExpirationTime},
		{"Not Before: ", setNotBefore},
		{"Request ID: ", setRequestID},
	}
)

// Parse parses an EIP-4361 message per the spec's ABNF: lines end in LF alone,
// with no trailing LF; fields come in the fixed order; the address is EIP-55
// checksummed; timestamps are RFC 3339; text is at most MaxSize bytes. It is
// stricter than the ABNF in four places: the domain's host must be a DNS name or
// an IP address (the reference vectors reject "not_rfc4501", a valid RFC 3986
// reg-name), the chain ID has no leading zeros and the address prefix is "0x"
// (so String can give the text back), and leap seconds are refused (time.Time
// has none). Every error wraps ErrMalformed and names the offending line.
func Parse(text string) (*Message, error) {
	if len(text) > MaxSize {
		return nil, fmt.Errorf("%w: %d bytes, more than %d", ErrMalformed, len(text), MaxSize)
	}
	// The grammar is printable ASCII and LF only, so CR, tabs and UTF-8 (which
	// could hide look-alike text from the user) are out before any splitting.
	for i := 0; i < len(text); i++ {
		if c := text[i]; c != '\n' && (c < ' ' || c > '~') {
			return nil, fmt.Errorf("%w: byte %#x at offset %d is not printable ASCII or LF", ErrMalformed, c, i)
		}
	}
	p := parser{lines: strings.Split(text, "\n")}
	m := new(Message)
	if err := p.message(m); err != nil {
		return nil, fmt.Errorf("%w: line %d: %w", ErrMalformed, p.n, err)
	}
	return m, nil
}

// parser walks the message line by line; n counts the lines consumed, so after
// an error it is the 1-based number of the offending line.
type parser struct {
	lines []string
	n     int
}

func (p *parser) next() (string, error) {
	if p.n >= len(p.lines) {
		p.n++
		return "", errors.New("message ends early")
	}
	p.n++
	return p.lines[p.n-1], nil
}

// peek returns the next line without consuming it, ok false at the end.
func (p *parser) peek() (string, bool) {
	if p.n >= len(p.lines) {
		return "", false
	}
	return p.lines[p.n], true
}

func (p *parser) blank() error {
	line, err := p.next()
	if err == nil && line != "" {
		err = fmt.Errorf("want an empty line, got %q", clip(line))
	}
	return err
}

func (p *parser) message(m *Message) error {
	if err := p.header(m); err != nil {
		return err
	}
	if err := p.address(m); err != nil {
		return err
	}
	if err := p.statement(m); err != nil {
		return err
	}
	if err := p.fields(m); err != nil {
		return err
	}
	if err := p.resources(m); err != nil {
		return err
	}
	if line, more := p.peek(); more {
		p.n++
		return fmt.Errorf("unexpected line %q (out of order, repeated, unknown or trailing)", clip(line))
	}
	return nil
}

// header reads "[scheme://]domain wants you to sign in with your Ethereum account:".
func (p *parser) header(m *Message) error {
	line, err := p.next()
	if err != nil {
		return err
	}
	prefix, ok := strings.CutSuffix(line, header)
	if !ok {
		return fmt.Errorf("want %q after the domain", strings.TrimSpace(header))
	}
	// A domain has no "/", so a "://" can only end a scheme.
	if scheme, domain, ok := strings.Cut(prefix, "://"); ok {
		if !isScheme(scheme) {
			return fmt.Errorf("scheme %q is not an RFC 3986 scheme", clip(scheme))
		}
		m.Scheme, prefix = scheme, domain
	}
	if !isDomain(prefix) {
		return fmt.Errorf("domain %q is not an RFC 3986 authority with a DNS name or IP address", clip(prefix))
	}
	m.Domain = prefix
	return nil
}

// address reads the address line and the empty line after it.
func (p *parser) address(m *Message) error {
	line, err := p.next()
	if err != nil {
		return err
	}
	if len(line) != 42 || !strings.HasPrefix(line, "0x") || !only(line[2:], hexChars) {
		return fmt.Errorf("address %q is not 0x and 40 hex digits", clip(line))
	}
	m.Address = common.HexToAddress(line)
	if want := m.Address.Hex(); line != want {
		return fmt.Errorf("address %s is not EIP-55 checksummed (want %s)", line, want)
	}
	return p.blank()
}

// statement reads the optional statement. The spec's layouts after the address's
// blank line are: statement LF LF; LF LF LF (empty statement); LF (none).
func (p *parser) statement(m *Message) error {
	line, err := p.next()
	if err != nil {
		return err
	}
	if after, _ := p.peek(); line == "" && after != "" {
		return nil
	}
	if !only(line, statementChars) {
		return errors.New("statement holds a character outside RFC 3986 reserved, unreserved and space")
	}
	m.Statement = &line
	return p.blank()
}

func (p *parser) fields(m *Message) error {
	for _, f := range requiredFields {
		line, err := p.next()
		if err != nil {
			return err
		}
		value, ok := strings.CutPrefix(line, f.prefix)
		if !ok {
			return fmt.Errorf("want the %q line, got %q", strings.TrimSuffix(f.prefix, " "), clip(line))
		}
		if err := f.set(m, value); err != nil {
			return err
		}
	}
	for _, f := range optionalFields {
		line, _ := p.peek()
		if value, ok := strings.CutPrefix(line, f.prefix); ok {
			p.n++
			if err := f.set(m, value); err != nil {
				return err
			}
		}
	}
	return nil
}

// resources reads the optional "Resources:" line and its "- URI" lines.
func (p *parser) resources(m *Message) error {
	if line, _ := p.peek(); line != "Resources:" {
		return nil
	}
	p.n++
	m.Resources = []string{}
	for {
		line, _ := p.peek()
		uri, ok := strings.CutPrefix(line, "- ")
		if !ok {
			return nil
		}
		p.n++
		if !isURI(uri) {
			return fmt.Errorf("resource %q is not an RFC 3986 URI", clip(uri))
		}
		m.Resources = append(m.Resources, uri)
	}
}

func setURI(m *Message, v string) error {
	if !isURI(v) {
		return fmt.Errorf("URI %q is not an RFC 3986 URI", clip(v))
	}
	m.URI = v
	return nil
}

func setVersion(m *Message, v string) error {
	if v != "1" {
		return fmt.Errorf("version %q is not 1", clip(v))
	}
	m.Version = v
	return nil
}

// setChainID takes decimal digits without leading zeros: the ABNF allows "01",
// but String could not give it back, and no wallet writes it.
func setChainID(m *Message, v string) error {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || !only(v, digitChars) || (len(v) > 1 && v[0] == '0') {
		return fmt.Errorf("chain ID %q is not a decimal int64 without leading zeros", clip(v))
	}
	m.ChainID = id
	return nil
}

func setNonce(m *Message, v string) error {
	if len(v) < 8 || !only(v, alnumChars) {
		return fmt.Errorf("nonce %q is not 8 or more letters and digits", clip(v))
	}
	m.Nonce = v
	return nil
}

func setIssuedAt(m *Message, v string) error {
	s, err := parseStamp(v)
	m.IssuedAt, m.issuedAtText = s.at, s
	return err
}

func setExpirationTime(m *Message, v string) error {
	s, err := parseStamp(v)
	m.ExpirationTime, m.expirationText = &s.at, s
	return err
}

func setNotBefore(m *Message, v string) error {
	s, err := parseStamp(v)
	m.NotBefore, m.notBeforeText = &s.at, s
	return err
}

func setRequestID(m *Message, v string) error {
	if !onlyPct(v, pcharChars) {
		return fmt.Errorf("request ID %q is not RFC 3986 pchars", clip(v))
	}
	m.RequestID = &v
	return nil
}

func parseStamp(v string) (stamp, error) {
	if !isDateTime(v) {
		return stamp{}, fmt.Errorf("%q is not an RFC 3339 date-time", clip(v))
	}
	// Go's layout wants "T" and "Z"; upper-casing touches nothing else here.
	t, err := time.Parse(time.RFC3339Nano, strings.ToUpper(v))
	if err != nil {
		return stamp{}, fmt.Errorf("%q is not a valid date-time: %w", clip(v), err)
	}
	return stamp{at: t, text: v}, nil
}
