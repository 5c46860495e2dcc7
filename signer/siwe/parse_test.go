package siwe

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// baseText uses every field; the cases below edit one thing each, so each
// negative case fails for exactly the reason in its name (several reference
// vectors fail on their all-lowercase address before reaching theirs).
const baseText = "example.com wants you to sign in with your Ethereum account:\n" +
	"0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n" +
	"Sign in to StreamGate: it's free (no gas) & safe; see https://example.com/tos?a=b#c [v1] @team!\n\n" +
	"URI: https://example.com/login\n" +
	"Version: 1\n" +
	"Chain ID: 1\n" +
	"Nonce: abcdEFGH12345678\n" +
	"Issued At: 2026-11-23T10:00:00Z\n" +
	"Expiration Time: 2026-11-23T11:05:00.5+01:00\n" +
	"Not Before: 2026-11-23T09:59:00.123456789Z\n" +
	"Request ID: req-1%20a:b@c\n" +
	"Resources:\n" +
	"- ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi\n" +
	"- https://example.com/a?b=c#d"

// edit returns baseText with the first old replaced by new, failing loudly at
// init if old is not there (a silent no-op would make a negative case pass).
func edit(old, repl string) string {
	if !strings.Contains(baseText, old) {
		panic("edit: " + old + " not in baseText")
	}
	return strings.Replace(baseText, old, repl, 1)
}

const (
	baseAddr  = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"
	stmtBlock = "\n\nSign in to StreamGate: it's free (no gas) & safe; see https://example.com/tos?a=b#c [v1] @team!\n\n"
	resBlock  = "\nResources:\n- ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi\n- https://example.com/a?b=c#d"
)

