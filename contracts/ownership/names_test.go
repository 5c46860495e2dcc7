package ownership

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/streamgate/streamgate/internal/testenv"
)

// TestNamesOnChain reads our contracts on the simulated chain: the ERC-721
// pass and the ERC-20 have name() and symbol(); the ERC-1155 and Multicall3
// revert; an EOA answers nothing; an unconfigured chain is not asked.
func TestNamesOnChain(t *testing.T) {
	w := newWorld(t)
	names := NewNames(w.checker(t, nil).Chains(), NamesConfig{})
	at := func(a common.Address) Collection { return Collection{ChainID: testenv.ChainID, Contract: a} }
	cs := []Collection{at(w.pass), at(w.token), at(w.multi), at(w.multicall), at(w.alice.Address), {ChainID: 99, Contract: w.pass}}
	got := names.Lookup(t.Context(), cs)
	want := map[Collection]string{at(w.pass): "Pass (PASS)", at(w.token): "Test (TST)"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for c, n := range want {
		if got[c] != n {
			t.Errorf("%s: %q, want %q", c.Contract, got[c], n)
		}
	}
	calls := w.calls("eth_call")
	if calls != 2*5 {
		t.Errorf("%d eth_calls, want name() and symbol() of 5 contracts", calls)
	}
	again := names.Lookup(t.Context(), cs)
	if w.calls("eth_call") != calls || len(again) != len(got) {
		t.Errorf("a second look-up made %d more eth_calls and got %v: want none, from the cache", w.calls("eth_call")-calls, again)
	}
}

// TestNamesOutage: a chain that does not answer gives no name at once (the
// caller falls back), is not asked again within Retry, and is read again
// after it; a hung endpoint never holds the caller past its context.
func TestNamesOutage(t *testing.T) {
	w := newWorld(t)
	fault := testenv.FaultProxy(t, w.chain.RPCURL)
	c := w.checker(t, func(cfg *Config) {
		cfg.Chains[0].RPC = []string{fault.URL}
		cfg.CallTimeout = 300 * time.Millisecond
	})
	pass := Collection{ChainID: testenv.ChainID, Contract: w.pass}
	for _, mode := range []testenv.FaultMode{testenv.FaultHTML, testenv.FaultRPCError, testenv.FaultShort, testenv.FaultHang} {
		t.Run(mode.String(), func(t *testing.T) {
			names := NewNames(c.Chains(), NamesConfig{Retry: time.Second})
			fault.Set(mode)
			ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
			start := time.Now()
			got := names.Lookup(ctx, []Collection{pass})
			cancel()
			t.Logf("%s: Lookup returned after %s", mode, time.Since(start))
			if len(got) != 0 {
				t.Fatalf("got %v while the chain fails, want no name", got)
			}
			// Once the failed read is cached, the next look-up asks nothing.
			testenv.WaitFor(t, 5*time.Second, func() error {
				names.mu.Lock()
				defer names.mu.Unlock()
				if _, ok := names.m[pass]; !ok {
					return errors.New("the failed read is not cached yet")
				}
				return nil
			})
			fault.Reset()
			fault.Set(testenv.FaultNone)
			if got := names.Lookup(t.Context(), []Collection{pass}); len(got) != 0 || fault.Calls("eth_call") != 0 {
				t.Fatalf("within Retry: got %v after %d eth_calls, want the remembered failure", got, fault.Calls("eth_call"))
			}
			testenv.WaitFor(t, 5*time.Second, func() error {
				if got := names.Lookup(t.Context(), []Collection{pass}); got[pass] != "Pass (PASS)" {
					return errors.New("no name yet")
				}
				return nil
			})
		})
	}
}

func abiString(s string) []byte {
	out := make([]byte, 64+(len(s)+31)/32*32)
	out[31] = 32
	big.NewInt(int64(len(s))).FillBytes(out[32:64])
	copy(out[64:], s)
	return out
}

// TestDecodeName covers the shapes a name() answer takes and the junk a
// contract may return.
func TestDecodeName(t *testing.T) {
	b32 := make([]byte, 32)
	copy(b32, "Maker")
	badOffset := abiString("x")
	badOffset[31] = 200
	hugeLen := abiString("x")
	for i := 32; i < 64; i++ {
		hugeLen[i] = 0xff
	}
	cases := []struct {
		name string
		out  []byte
		want string
	}{
		{"string", abiString("Pass"), "Pass"},
		{"empty string", abiString(""), ""},
		{"bytes32", b32, "Maker"},
		{"zero word", make([]byte, 32), ""},
		{"nothing", nil, ""},
		{"short", []byte("abc"), ""},
		{"bad offset", badOffset, ""},
		{"huge length", hugeLen, ""},
		{"invalid utf-8", abiString("a\xffb"), ""},
		{"controls and bidi", abiString("Ev\u202eil\x00 \n Pass\u200b"), "Evil Pass"},
		{"long", abiString(strings.Repeat("n", 100)), strings.Repeat("n", maxNameRunes) + "…"},
		{"unicode", abiString("Café 会员"), "Café 会员"},
	}
	for _, tc := range cases {
		if got := cleanName(decodeName(tc.out)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if !bytes.Equal(decodeName(abiString("Pass")), []byte("Pass")) {
		t.Error("decodeName does not return the string's bytes")
	}
}
