package ownership

import (
	"context"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/internal/testenv"
)

// TestCallCreationChecksCounterfactualWallet runs SigCheck6492 deployless
// against a wallet that exists only as a CREATE2 address.
func TestCallCreationChecksCounterfactualWallet(t *testing.T) {
	w := newWorld(t)
	c := w.checker(t, nil).Chains()[testenv.ChainID]
	factoryABI := bindings.NewTestWalletFactory()
	factory := w.chain.Deploy(t, w.owner, &bindings.TestWalletFactoryMetaData, nil)
	salt := [32]byte{7}
	raw, err := c.Call(context.Background(), factory, factoryABI.PackPredict(w.alice.Address, salt), 32)
	if err != nil {
		t.Fatal(err)
	}
	wallet, err := factoryABI.UnpackPredict(raw)
	if err != nil {
		t.Fatal(err)
	}
	hash := crypto.Keccak256Hash([]byte("sign in"))
	check := bindings.NewSigCheck6492()
	for _, tc := range []struct {
		name string
		key  *testenv.Account
		want byte
	}{{"owner", w.alice, 1}, {"stranger", w.bob, 0}} {
		sig, err := crypto.Sign(hash[:], tc.key.Key)
		if err != nil {
			t.Fatal(err)
		}
		sig[64] += 27
		code := append(common.FromHex(bindings.SigCheck6492MetaData.Bin),
			check.PackConstructor(wallet, hash, sig, factory, factoryABI.PackDeploy(w.alice.Address, salt))...)
		out, err := c.CallCreation(context.Background(), code, 1)
		if err != nil || len(out) != 1 || out[0] != tc.want {
			t.Fatalf("%s: %x, %v; want %d", tc.name, out, err, tc.want)
		}
	}
	if code, _ := c.Code(context.Background(), wallet); len(code) != 0 {
		t.Fatal("the check deployed the wallet for real")
	}
}