// parseCases are our own parser cases beyond the reference vectors; they also
// seed FuzzParse.
var parseCases = []struct {
	name   string
	text   string
	reject string // in the error when the text must be rejected; "" when it must parse
}{
	{"every field", baseText, ""},
	{"scheme", edit("example.com wants", "https://example.com wants"), ""},
	{"scheme with plus dot dash", edit("example.com wants", "git+ssh.x-y://example.com wants"), ""},
	{"no statement", edit(stmtBlock, "\n\n\n"), ""},
	{"empty statement", edit(stmtBlock, "\n\n\n\n"), ""},
	{"empty request ID", edit("Request ID: req-1%20a:b@c", "Request ID: "), ""},
	{"resources line without entries", edit(resBlock, "\nResources:"), ""},
	{"no optional field", strings.SplitN(baseText, "\nExpiration Time", 2)[0], ""},
	{"only not before", edit("Expiration Time: 2026-11-23T11:05:00.5+01:00\n", ""), ""},
	{"lowercase t and z", edit("2026-11-23T10:00:00Z", "2026-11-23t10:00:00z"), ""},
	{"negative offset", edit("2026-11-23T10:00:00Z", "2026-11-23T10:00:00-23:59"), ""},
	{"IPv6 domain with port", edit("example.com wants", "[2001:db8::1]:8443 wants"), ""},
	{"IPv4-mapped IPv6 domain", edit("example.com wants", "[::ffff:192.0.2.1] wants"), ""},
	{"IPvFuture domain", edit("example.com wants", "[v1.fe80::a+en1] wants"), ""},
	{"userinfo with pct and colon", edit("example.com wants", "a%20b:c@example.com wants"), ""},
	{"localhost", edit("example.com wants", "localhost wants"), ""},
	{"URN URI", edit("URI: https://example.com/login", "URI: urn:isbn:0451450523"), ""},
	{"mailto URI", edit("URI: https://example.com/login", "URI: mailto:a@example.com"), ""},
	{"URI with empty authority", edit("URI: https://example.com/login", "URI: file:///etc/hosts"), ""},
	{"URI with underscore host", edit("URI: https://example.com/login", "URI: https://my_host.example/"), ""},
	{"URI scheme only", edit("URI: https://example.com/login", "URI: about:"), ""},
	{"largest chain ID", edit("Chain ID: 1\n", "Chain ID: 9223372036854775807\n"), ""},
	{"chain ID 0", edit("Chain ID: 1\n", "Chain ID: 0\n"), ""},
	{"address without letters", edit(baseAddr, "0x0000000000000000000000000000000000000000"), ""},
	{"long nonce", edit("abcdEFGH12345678", strings.Repeat("a1", 100)), ""},

	{"empty", "", "line 1: want \"wants you to sign in with your Ethereum"},
	{"header only", "example.com wants you to sign in with your Ethereum account:", "line 2: message ends early"},
	{"too long", edit("Sign in to", strings.Repeat("a", MaxSize)), "8717 bytes, more than 8192"},
	{"trailing LF", baseText + "\n", "line 17: unexpected line \"\" (out of order, repeated"},
	{"CRLF", strings.ReplaceAll(baseText, "\n", "\r\n"), "byte 0xd at offset 60 is not printable ASCII or LF"},
	{"NUL byte", edit("Sign in", "Sign\x00in"), "byte 0x0 at offset 109 is not printable ASCII or LF"},
	{"UTF-8 statement", edit("Sign in", "Sign in café"), "byte 0xc3 at offset 116 is not printable ASCII or LF"},
	{"tab in statement", edit("Sign in", "Sign\tin"), "byte 0x9 at offset 109 is not printable ASCII or LF"},
	{"quote in statement", edit("Sign in", `Sign "in"`), "line 4: statement holds a character outside RFC 3986"},
	{"percent in statement", edit("Sign in", "Sign 100%"), "line 4: statement holds a character outside RFC 3986"},
	{"header without colon", edit("Ethereum account:", "Ethereum account"), "line 1: want \"wants you to sign in with your Ethereum"},
	{"header wording", edit("wants you", "wants  you"), "line 1: want \"wants you to sign in with your Ethereum"},
	{"empty domain", edit("example.com wants", " wants"), "line 1: domain \"\" is not an RFC 3986 authority with a"},
	{"underscore domain", edit("example.com wants", "my_host.example wants"), "line 1: domain \"my_host.example\" is not an RFC 3986"},
	{"domain label starts with dash", edit("example.com wants", "-example.com wants"), "line 1: domain \"-example.com\" is not an RFC 3986"},
	{"domain empty label", edit("example.com wants", "example..com wants"), "line 1: domain \"example..com\" is not an RFC 3986"},
	{"domain trailing dot", edit("example.com wants", "example.com. wants"), "line 1: domain \"example.com.\" is not an RFC 3986"},
	{"domain with path", edit("example.com wants", "example.com/login wants"), "line 1: domain \"example.com/login\" is not an RFC 3986"},
	{"domain non-digit port", edit("example.com wants", "example.com:http wants"), "line 1: domain \"example.com:http\" is not an RFC 3986"},
	{"domain with two at", edit("example.com wants", "a@b@example.com wants"), "line 1: domain \"a@b@example.com\" is not an RFC 3986"},
	{"domain IPv6 zone", edit("example.com wants", "[fe80::1%25eth0] wants"), "line 1: domain \"[fe80::1%25eth0]\" is not an RFC 3986"},
	{"domain bracketed IPv4", edit("example.com wants", "[192.0.2.1] wants"), "line 1: domain \"[192.0.2.1]\" is not an RFC 3986"},
	{"domain unclosed bracket", edit("example.com wants", "[::1 wants"), "line 1: domain \"[::1\" is not an RFC 3986 authority with"},
	{"scheme without domain", edit("example.com wants", "https:// wants"), "line 1: domain \"\" is not an RFC 3986 authority with a"},
	{"scheme starting with digit", edit("example.com wants", "1https://example.com wants"), "line 1: scheme \"1https\" is not an RFC 3986 scheme"},
	{"empty scheme", edit("example.com wants", "://example.com wants"), "line 1: scheme \"\" is not an RFC 3986 scheme"},
	{"lowercase address", edit(baseAddr, "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"), "line 2: address 0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2 is not EIP-55 checksummed"},
	{"uppercase address", edit(baseAddr, "0xC02AAA39B223FE8D0A0E5C4F27EAD9083C756CC2"), "is not EIP-55 checksummed"},
	{"one letter case flipped", edit(baseAddr, "0xc02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"), "is not EIP-55 checksummed"},
	{"address 0X", edit(baseAddr, "0XC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"), "is not 0x and 40 hex digits"},
	{"address short", edit(baseAddr, "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756C"), "is not 0x and 40 hex digits"},
	{"address trailing space", edit(baseAddr, "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2 "), "is not 0x and 40 hex digits"},
	{"no blank after address", edit("Cc2\n\n", "Cc2\n"), "line 3: want an empty line, got \"Sign in to StreamGate"},
	{"statement not followed by blank", edit(stmtBlock, "\n\nSign in\n"), "line 5: want an empty line, got \"URI"},
	{"two statement lines", edit(stmtBlock, "\n\nSign in\nagain\n\n"), "line 5: want an empty line, got \"again\""},
	{"blank before statement", edit(stmtBlock, "\n\n\nSign in\n\n"), "line 5: want the \"URI:\" line, got \"Sign in\""},
	{"five LFs", edit(stmtBlock, "\n\n\n\n\n"), "line 6: want the \"URI:\" line, got \"\""},
	{"version 2", edit("Version: 1", "Version: 2"), "line 7: version \"2\" is not 1"},
	{"version 1.0", edit("Version: 1", "Version: 1.0"), "line 7: version \"1.0\" is not 1"},
	{"missing chain ID", edit("Chain ID: 1\n", ""), "line 8: want the \"Chain ID:\" line, got \"Nonce"},
	{"chain ID leading zero", edit("Chain ID: 1\n", "Chain ID: 01\n"), "line 8: chain ID \"01\" is not a decimal int64 without"},
	{"chain ID signed", edit("Chain ID: 1\n", "Chain ID: +1\n"), "line 8: chain ID \"+1\" is not a decimal int64 without"},
	{"chain ID negative", edit("Chain ID: 1\n", "Chain ID: -1\n"), "line 8: chain ID \"-1\" is not a decimal int64 without"},
	{"chain ID overflow", edit("Chain ID: 1\n", "Chain ID: 9223372036854775808\n"), "line 8: chain ID \"9223372036854775808\" is not a decimal"},
	{"chain ID hex", edit("Chain ID: 1\n", "Chain ID: 0x1\n"), "line 8: chain ID \"0x1\" is not a decimal int64 without"},
	{"chain ID trailing space", edit("Chain ID: 1\n", "Chain ID: 1 \n"), "line 8: chain ID \"1 \" is not a decimal int64 without"},
	{"nonce seven chars", edit("abcdEFGH12345678", "abc1234"), "line 9: nonce \"abc1234\" is not 8 or more letters and"},
	{"nonce with dash", edit("abcdEFGH12345678", "abcd-EFGH-1234"), "line 9: nonce \"abcd-EFGH-1234\" is not 8 or more letters"},
	{"nonce double space", edit("Nonce: abcd", "Nonce:  abcd"), "line 9: nonce \" abcdEFGH12345678\" is not 8 or more"},
	{"field name lowercase", edit("Nonce:", "nonce:"), "line 9: want the \"Nonce:\" line, got \"nonce"},
	{"missing issued at", edit("Issued At: 2026-11-23T10:00:00Z\n", ""), "line 10: want the \"Issued At:\" line, got \"Expiration"},
	{"hour 24", edit("2026-11-23T10:00:00Z", "2026-11-23T24:00:00Z"), "line 10: \"2026-11-23T24:00:00Z\" is not a valid"},
	{"leap second", edit("2026-11-23T10:00:00Z", "2026-12-31T23:59:60Z"), "line 10: \"2026-12-31T23:59:60Z\" is not a valid"},
	{"February 30", edit("2026-11-23T10:00:00Z", "2026-02-30T10:00:00Z"), "line 10: \"2026-02-30T10:00:00Z\" is not a valid"},
	{"offset hour 24", edit("2026-11-23T10:00:00Z", "2026-11-23T10:00:00+24:00"), "line 10: \"2026-11-23T10:00:00+24:00\" is not an RFC 3339"},
	{"offset minute 60", edit("2026-11-23T10:00:00Z", "2026-11-23T10:00:00+01:60"), "line 10: \"2026-11-23T10:00:00+01:60\" is not an RFC 3339"},
	{"comma fraction", edit("2026-11-23T10:00:00Z", "2026-11-23T10:00:00,5Z"), "line 10: \"2026-11-23T10:00:00,5Z\" is not an RFC 3339"},
	{"empty fraction", edit("2026-11-23T10:00:00Z", "2026-11-23T10:00:00.Z"), "line 10: \"2026-11-23T10:00:00.Z\" is not an RFC 3339"},
	{"no zone", edit("2026-11-23T10:00:00Z", "2026-11-23T10:00:00"), "line 10: \"2026-11-23T10:00:00\" is not an RFC 3339"},
	{"space separator", edit("2026-11-23T10:00:00Z", "2026-11-23 10:00:00Z"), "line 10: \"2026-11-23 10:00:00Z\" is not an RFC 3339"},
	{"compact offset", edit("2026-11-23T10:00:00Z", "2026-11-23T10:00:00+0100"), "line 10: \"2026-11-23T10:00:00+0100\" is not an RFC 3339"},
	{"duplicate expiration", edit("Not Before:", "Expiration Time: 2026-11-23T10:05:00Z\nNot Before:"), "line 12: unexpected line \"Expiration Time"},
	{"not before before expiration", edit("Expiration Time: 2026-11-23T11:05:00.5+01:00\nNot Before: 2026-11-23T09:59:00.123456789Z",
		"Not Before: 2026-11-23T09:59:00.123456789Z\nExpiration Time: 2026-11-23T11:05:00.5+01:00"), "line 12: unexpected line \"Expiration Time"},
	{"request ID after resources", edit("Request ID: req-1%20a:b@c\n", "") + "\nRequest ID: x", "line 16: unexpected line \"Request ID: x\" (out of order"},
	{"request ID with space", edit("req-1%20a", "req 1"), "line 13: request ID \"req 1:b@c\" is not RFC 3986 pchars"},
	{"request ID bad pct", edit("req-1%20a", "req-1%2"), "line 13: request ID \"req-1%2:b@c\" is not RFC 3986 pchars"},
	{"unknown field", edit("Resources:", "Chain: 1\nResources:"), "line 14: unexpected line \"Chain: 1\" (out of order"},
	{"duplicate URI", edit("Version: 1", "URI: https://example.com/\nVersion: 1"), "line 7: want the \"Version:\" line, got \"URI"},
	{"resources twice", baseText + resBlock, "line 17: unexpected line \"Resources:\" (out of order"},
	{"resource without dash", edit("- https://example.com/a", "https://example.com/a"), "line 16: unexpected line \"https://example.com/a?b=c#d\""},
	{"resource dash without space", edit("- https://example.com/a", "-https://example.com/a"), "line 16: unexpected line \"-https://example.com/a?b=c#d\""},
	{"resource with space", edit("- https://example.com/a?b=c#d", "- https://example.com/a b"), "line 16: resource \"https://example.com/a b\" is not an"},
	{"resource relative", edit("- https://example.com/a?b=c#d", "- /a"), "line 16: resource \"/a\" is not an RFC 3986 URI"},
	{"URI without scheme", edit("URI: https://example.com/login", "URI: //example.com/login"), "line 6: URI \"//example.com/login\" is not an RFC 3986 URI"},
	{"URI bad pct", edit("URI: https://example.com/login", "URI: https://example.com/%zz"), "line 6: URI \"https://example.com/%zz\" is not an RFC"},
	{"URI with space", edit("URI: https://example.com/login", "URI: https://exa mple.com/"), "line 6: URI \"https://exa mple.com/\" is not an RFC 3986"},
	{"URI unclosed IPv6", edit("URI: https://example.com/login", "URI: https://[::1/"), "line 6: URI \"https://[::1/\" is not an RFC 3986 URI"},
	{"URI with backslash", edit("URI: https://example.com/login", `URI: https://example.com\login`), "line 6: URI \"https://example.com\\\\login\" is not an RFC"},
	{"URI fragment with hash", edit("URI: https://example.com/login", "URI: https://example.com/#a#b"), "line 6: URI \"https://example.com/#a#b\" is not an RFC"},
	{"URI empty", edit("URI: https://example.com/login", "URI: "), "line 6: URI \"\" is not an RFC 3986 URI"},
	{"garbage after resources", baseText + "\n\n", "line 17: unexpected line \"\" (out of order, repeated"},
	{"garbage line after issued at", edit("Expiration Time", "garbage\nExpiration Time"), "line 11: unexpected line \"garbage\" (out of order"},
}

