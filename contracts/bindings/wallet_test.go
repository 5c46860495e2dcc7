package bindings_test

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/contracts/bindings"
)

var (
	magic   = [4]byte{0x16, 0x26, 0xba, 0x7e}
	invalid = [4]byte{0xff, 0xff, 0xff, 0xff}
)

// sign signs hash itself with a 65-byte [R || S || V] signature, V in {27, 28}.
func sign(t *testing.T, a account, hash common.Hash) []byte {
	t.Helper()
	sig, err := crypto.Sign(hash[:], a.key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return sig
}

// malleate returns the other valid signature of the same key and hash, the
// one with a high S.
func malleate(sig []byte) []byte {
	out := bytes.Clone(sig)
	s := new(big.Int).Sub(crypto.S256().Params().N, new(big.Int).SetBytes(sig[32:64]))
	s.FillBytes(out[32:64])
	out[64] = 27 + 28 - out[64] // 27 ↔ 28
	return out
}

func TestTestWallet(t *testing.T) {
	key, stranger := newAccount(t), newAccount(t)
	c := newChain(t, key, stranger)
	tw := bindings.NewTestWallet()
	walletAddr := c.deploy(key, &bindings.TestWalletMetaData, tw.PackConstructor(key.addr))
	wallet := tw.Instance(c.client, walletAddr)

	hash := common.BytesToHash(accounts.TextHash([]byte("sign in to streamgate")))
	sig := sign(t, key, hash)
	isValid := func(sig []byte) [4]byte {
		return call(t, wallet, tw.PackIsValidSignature(hash, sig), tw.UnpackIsValidSignature)
	}
	for _, tc := range []struct {
		name string
		sig  []byte
		want [4]byte
	}{
		{"owner", sig, magic},
		{"another key", sign(t, stranger, hash), invalid},
		{"another hash", sign(t, key, crypto.Keccak256Hash([]byte("other"))), invalid},
		{"high s", malleate(sig), invalid},
		{"64 bytes", sig[:64], invalid},
		{"empty", nil, invalid},
	} {
		if got := isValid(tc.sig); got != tc.want {
			t.Errorf("isValidSignature(%s) = %x, want %x", tc.name, got, tc.want)
		}
	}

	// Only the owner key changes the mode; each mode misbehaves as documented.
	revertAs[*bindings.TestWalletNotOwner](t, tw.UnpackError, c.reverts(stranger, wallet, tw.PackSetMode(bindings.TestWalletRevert)))
	if _, err := bind.Transact(wallet, key.opts, tw.PackSetMode(bindings.TestWalletEmptyReturn+1)); err == nil {
		t.Error("setMode(unknown) did not revert")
	}
	packed := tw.PackIsValidSignature(hash, sig)
	setMode := func(m uint8) {
		c.transact(key, wallet, tw.PackSetMode(m))
		if got := call(t, wallet, tw.PackMode(), tw.UnpackMode); got != m {
			t.Fatalf("mode = %d after setMode(%d)", got, m)
		}
	}
	setMode(bindings.TestWalletRevert)
	revertAs[*bindings.TestWalletReverted](t, tw.UnpackError, callReverts(t, wallet, packed))
	setMode(bindings.TestWalletWrongMagic)
	if got := isValid(sig); got != [4]byte{0xde, 0xad, 0xbe, 0xef} {
		t.Errorf("WrongMagic mode returned %x", got)
	}
	for _, m := range []struct {
		mode uint8
		want []byte
	}{{bindings.TestWalletShortReturn, magic[:]}, {bindings.TestWalletEmptyReturn, nil}} {
		setMode(m.mode)
		raw, err := wallet.CallRaw(&bind.CallOpts{Context: t.Context()}, packed)
		if err != nil || !bytes.Equal(raw, m.want) {
			t.Errorf("mode %d returned %x, %v; want %x", m.mode, raw, err, m.want)
		}
		if v, err := tw.UnpackIsValidSignature(raw); err == nil {
			t.Errorf("mode %d: %x unpacked to %x, want an error", m.mode, raw, v)
		}
	}
	setMode(bindings.TestWalletHonest)
	if got := isValid(sig); got != magic {
		t.Errorf("Honest mode again: %x", got)
	}
}

func TestTestWalletHoldsPasses(t *testing.T) {
	key, creator, alice := newAccount(t), newAccount(t), newAccount(t)
	c := newChain(t, key, creator, alice)
	tw, ap, mp := bindings.NewTestWallet(), bindings.NewAccessPass(), bindings.NewMultiPass()
	walletAddr := c.deploy(key, &bindings.TestWalletMetaData, tw.PackConstructor(key.addr))
	wallet := tw.Instance(c.client, walletAddr)
	pass := ap.Instance(c.client, c.deploy(creator, &bindings.AccessPassMetaData, ap.PackConstructor("Pass", "PASS", creator.addr)))
	multi := mp.Instance(c.client, c.deploy(creator, &bindings.MultiPassMetaData, mp.PackConstructor("", creator.addr)))

	// Safe mints call onERC721Received / onERC1155Received on the wallet.
	c.transact(creator, pass, ap.PackMintId(walletAddr, big.NewInt(7)))
	c.transact(creator, multi, mp.PackMint(walletAddr, big.NewInt(1), big.NewInt(2)))
	wantInt(t, "wallet's MultiPass balance", call(t, multi, mp.PackBalanceOf(walletAddr, big.NewInt(1)), mp.UnpackBalanceOf), 2)

	// The owner key moves the wallet's pass through execute.
	c.transact(key, wallet, tw.PackExecute(pass.Address(), new(big.Int), ap.PackTransferFrom(walletAddr, alice.addr, big.NewInt(7))))
	if got := call(t, pass, ap.PackOwnerOf(big.NewInt(7)), ap.UnpackOwnerOf); got != alice.addr {
		t.Errorf("ownerOf(7) = %s after execute, want alice", got)
	}
	revertAs[*bindings.TestWalletNotOwner](t, tw.UnpackError, c.reverts(alice, wallet, tw.PackExecute(pass.Address(), new(big.Int), nil)))
}

func TestTestWalletFactory(t *testing.T) {
	key, deployer := newAccount(t), newAccount(t)
	c := newChain(t, key, deployer)
	tf := bindings.NewTestWalletFactory()
	factory := tf.Instance(c.client, c.deploy(deployer, &bindings.TestWalletFactoryMetaData, nil))
	salt := common.HexToHash("0x5a17")

	predicted := call(t, factory, tf.PackPredict(key.addr, salt), tf.UnpackPredict)
	if code, err := c.client.CodeAt(t.Context(), predicted, nil); err != nil || len(code) != 0 {
		t.Fatalf("code at predicted address before deploy: %d bytes, %v", len(code), err)
	}
	r := c.transact(deployer, factory, tf.PackDeploy(key.addr, salt))
	ev, err := tf.UnpackDeployedEvent(r.Logs[len(r.Logs)-1])
	if err != nil || ev.Wallet != predicted || ev.Owner != key.addr {
		t.Fatalf("Deployed event %+v, %v; want wallet %s", ev, err, predicted)
	}
	// Read through the standard interface, as a verifier would.
	hash := crypto.Keccak256Hash([]byte("counterfactual"))
	i1271 := bindings.NewIERC1271()
	wallet := i1271.Instance(c.client, predicted)
	if got := call(t, wallet, i1271.PackIsValidSignature(hash, sign(t, key, hash)), i1271.UnpackIsValidSignature); got != magic {
		t.Errorf("isValidSignature on the factory's wallet = %x", got)
	}
}

func TestMulticall3(t *testing.T) {
	owner, alice := newAccount(t), newAccount(t)
	c := newChain(t, owner, alice)
	ml, ap, mp, tt := bindings.NewMulticall3(), bindings.NewAccessPass(), bindings.NewMultiPass(), bindings.NewTestToken()
	multicall := ml.Instance(c.client, c.deploy(owner, &bindings.Multicall3MetaData, nil))
	pass := c.deploy(owner, &bindings.AccessPassMetaData, ap.PackConstructor("Pass", "PASS", owner.addr))
	multi := c.deploy(owner, &bindings.MultiPassMetaData, mp.PackConstructor("", owner.addr))
	token := c.deploy(owner, &bindings.TestTokenMetaData, tt.PackConstructor("Test", "TST", owner.addr))
	c.transact(owner, ap.Instance(c.client, pass), ap.PackMint(alice.addr))
	c.transact(owner, mp.Instance(c.client, multi), mp.PackMint(alice.addr, big.NewInt(4), big.NewInt(3)))
	c.transact(owner, tt.Instance(c.client, token), tt.PackMint(alice.addr, big.NewInt(5e18)))

	// The selector of the Multicall3 deployed on most chains.
	if sel := ml.PackAggregate3(nil)[:4]; !bytes.Equal(sel, []byte{0x82, 0xad, 0x56, 0xcb}) {
		t.Errorf("aggregate3 selector %x, want 82ad56cb", sel)
	}
	// Packed with the standard interfaces, as a reader of any token would.
	i721, i1155, i20 := bindings.NewIERC721(), bindings.NewIERC1155(), bindings.NewIERC20()
	calls := []bindings.Multicall3Call3{
		{Target: pass, CallData: i721.PackBalanceOf(alice.addr)},
		{Target: multi, CallData: i1155.PackBalanceOf(alice.addr, big.NewInt(4))},
		{Target: token, CallData: i20.PackBalanceOf(alice.addr)},
		{Target: pass, AllowFailure: true, CallData: i721.PackOwnerOf(big.NewInt(99))},
	}
	res := call(t, multicall, ml.PackAggregate3(calls), ml.UnpackAggregate3)
	if len(res) != len(calls) {
		t.Fatalf("%d results for %d calls", len(res), len(calls))
	}
	unpacks := []func([]byte) (*big.Int, error){i721.UnpackBalanceOf, i1155.UnpackBalanceOf, i20.UnpackBalanceOf}
	for i, want := range []int64{1, 3, 5e18} {
		v, err := unpacks[i](res[i].ReturnData)
		if !res[i].Success || err != nil {
			t.Fatalf("result %d: success %v, %v", i, res[i].Success, err)
		}
		wantInt(t, "aggregate3 balance", v, want)
	}
	if res[3].Success {
		t.Errorf("ownerOf(99) succeeded in aggregate3")
	}
	gone := revertAs[*bindings.AccessPassERC721NonexistentToken](t, ap.UnpackError, res[3].ReturnData)
	wantInt(t, "ownerOf(99) reverted with ERC721NonexistentToken", gone.TokenId, 99)

	calls[3].AllowFailure = false
	reason, err := abi.UnpackRevert(callReverts(t, multicall, ml.PackAggregate3(calls)))
	if err != nil || reason != "Multicall3: call failed" {
		t.Errorf("aggregate3 with a failing call: %q, %v", reason, err)
	}
	if n := call(t, multicall, ml.PackGetBlockNumber(), ml.UnpackGetBlockNumber); n.Sign() <= 0 {
		t.Errorf("getBlockNumber = %s", n)
	}
}
