package bindings_test

import (
	"crypto/ecdsa"
	"encoding/hex"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/rpc"
)

// chainID is the simulated backend's.
var chainID = big.NewInt(1337)

// account is a funded key on the test chain.
type account struct {
	key  *ecdsa.PrivateKey
	addr common.Address
	opts *bind.TransactOpts
}

func newAccount(t *testing.T) account {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return account{key: key, addr: crypto.PubkeyToAddress(key.PublicKey), opts: bind.NewKeyedTransactor(key, chainID)}
}

// testChain is a simulated chain whose every transaction is mined at once.
type testChain struct {
	t      *testing.T
	sim    *simulated.Backend
	client simulated.Client
}

// newChain starts a simulated chain on which each of accts holds 100 ETH.
func newChain(t *testing.T, accts ...account) *testChain {
	t.Helper()
	alloc := types.GenesisAlloc{}
	for _, a := range accts {
		alloc[a.addr] = types.Account{Balance: new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18))}
	}
	sim := simulated.NewBackend(alloc)
	t.Cleanup(func() { sim.Close() })
	return &testChain{t: t, sim: sim, client: sim.Client()}
}

// deploy deploys the contract of meta with the packed constructor arguments.
func (c *testChain) deploy(from account, meta *bind.MetaData, ctor []byte) common.Address {
	c.t.Helper()
	addr, tx, err := bind.DeployContract(from.opts, common.FromHex(meta.Bin), c.client, ctor)
	if err != nil {
		c.t.Fatalf("deploying %s: %v", meta.ID, err)
	}
	c.mined(tx)
	return addr
}

// transact sends data to the contract from an account and fails the test
// unless the transaction succeeds.
func (c *testChain) transact(from account, contract *bind.BoundContract, data []byte) *types.Receipt {
	c.t.Helper()
	tx, err := bind.Transact(contract, from.opts, data)
	if err != nil {
		c.t.Fatalf("transaction from %s: %v", from.addr, err)
	}
	return c.mined(tx)
}

// reverts returns the revert data of a transaction that must fail in gas
// estimation, as a revert does.
func (c *testChain) reverts(from account, contract *bind.BoundContract, data []byte) []byte {
	c.t.Helper()
	tx, err := bind.Transact(contract, from.opts, data)
	if err == nil {
		c.mined(tx)
		c.t.Fatalf("transaction from %s succeeded, want a revert", from.addr)
	}
	return revertData(c.t, err)
}

func (c *testChain) mined(tx *types.Transaction) *types.Receipt {
	c.t.Helper()
	c.sim.Commit()
	r, err := bind.WaitMined(c.t.Context(), c.client, tx.Hash())
	if err != nil {
		c.t.Fatal(err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		c.t.Fatalf("transaction %s failed", tx.Hash())
	}
	return r
}

// revertData extracts the revert data the node returns with an execution error.
func revertData(t *testing.T, err error) []byte {
	t.Helper()
	var de rpc.DataError
	if !errors.As(err, &de) {
		t.Fatalf("error without revert data: %v", err)
	}
	s, _ := de.ErrorData().(string)
	data, derr := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if derr != nil {
		t.Fatalf("revert data %q: %v", s, derr)
	}
	return data
}

// call runs a view function and fails the test on error.
func call[T any](t *testing.T, contract *bind.BoundContract, data []byte, unpack func([]byte) (T, error)) T {
	t.Helper()
	v, err := bind.Call(contract, &bind.CallOpts{Context: t.Context()}, data, unpack)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// callReverts returns the revert data of a view call that must revert.
func callReverts(t *testing.T, contract *bind.BoundContract, data []byte) []byte {
	t.Helper()
	out, err := contract.CallRaw(&bind.CallOpts{Context: t.Context()}, data)
	if err == nil {
		t.Fatalf("call returned %x, want a revert", out)
	}
	return revertData(t, err)
}

// revertAs decodes revert data with a binding's UnpackError, which checks the
// selector, and fails the test unless the error is an E.
func revertAs[E any](t *testing.T, unpack func([]byte) (any, error), data []byte) E {
	t.Helper()
	v, err := unpack(data)
	if err != nil {
		t.Fatalf("revert data %x: %v", data, err)
	}
	e, ok := v.(E)
	if !ok {
		t.Fatalf("reverted with %T %+v, want %T", v, v, e)
	}
	return e
}

func wantInt(t *testing.T, what string, got *big.Int, want int64) {
	t.Helper()
	if got.Cmp(big.NewInt(want)) != 0 {
		t.Errorf("%s = %s, want %d", what, got, want)
	}
}

func ids(v ...int64) []*big.Int {
	out := make([]*big.Int, len(v))
	for i, x := range v {
		out[i] = big.NewInt(x)
	}
	return out
}