func TestParseCases(t *testing.T) {
	for _, tc := range parseCases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse(tc.text)
			if tc.reject != "" {
				if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), tc.reject) {
					t.Fatalf("Parse = %+v, %v; want ErrMalformed with %q", m, err, tc.reject)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := m.String(); got != tc.text {
				t.Fatalf("String() = %q, want %q", got, tc.text)
			}
		})
	}
}

func TestParseFields(t *testing.T) {
	m, err := Parse(baseText)
	if err != nil {
		t.Fatal(err)
	}
	exp := time.Date(2026, 11, 23, 10, 5, 0, 5e8, time.UTC)
	nb := time.Date(2026, 11, 23, 9, 59, 0, 123456789, time.UTC)
	switch {
	case m.Scheme != "" || m.Domain != "example.com":
		t.Errorf("origin %q %q", m.Scheme, m.Domain)
	case m.Address.Hex() != "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2":
		t.Errorf("address %s", m.Address.Hex())
	case m.Statement == nil || !strings.HasPrefix(*m.Statement, "Sign in to StreamGate:"):
		t.Errorf("statement %v", m.Statement)
	case m.URI != "https://example.com/login" || m.Version != "1" || m.ChainID != 1 || m.Nonce != "abcdEFGH12345678":
		t.Errorf("uri/version/chain/nonce %q %q %d %q", m.URI, m.Version, m.ChainID, m.Nonce)
	case !m.IssuedAt.Equal(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)):
		t.Errorf("issued at %s", m.IssuedAt)
	case m.ExpirationTime == nil || !m.ExpirationTime.Equal(exp):
		t.Errorf("expiration %v", m.ExpirationTime)
	case m.NotBefore == nil || !m.NotBefore.Equal(nb):
		t.Errorf("not before %v", m.NotBefore)
	case m.RequestID == nil || *m.RequestID != "req-1%20a:b@c":
		t.Errorf("request ID %v", m.RequestID)
	case len(m.Resources) != 2 || m.Resources[1] != "https://example.com/a?b=c#d":
		t.Errorf("resources %q", m.Resources)
	}
}

