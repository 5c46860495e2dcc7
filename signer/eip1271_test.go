package signer

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/testenv"
)

// walletSignIn signs a message of the contract wallet at addr with key's
// personal_sign, passes the signature through wrap, and posts it.
func (w *world) walletSignIn(t *testing.T, ts *testSigner, addr common.Address, key *testenv.Account, wrap func([]byte) []byte) (*http.Response, []byte) {
	t.Helper()
	text := message(addr, ts.nonce(t), nil)
	return ts.signIn(t, verifyBody(text, wrap(sign(t, key.Key, text))))
}

func same(sig []byte) []byte { return sig }

// wrap6492 wraps sig as ERC-6492 does for a wallet deployed by
// factory(calldata).
func wrap6492(factory common.Address, calldata []byte) func([]byte) []byte {
	return func(sig []byte) []byte {
		enc, err := wrapper6492.Pack(factory, calldata, sig)
		if err != nil {
			panic(err)
		}
		return append(enc, suffix6492...)
	}
}

func TestSignInContractWallet(t *testing.T) {
	w := newWorld(t)
	ts := newTestSigner(t, w.chains)
	owner, stranger := w.chain.Accounts[3], w.chain.Accounts[4]
	if resp, body := w.walletSignIn(t, ts, w.wallet, owner, same); resp.StatusCode != 200 {
		t.Fatalf("owner's signature for the wallet: %d %s", resp.StatusCode, body)
	}
	resp, body := w.walletSignIn(t, ts, w.wallet, stranger, same)
	wantError(t, resp, body, 401, "invalid_signature")
	for _, mode := range []uint8{bindings.TestWalletRevert, bindings.TestWalletWrongMagic} {
		w.setMode(t, mode)
		resp, body := w.walletSignIn(t, ts, w.wallet, owner, same)
		wantError(t, resp, body, 401, "invalid_signature")
	}
	// Less than one word from a contract with code cannot answer
	// isValidSignature: it is what a node lagging behind the wallet's
	// deployment says, so it is an endpoint failure (retry), not a "no".
	for _, mode := range []uint8{bindings.TestWalletShortReturn, bindings.TestWalletEmptyReturn} {
		w.setMode(t, mode)
		resp, body := w.walletSignIn(t, ts, w.wallet, owner, same)
		wantError(t, resp, body, 503, "chain_unavailable")
	}
	w.setMode(t, bindings.TestWalletHonest)
	resp, body = ts.signIn(t, func() string {
		text := message(w.wallet, ts.nonce(t), nil)
		return verifyBody(text, sign(t, owner.Key, text))
	}())
	session := wantSession(t, resp, body, w.wallet)
	if c := verifyWithJWKS(t, ts, session, "streamgate:session"); c.Subject != lower(w.wallet) {
		t.Fatalf("sub = %s, want the wallet", c.Subject)
	}
}

func TestSignInERC6492(t *testing.T) {
	w := newWorld(t)
	ts := newTestSigner(t, w.chains)
	owner, stranger := w.chain.Accounts[3], w.chain.Accounts[4]
	// A deployed wallet: the wrapper is unwrapped and the wallet asked.
	if resp, body := w.walletSignIn(t, ts, w.wallet, owner, wrap6492(common.Address{1}, []byte{2})); resp.StatusCode != 200 {
		t.Fatalf("wrapped signature of a deployed wallet: %d %s", resp.StatusCode, body)
	}
	// A counterfactual wallet: deployed only inside the check's eth_call.
	salt := [32]byte{6, 4, 9, 2}
	deploy := walletFactory.PackDeploy(owner.Address, salt)
	predicted := w.predict(t, owner.Address, salt)
	if resp, body := w.walletSignIn(t, ts, predicted, owner, wrap6492(w.factory, deploy)); resp.StatusCode != 200 {
		t.Fatalf("counterfactual wallet: %d %s", resp.StatusCode, body)
	}
	if code, err := w.chain.Client.CodeAt(t.Context(), predicted, nil); err != nil || len(code) != 0 {
		t.Fatalf("the check deployed the wallet for real (%d bytes, %v)", len(code), err)
	}
	for name, wrap := range map[string]func([]byte) []byte{
		"another key":     wrap6492(w.factory, deploy),
		"another wallet":  wrap6492(w.factory, walletFactory.PackDeploy(stranger.Address, salt)),
		"no factory":      wrap6492(common.Address{}, nil),
		"garbage wrapper": func(sig []byte) []byte { return append(sig, suffix6492...) },
		"suffix only":     func([]byte) []byte { return suffix6492 },
		"factory reverts": wrap6492(w.factory, walletFactory.PackDeploy(owner.Address, [32]byte{})[:10]),
	} {
		signer := owner
		if name == "another key" {
			signer = stranger
		}
		resp, body := w.walletSignIn(t, ts, predicted, signer, wrap)
		t.Run(name, func(t *testing.T) { wantError(t, resp, body, 401, "invalid_signature") })
	}
}

// predict returns the address TestWalletFactory deploys owner's wallet to.
func (w *world) predict(t testing.TB, owner common.Address, salt [32]byte) common.Address {
	t.Helper()
	f := walletFactory.Instance(w.chain.Client, w.factory)
	addr, err := bind.Call(f, &bind.CallOpts{Context: t.Context()}, walletFactory.PackPredict(owner, salt), walletFactory.UnpackPredict)
	if err != nil {
		t.Fatal(err)
	}
	return addr
}

