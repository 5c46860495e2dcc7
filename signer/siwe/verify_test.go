package siwe

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// testKey is a throwaway key derived from a label, so failures reproduce.
var testKey = func() *ecdsa.PrivateKey {
	k, err := crypto.ToECDSA(crypto.Keccak256([]byte("streamgate siwe go test key")))
	if err != nil {
		panic(err)
	}
	return k
}()

// signedMessage returns a message by testKey's account, its text and a
// personal_sign signature with v in 27/28, as wallets return it.
func signedMessage(tb testing.TB) (*Message, string, []byte) {
	tb.Helper()
	addr := crypto.PubkeyToAddress(testKey.PublicKey)
	text := strings.Replace(baseText, baseAddr, addr.Hex(), 1)
	m, err := Parse(text)
	if err != nil {
		tb.Fatal(err)
	}
	return m, text, sign(tb, text)
}

func sign(tb testing.TB, text string) []byte {
	tb.Helper()
	sig, err := crypto.Sign(accounts.TextHash([]byte(text)), testKey)
	if err != nil {
		tb.Fatal(err)
	}
	sig[64] += 27
	return sig
}

// validOpts accept baseText's message at a time inside its window.
func validOpts(m *Message) VerifyOptions {
	return VerifyOptions{Domain: m.Domain, Nonce: m.Nonce, Now: m.IssuedAt.Add(time.Minute)}
}

// highS turns sig (v 27/28) into its malleable twin (n - s, flipped v), which recovers
// the same key and is what EIP-2 forbids.
func highS(sig []byte) []byte {
	out := append([]byte(nil), sig...)
	n := crypto.S256().Params().N
	s := new(big.Int).Sub(n, new(big.Int).SetBytes(sig[32:64]))
	s.FillBytes(out[32:64])
	out[64] = 27 + ((out[64] - 27) ^ 1) // flip the recovery id
	return out
}

func with(sig []byte, f func([]byte)) []byte {
	out := append([]byte(nil), sig...)
	f(out)
	return out
}

func TestRecoverEIP191(t *testing.T) {
	_, text, sig := signedMessage(t)
	want := crypto.PubkeyToAddress(testKey.PublicKey)
	cases := []struct {
		name string
		sig  []byte
		err  error // nil: must recover want
	}{
		{"v 27/28", sig, nil},
		{"v 0/1", with(sig, func(s []byte) { s[64] -= 27 }), nil},
		{"high s", highS(sig), ErrMalleable},
		{"64 bytes", sig[:64], ErrSignatureLength},
		{"66 bytes", append(append([]byte(nil), sig...), 0), ErrSignatureLength},
		{"empty", nil, ErrSignatureLength},
		{"v 29", with(sig, func(s []byte) { s[64] = 29 }), ErrSignature},
		{"v 2", with(sig, func(s []byte) { s[64] = 2 }), ErrSignature},
		{"r zero", with(sig, func(s []byte) { clear(s[:32]) }), ErrSignature},
		{"s zero", with(sig, func(s []byte) { clear(s[32:64]) }), ErrSignature},
		{"garbage", []byte(strings.Repeat("\x07", 65)), ErrSignature},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := RecoverEIP191(text, tc.sig)
			switch {
			case tc.err == nil && (err != nil || got != want):
				t.Fatalf("got %s, %v; want %s", got.Hex(), err, want.Hex())
			case tc.err != nil && !errors.Is(err, tc.err):
				t.Fatalf("got %s, %v; want %v", got.Hex(), err, tc.err)
			}
		})
	}
}

// TestRecoverKeepsSignature checks that v 27/28 is normalised on a copy: the
// caller's signature must stay as the wallet sent it.
func TestRecoverKeepsSignature(t *testing.T) {
	_, text, sig := signedMessage(t)
	before := append([]byte(nil), sig...)
	if _, err := RecoverEIP191(text, sig); err != nil {
		t.Fatal(err)
	}
	if string(before) != string(sig) {
		t.Fatal("RecoverEIP191 changed its argument")
	}
}