// TestStringAfterEdit checks that a changed timestamp is written afresh rather
// than as the text it was parsed from.
func TestStringAfterEdit(t *testing.T) {
	m, err := Parse(edit("2026-11-23T10:00:00Z", "2026-11-23t10:00:00.000z"))
	if err != nil {
		t.Fatal(err)
	}
	m.IssuedAt = m.IssuedAt.Add(time.Second)
	m.ChainID = 8453
	want := edit("Chain ID: 1\n", "Chain ID: 8453\n")
	want = strings.Replace(want, "2026-11-23T10:00:00Z", "2026-11-23T10:00:01Z", 1)
	if got := m.String(); got != want {
		t.Fatalf("String() = %q, want %q", got, want)
	}
}

func TestParseOptionalPresence(t *testing.T) {
	cases := []struct {
		name string
		text string
		want [3]bool // statement, request ID, resources present
	}{
		{"absent", edits(stmtBlock, "\n\n\n", "\nRequest ID: req-1%20a:b@c", "", resBlock, ""), [3]bool{}},
		{"empty", edits(stmtBlock, "\n\n\n\n", "req-1%20a:b@c", "", resBlock, "\nResources:"), [3]bool{true, true, true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if got := [3]bool{m.Statement != nil, m.RequestID != nil, m.Resources != nil}; got != tc.want {
				t.Fatalf("present (statement, request ID, resources) = %v, want %v", got, tc.want)
			}
			if m.String() != tc.text {
				t.Fatalf("String() = %q, want %q", m.String(), tc.text)
			}
		})
	}
}

