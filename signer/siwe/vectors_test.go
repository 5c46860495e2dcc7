package siwe

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// vectorDir holds the EIP-4361 reference vectors, committed as our own test
// data (see its README for where they come from).
const vectorDir = "testdata/eip4361"

// vectorFiles are every file the tests consume; TestVectorFilesConsumed fails
// when vectorDir gains one they do not.
var vectorFiles = []string{
	"parsing_positive.json",
	"parsing_negative.json",
	"verification_positive.json",
	"verification_negative.json",
}

// vectorFields is a message as fields, in the reference vectors' names, plus the
// verification vectors' expectations.
type vectorFields struct {
	Scheme         *string     `json:"scheme"`
	Domain         string      `json:"domain"`
	Address        string      `json:"address"`
	Statement      *string     `json:"statement"`
	URI            string      `json:"uri"`
	Version        string      `json:"version"`
	ChainID        json.Number `json:"chainId"` // a string in some files, a number in others
	Nonce          string      `json:"nonce"`
	IssuedAt       string      `json:"issuedAt"`
	ExpirationTime *string     `json:"expirationTime"`
	NotBefore      *string     `json:"notBefore"`
	RequestID      *string     `json:"requestId"`
	Resources      []string    `json:"resources"`

	Signature     string `json:"signature"`
	Time          string `json:"time"`          // clock to verify at; now when empty
	DomainBinding string `json:"domainBinding"` // expected domain; Domain when empty
	MatchNonce    string `json:"matchNonce"`    // expected nonce; Nonce when empty
}

type parsingVector struct {
	Message string       `json:"message"`
	Fields  vectorFields `json:"fields"`
}

// ethersVector is one of testdata/ethers_vectors.json, made by testdata/ethers/gen.mjs.
type ethersVector struct {
	Message   string       `json:"message"`
	Fields    vectorFields `json:"fields"`
	Signature string       `json:"signature"`
	Time      string       `json:"time"`
}

// readJSON decodes a vector file strictly: a field the tests do not know would
// otherwise be silently ignored.
func readJSON(tb testing.TB, path string, v any) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("reading SIWE vectors: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
}

func readVectors(tb testing.TB, name string, v any) {
	tb.Helper()
	readJSON(tb, filepath.Join(vectorDir, name), v)
}

func TestVectorFilesConsumed(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(vectorDir, "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no SIWE vectors in %s (%v)", vectorDir, err)
	}
	var got []string
	for _, p := range paths {
		got = append(got, filepath.Base(p))
	}
	want := slices.Sorted(slices.Values(vectorFiles))
	if !slices.Equal(got, want) {
		t.Fatalf("vector files %v, tests consume %v", got, want)
	}
}

func TestParsingPositiveVectors(t *testing.T) {
	var vectors map[string]parsingVector
	readVectors(t, "parsing_positive.json", &vectors)
	for name, v := range vectors {
		t.Run(name, func(t *testing.T) {
			m, err := Parse(v.Message)
			if err != nil {
				t.Fatal(err)
			}
			checkFields(t, m, v.Fields)
			if got := m.String(); got != v.Message {
				t.Errorf("String() = %q, want %q", got, v.Message)
			}
			if got := buildText(v.Fields); got != v.Message {
				t.Errorf("fields laid out per EIP-4361 = %q, want %q", got, v.Message)
			}
		})
	}
}

func TestParsingNegativeVectors(t *testing.T) {
	var vectors map[string]string
	readVectors(t, "parsing_negative.json", &vectors)
	for name, text := range vectors {
		t.Run(name, func(t *testing.T) {
			m, err := Parse(text)
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("Parse = %+v, %v; want ErrMalformed", m, err)
			}
			t.Log(err) // several vectors have more than one fault; this names the first

		})
	}
}