func TestVerify(t *testing.T) {
	m, text, sig := signedMessage(t)
	other := sign(t, strings.Replace(text, "Nonce: abcdEFGH12345678", "Nonce: abcdEFGH12345679", 1))
	cases := []struct {
		name string
		text string
		sig  []byte
		opts func(*VerifyOptions)
		err  error
	}{
		{"valid", text, sig, nil, nil},
		{"valid at issued-at", text, sig, func(o *VerifyOptions) { o.Now = m.IssuedAt }, nil},
		{"issued in the future", text, sig, func(o *VerifyOptions) { o.Now = m.IssuedAt.Add(-time.Second) }, ErrIssuedInFuture},
		{"issued in the future allowed", text, sig, func(o *VerifyOptions) { o.Now, o.AllowIssuedInFuture = o.Now.Add(-90*time.Second), true }, nil},
		{"scheme required but absent", text, sig, func(o *VerifyOptions) { o.Scheme = "https" }, ErrDomain},
		{"other domain", text, sig, func(o *VerifyOptions) { o.Domain = "example.org" }, ErrDomain},
		{"other nonce", text, sig, func(o *VerifyOptions) { o.Nonce = "zzzzzzzz" }, ErrNonce},
		{"expired", text, sig, func(o *VerifyOptions) { o.Now = *m.ExpirationTime }, ErrExpired},
		{"expired within leeway", text, sig, func(o *VerifyOptions) { o.Now, o.Leeway = *m.ExpirationTime, time.Second }, nil},
		{"not yet valid", text, sig, func(o *VerifyOptions) { o.Now = m.NotBefore.Add(-time.Nanosecond) }, ErrNotYetValid},
		{"signature of another message", text, other, nil, ErrSignature},
		{"high s", text, highS(sig), nil, ErrMalleable},
		{"wrong length", text, sig[:64], nil, ErrSignatureLength},
		{"garbage", text, []byte("garbage"), nil, ErrSignature},
		{"text differs from fields", text + "\n- https://example.com/more", sig, nil, ErrMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := validOpts(m)
			if tc.opts != nil {
				tc.opts(&opts)
			}
			err := Verify(context.Background(), m, tc.text, tc.sig, opts)
			if tc.err == nil && err != nil || !errors.Is(err, tc.err) {
				t.Fatalf("got %v, want %v", err, tc.err)
			}
		})
	}
}

func TestVerifyOptionsRequired(t *testing.T) {
	m, text, sig := signedMessage(t)
	for _, opts := range []VerifyOptions{{Nonce: m.Nonce}, {Domain: m.Domain}} {
		if err := Verify(context.Background(), m, text, sig, opts); err == nil || errors.Is(err, ErrDomain) {
			t.Fatalf("Verify with %+v = %v, want a usage error", opts, err)
		}
	}
}

func TestCheckTime(t *testing.T) {
	m, _, _ := signedMessage(t)
	m.NotBefore = nil
	m.ExpirationTime = new(m.IssuedAt.Add(5 * time.Minute))
	cases := []struct {
		name   string
		now    time.Time
		leeway time.Duration
		err    error
	}{
		{"at issue", m.IssuedAt, 0, nil},
		{"issued in the future", m.IssuedAt.Add(-time.Second), 0, ErrIssuedInFuture},
		{"issued in the future within leeway", m.IssuedAt.Add(-time.Second), 2 * time.Second, nil},
		{"last instant", m.ExpirationTime.Add(-time.Nanosecond), 0, nil},
		{"at expiry", *m.ExpirationTime, 0, ErrExpired},
		{"past expiry within leeway", m.ExpirationTime.Add(time.Second), 2 * time.Second, nil},
		{"past expiry beyond leeway", m.ExpirationTime.Add(2 * time.Second), 2 * time.Second, ErrExpired},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := m.CheckTime(tc.now, tc.leeway); tc.err == nil && err != nil || !errors.Is(err, tc.err) {
				t.Fatalf("got %v, want %v", err, tc.err)
			}
		})
	}
}

