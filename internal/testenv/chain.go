package testenv

import (
	"crypto/ecdsa"
	"math/big"
	"strconv"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
)

// ChainID is the simulated chain's EIP-155 id.
const ChainID = 1337

// Account is a funded key on the test chain.
type Account struct {
	Key     *ecdsa.PrivateKey
	Address common.Address
	Opts    *bind.TransactOpts
}

// ChainEnv is go-ethereum's simulated chain with its JSON-RPC served over
// HTTP on a loopback port, so code under test reaches it as it would a real
// node. Blocks are mined by Commit (Transact commits for you).
type ChainEnv struct {
	Sim      *simulated.Backend
	Client   simulated.Client
	RPCURL   string // http://127.0.0.1:PORT
	WSURL    string // ws://127.0.0.1:PORT, the same port (eth_subscribe)
	Accounts []*Account
}

// Chain starts a chain on which five accounts hold 100 ETH each.
func Chain(t testing.TB) *ChainEnv {
	t.Helper()
	env := &ChainEnv{}
	alloc := types.GenesisAlloc{}
	for range 5 {
		a := NewAccount(t)
		env.Accounts = append(env.Accounts, a)
		alloc[a.Address] = types.Account{Balance: new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18))}
	}
	port := FreePort(t)
	env.Sim = simulated.NewBackend(alloc, func(n *node.Config, _ *ethconfig.Config) {
		n.HTTPHost = "127.0.0.1"
		n.HTTPPort, _ = strconv.Atoi(port)
		n.HTTPModules = []string{"eth", "net", "web3"}
		n.HTTPVirtualHosts = []string{"*"}
		n.WSHost, n.WSPort, n.WSModules, n.WSOrigins = n.HTTPHost, n.HTTPPort, []string{"eth"}, []string{"*"}
	})
	t.Cleanup(func() { env.Sim.Close() })
	env.Client = env.Sim.Client()
	env.RPCURL = "http://127.0.0.1:" + port
	env.WSURL = "ws://127.0.0.1:" + port
	return env
}

// NewAccount makes a key (unfunded unless it came from Chain).
func NewAccount(t testing.TB) *Account {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return &Account{Key: key, Address: crypto.PubkeyToAddress(key.PublicKey), Opts: bind.NewKeyedTransactor(key, big.NewInt(ChainID))}
}

// Deploy deploys the contract of meta with the packed constructor input.
func (c *ChainEnv) Deploy(t testing.TB, from *Account, meta *bind.MetaData, ctor []byte) common.Address {
	t.Helper()
	addr, tx, err := bind.DeployContract(from.Opts, common.FromHex(meta.Bin), c.Client, ctor)
	if err != nil {
		t.Fatalf("deploying %s: %v", meta.ID, err)
	}
	c.Mined(t, tx)
	return addr
}

// Transact sends data to addr from an account, mines it, and fails the
// test unless it succeeds.
func (c *ChainEnv) Transact(t testing.TB, from *Account, addr common.Address, data []byte) *types.Receipt {
	t.Helper()
	contract := bind.NewBoundContract(addr, abi.ABI{}, c.Client, c.Client, c.Client) // raw data: no ABI needed
	tx, err := bind.Transact(contract, from.Opts, data)
	if err != nil {
		t.Fatalf("transaction from %s: %v", from.Address, err)
	}
	return c.Mined(t, tx)
}

// Mined commits a block and returns tx's successful receipt.
func (c *ChainEnv) Mined(t testing.TB, tx *types.Transaction) *types.Receipt {
	t.Helper()
	c.Sim.Commit()
	r, err := bind.WaitMined(t.Context(), c.Client, tx.Hash())
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("transaction %s failed", tx.Hash())
	}
	return r
}