func TestVerificationPositiveVectors(t *testing.T) {
	var vectors map[string]vectorFields
	readVectors(t, "verification_positive.json", &vectors)
	for name, f := range vectors {
		t.Run(name, func(t *testing.T) {
			err := verifyVector(t, f, false)
			if err == nil {
				return
			}
			if !errors.Is(err, ErrIssuedInFuture) {
				t.Fatal(err)
			}
			// EIP-4361 does not require issued-at <= now, and one vector
			// verifies before its issued-at; our default refuses that, so the
			// vector passes only with the check off.
			t.Logf("refused by default (%v); verifying with AllowIssuedInFuture", err)
			if err := verifyVector(t, f, true); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// verificationFailures is why each negative vector must fail. A vector missing
// here fails the test, so a new one cannot pass for the wrong reason.
var verificationFailures = map[string]error{
	"expired message":     ErrExpired,
	"domain binding":      ErrDomain,
	"custom time":         ErrExpired,
	"custom nonce":        ErrNonce,
	"malformed signature": ErrSignature, // odd-length hex
	"wrong signature":     ErrSignature,
	"not yet valid":       ErrNotYetValid,
}

func TestVerificationNegativeVectors(t *testing.T) {
	var vectors map[string]vectorFields
	readVectors(t, "verification_negative.json", &vectors)
	for name, f := range vectors {
		t.Run(name, func(t *testing.T) {
			want, ok := verificationFailures[name]
			if !ok {
				t.Fatalf("no expected failure for vector %q: add it to verificationFailures", name)
			}
			if err := verifyVector(t, f, false); !errors.Is(err, want) {
				t.Fatalf("got %v, want %v", err, want)
			}
		})
	}
}

// TestEthersVectors checks messages made by the siwe npm package and signed by
// ethers (testdata/ethers/gen.mjs), a client sharing no code with this one.
func TestEthersVectors(t *testing.T) {
	var vectors map[string]ethersVector
	readJSON(t, "testdata/ethers_vectors.json", &vectors)
	if len(vectors) == 0 {
		t.Fatal("no ethers vectors")
	}
	for name, v := range vectors {
		t.Run(name, func(t *testing.T) {
			m, err := Parse(v.Message)
			if err != nil {
				t.Fatal(err)
			}
			checkFields(t, m, v.Fields)
			sig, err := DecodeSignature(v.Signature)
			if err != nil {
				t.Fatal(err)
			}
			opts := VerifyOptions{Domain: m.Domain, Scheme: m.Scheme, Nonce: m.Nonce, Now: mustTime(t, v.Time)}
			if err := Verify(context.Background(), m, v.Message, sig, opts); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// verifyVector lays the fields out as a message, parses it and verifies it
// with the vector's expectations.
func verifyVector(t *testing.T, f vectorFields, allowFutureIssue bool) error {
	t.Helper()
	text := buildText(f)
	m, err := Parse(text)
	if err != nil {
		t.Fatalf("vector does not parse: %v", err)
	}
	sig, err := DecodeSignature(f.Signature)
	if err != nil {
		return err
	}
	opts := VerifyOptions{Domain: f.Domain, Nonce: f.Nonce, AllowIssuedInFuture: allowFutureIssue}
	if f.DomainBinding != "" {
		opts.Domain = f.DomainBinding
	}
	if f.MatchNonce != "" {
		opts.Nonce = f.MatchNonce
	}
	if f.Time != "" {
		opts.Now = mustTime(t, f.Time)
	}
	return Verify(context.Background(), m, text, sig, opts)
}

// buildText lays fields out per EIP-4361, independently of Message.String.
func buildText(f vectorFields) string {
	var lines []string
	head := f.Domain
	if f.Scheme != nil {
		head = *f.Scheme + "://" + head
	}
	lines = append(lines, head+" wants you to sign in with your Ethereum account:", f.Address, "")
	if f.Statement != nil {
		lines = append(lines, *f.Statement, "")
	} else {
		lines = append(lines, "")
	}
	lines = append(lines, "URI: "+f.URI, "Version: "+f.Version, "Chain ID: "+f.ChainID.String(),
		"Nonce: "+f.Nonce, "Issued At: "+f.IssuedAt)
	for _, opt := range []struct {
		name  string
		value *string
	}{{"Expiration Time: ", f.ExpirationTime}, {"Not Before: ", f.NotBefore}, {"Request ID: ", f.RequestID}} {
		if opt.value != nil {
			lines = append(lines, opt.name+*opt.value)
		}
	}
	if f.Resources != nil {
		lines = append(lines, "Resources:")
	}
	for _, r := range f.Resources {
		lines = append(lines, "- "+r)
	}
	return strings.Join(lines, "\n")
}

// checkFields compares a parsed message with the fields it must yield.
func checkFields(t *testing.T, m *Message, f vectorFields) {
	t.Helper()
	eq := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	eq("scheme", m.Scheme, deref(f.Scheme))
	eq("domain", m.Domain, f.Domain)
	eq("address", m.Address.Hex(), f.Address)
	eq("statement present", m.Statement != nil, f.Statement != nil)
	eq("statement", deref(m.Statement), deref(f.Statement))
	eq("uri", m.URI, f.URI)
	eq("version", m.Version, f.Version)
	eq("chain ID", json.Number(strconv.FormatInt(m.ChainID, 10)), f.ChainID)
	eq("nonce", m.Nonce, f.Nonce)
	eq("issued at", timeText(&m.IssuedAt), timeText(optTime(t, &f.IssuedAt)))
	eq("expiration time", timeText(m.ExpirationTime), timeText(optTime(t, f.ExpirationTime)))
	eq("not before", timeText(m.NotBefore), timeText(optTime(t, f.NotBefore)))
	eq("request ID present", m.RequestID != nil, f.RequestID != nil)
	eq("request ID", deref(m.RequestID), deref(f.RequestID))
	eq("resources present", m.Resources != nil, f.Resources != nil)
	if !slices.Equal(m.Resources, f.Resources) {
		t.Errorf("resources = %q, want %q", m.Resources, f.Resources)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func optTime(t testing.TB, s *string) *time.Time {
	if s == nil {
		return nil
	}
	v := mustTime(t, *s)
	return &v
}

// timeText makes optional instants comparable with ==.
func timeText(v *time.Time) string {
	if v == nil {
		return "absent"
	}
	return v.UTC().Format(time.RFC3339Nano)
}