// TestContractCheck covers the hook for contract wallets: asked only when
// recovery does not give the address, with the EIP-191 hash and the signature
// as sent; its error is ErrContractCheck (retryable), its "no" ErrSignature.
func TestContractCheck(t *testing.T) {
	m, text, sig := signedMessage(t)
	contractSig := []byte("a 1271 or 6492 signature of any length")
	wantHash := [32]byte(accounts.TextHash([]byte(text)))
	cases := []struct {
		name   string
		sig    []byte
		answer bool
		fail   error
		asked  bool
		err    error
	}{
		{"EOA signature never asks", sig, false, nil, false, nil},
		{"contract says yes", contractSig, true, nil, true, nil},
		{"contract says no", contractSig, false, nil, true, ErrSignature},
		{"contract check fails", contractSig, false, errors.New("rpc down"), true, ErrContractCheck},
		{"65-byte signature by another key", sign(t, "other"), true, nil, true, nil},
		{"high s goes to the contract and is refused", highS(sig), false, nil, true, ErrMalleable},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			asked := false
			opts := validOpts(m)
			opts.ContractCheck = func(_ context.Context, addr common.Address, hash [32]byte, got []byte) (bool, error) {
				asked = true
				if addr != m.Address || hash != wantHash || string(got) != string(tc.sig) {
					t.Errorf("asked about %s %x %q", addr.Hex(), hash, got)
				}
				return tc.answer, tc.fail
			}
			err := Verify(context.Background(), m, text, tc.sig, opts)
			if asked != tc.asked || tc.err == nil && err != nil || !errors.Is(err, tc.err) {
				t.Fatalf("asked %v, got %v; want asked %v, %v", asked, err, tc.asked, tc.err)
			}
			if tc.fail != nil && (!errors.Is(err, tc.fail) || errors.Is(err, ErrSignature)) {
				t.Fatalf("got %v, want the check's own error and not ErrSignature", err)
			}
		})
	}
}

func TestContractCheckNilRefusesNon65(t *testing.T) {
	m, text, _ := signedMessage(t)
	err := Verify(context.Background(), m, text, make([]byte, 200), validOpts(m))
	if !errors.Is(err, ErrSignatureLength) {
		t.Fatalf("got %v, want ErrSignatureLength", err)
	}
}

func TestDecodeSignature(t *testing.T) {
	cases := []struct {
		in  string
		len int
		ok  bool
	}{
		{"0x" + strings.Repeat("ab", 65), 65, true},
		{strings.Repeat("AB", 65), 65, true},
		{"0x", 0, true},
		{"0xabc", 0, false},
		{"0xzz", 0, false},
		{"0X" + strings.Repeat("ab", 65), 0, false},
		{"0x" + strings.Repeat("ab", MaxSignatureSize+1), 0, false},
	}
	for _, tc := range cases {
		sig, err := DecodeSignature(tc.in)
		if tc.ok != (err == nil) || len(sig) != tc.len || err != nil && !errors.Is(err, ErrSignature) {
			t.Errorf("DecodeSignature(%.12q…) = %d bytes, %v", tc.in, len(sig), err)
		}
	}
}

func FuzzRecoverEIP191(f *testing.F) {
	_, text, sig := signedMessage(f)
	f.Add(text, sig)
	f.Add(text, highS(sig))
	f.Add("", sig[:64])
	f.Fuzz(func(t *testing.T, msg string, sig []byte) {
		if _, err := RecoverEIP191(msg, sig); err != nil && !errors.Is(err, ErrSignature) {
			t.Fatalf("error %v does not wrap ErrSignature", err)
		}
	})
}

// BenchmarkVerifyEOA is the signer's per-sign-in cost once the body is parsed:
// string rebuild, binding and time checks, EIP-191 hash and recovery.
func BenchmarkVerifyEOA(b *testing.B) {
	m, text, sig := signedMessage(b)
	opts := validOpts(m)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := Verify(ctx, m, text, sig, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseVerifyEOA adds parsing: the whole of /auth/verify's SIWE work.
func BenchmarkParseVerifyEOA(b *testing.B) {
	_, text, sig := signedMessage(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		m, err := Parse(text)
		if err != nil {
			b.Fatal(err)
		}
		if err := Verify(ctx, m, text, sig, validOpts(m)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(baseText); err != nil {
			b.Fatal(err)
		}
	}
}