// edits applies edit for each old, new pair in turn.
func edits(pairs ...string) string {
	text := baseText
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(text, pairs[i]) {
			panic("edits: " + pairs[i] + " not in text")
		}
		text = strings.Replace(text, pairs[i], pairs[i+1], 1)
	}
	return text
}

func FuzzParse(f *testing.F) {
	for _, tc := range parseCases {
		f.Add(tc.text)
	}
	for _, text := range vectorTexts(f) {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		m, err := Parse(text)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		if len(text) > MaxSize {
			t.Fatalf("accepted %d bytes", len(text))
		}
		// The signature covers the text, so String must give back exactly
		// what was parsed, and parsing that must give the same message.
		out := m.String()
		if out != text {
			t.Fatalf("String() = %q, parsed %q", out, text)
		}
		m2, err := Parse(out)
		if err != nil || !reflect.DeepEqual(m, m2) {
			t.Fatalf("Parse(String()) = %+v, %v; want %+v", m2, err, m)
		}
	})
}

// vectorTexts returns every message text of the reference vectors.
func vectorTexts(tb testing.TB) []string {
	var texts []string
	var pos map[string]parsingVector
	readVectors(tb, "parsing_positive.json", &pos)
	for _, v := range pos {
		texts = append(texts, v.Message)
	}
	var neg map[string]string
	readVectors(tb, "parsing_negative.json", &neg)
	for _, v := range neg {
		texts = append(texts, v)
	}
	for _, name := range []string{"verification_positive.json", "verification_negative.json"} {
		var ver map[string]vectorFields
		readVectors(tb, name, &ver)
		for _, f := range ver {
			texts = append(texts, buildText(f))
		}
	}
	return texts
}