// TestSignInChainHangs: when the wallet's chain does not answer, a contract
// wallet's sign-in is 503, not 401; EOAs need no chain and still sign in.
func TestSignInChainHangs(t *testing.T) {
	w := newWorld(t)
	ts := newTestSigner(t, func(c *Config, _ *Deps) {
		c.Ownership.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{testenv.Hung(t)}, Multicall3: "none"}}
		c.Ownership.CallTimeout = 200 * time.Millisecond
	})
	start := time.Now()
	resp, body := w.walletSignIn(t, ts, w.wallet, w.chain.Accounts[3], same)
	wantError(t, resp, body, 503, "chain_unavailable")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s with a 200ms call timeout", d)
	}
	resp, body = w.walletSignIn(t, ts, w.wallet, w.chain.Accounts[3], wrap6492(w.factory, nil))
	wantError(t, resp, body, 503, "chain_unavailable")
	e := newEOA(t, ts)
	resp, body = ts.signIn(t, e.body(t, nil))
	wantSession(t, resp, body, e.addr)
}

// TestSignInFaultyFirstEndpoint: however the first RPC endpoint misbehaves,
// contract wallets sign in through the second (EIP-1271 and ERC-6492), a
// wrong key is still refused, and with the faulty endpoint alone the answer
// is 503 chain_unavailable, never 401.
func TestSignInFaultyFirstEndpoint(t *testing.T) {
	w := newWorld(t)
	owner, stranger := w.chain.Accounts[3], w.chain.Accounts[4]
	salt := [32]byte{1, 0, 1}
	predicted := w.predict(t, owner.Address, salt)
	counterfactual := wrap6492(w.factory, walletFactory.PackDeploy(owner.Address, salt))
	faulty := testenv.FaultProxy(t, w.chain.RPCURL)
	signer := func(rpc ...string) *testSigner {
		return newTestSigner(t, func(c *Config, _ *Deps) {
			c.Ownership.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: rpc, Multicall3: "none"}}
			c.Ownership.CallTimeout = time.Second // the faulty endpoint's hang costs this per call
		})
	}
	for _, mode := range testenv.FaultModes {
		t.Run(mode.String(), func(t *testing.T) {
			faulty.Set(mode)
			faulty.Reset()
			ts := signer(faulty.URL, w.chain.RPCURL)
			if resp, body := w.walletSignIn(t, ts, w.wallet, owner, same); resp.StatusCode != 200 {
				t.Fatalf("EIP-1271 wallet: %d %s", resp.StatusCode, body)
			}
			if resp, body := w.walletSignIn(t, ts, predicted, owner, counterfactual); resp.StatusCode != 200 {
				t.Fatalf("ERC-6492 counterfactual wallet: %d %s", resp.StatusCode, body)
			}
			resp, body := w.walletSignIn(t, ts, w.wallet, stranger, same)
			wantError(t, resp, body, 401, "invalid_signature")
			if faulty.Calls("eth_call") == 0 {
				t.Fatal("the faulty endpoint was never asked")
			}

			ts = signer(faulty.URL)
			resp, body = w.walletSignIn(t, ts, w.wallet, owner, same)
			wantError(t, resp, body, 503, "chain_unavailable")
			resp, body = w.walletSignIn(t, ts, predicted, owner, counterfactual)
			wantError(t, resp, body, 503, "chain_unavailable")
		})
	}
}

var unwrapCases = [][]byte{
	nil,
	suffix6492,
	append([]byte{1, 2, 3}, suffix6492...),
	wrap6492(common.Address{9}, []byte("calldata"))(bytes.Repeat([]byte{7}, 65)),
	bytes.Repeat([]byte{0x64, 0x92}, 40),
}

func TestUnwrap6492(t *testing.T) {
	inner := bytes.Repeat([]byte{7}, 65)
	w, wrapped, err := unwrap6492(wrap6492(common.Address{9}, []byte("calldata"))(inner))
	if err != nil || !wrapped || w.factory != (common.Address{9}) || string(w.factoryCalldata) != "calldata" || !bytes.Equal(w.sig, inner) {
		t.Fatalf("unwrap6492 = %+v, %v, %v", w, wrapped, err)
	}
	if _, wrapped, err := unwrap6492(inner); wrapped || err != nil {
		t.Fatalf("a plain signature: wrapped %v, %v", wrapped, err)
	}
	if _, wrapped, err := unwrap6492(suffix6492); !wrapped || err == nil {
		t.Fatalf("suffix alone: wrapped %v, %v; want an error", wrapped, err)
	}
}

func FuzzUnwrap6492(f *testing.F) {
	for _, c := range unwrapCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, sig []byte) {
		w, wrapped, err := unwrap6492(sig)
		if err == nil && wrapped && len(w.sig)+len(w.factoryCalldata)+len(suffix6492) > len(sig) {
			t.Fatalf("decoded more bytes than given: %+v", w)
		}
	})
}

func TestIsMagic1271(t *testing.T) {
	word := append(append([]byte{}, magic1271...), make([]byte, 28)...)
	for _, tc := range []struct {
		out  []byte
		want bool
	}{
		{word, true},
		{append(word, 1), true}, // extra data after the word, as Solidity ignores it
		{magic1271, false},
		{nil, false},
		{append(append([]byte{}, magic1271...), append(make([]byte, 27), 1)...), false},
		{append([]byte{0xde, 0xad, 0xbe, 0xef}, make([]byte, 28)...), false},
	} {
		if got := isMagic1271(tc.out); got != tc.want {
			t.Errorf("isMagic1271(%x) = %v", tc.out, got)
		}
	}
}
