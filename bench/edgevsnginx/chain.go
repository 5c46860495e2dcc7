package main

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"os"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/streamgate/streamgate/bench/internal/proc"
	"github.com/streamgate/streamgate/contracts/bindings"
)

// chainID is the simulated chain's EIP-155 id (go-ethereum's dev chain).
const chainID = 1337

// chain is go-ethereum's simulated chain, run inside the benchmark process
// with its JSON-RPC on a loopback HTTP port, and the AccessPass (ERC-721)
// that gates the asset. Blocks are mined only by Commit, so once the pass is
// minted the chain is idle apart from the edge's eth_calls, which its
// ownership cache keeps to about one a minute.
type chain struct {
	sim      *simulated.Backend
	rpcURL   string         // http://127.0.0.1:PORT
	contract common.Address // the AccessPass
}

// startChain starts the chain with a funded deployer, deploys an AccessPass
// and mints one pass to wallet. The caller closes the chain.
func startChain(ctx context.Context) (*chain, error) {
	key, err := crypto.GenerateKey()
	if err != nil {
		return nil, fmt.Errorf("making the deployer key: %w", err)
	}
	deployer := crypto.PubkeyToAddress(key.PublicKey)
	port, err := proc.FreePort()
	if err != nil {
		return nil, err
	}
	alloc := types.GenesisAlloc{deployer: {Balance: new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18))}}
	sim, err := newSim(alloc, port)
	if err != nil {
		return nil, err
	}
	c := &chain{sim: sim, rpcURL: fmt.Sprintf("http://%s:%d", loopback, port)}
	if err := c.setUp(ctx, key); err != nil {
		c.close()
		return nil, err
	}
	return c, nil
}

// newSim starts the backend with its RPC on port, as internal/testenv does.
// NewBackend panics when the node cannot start (say, the port was taken in
// the meantime); that becomes an error here.
func newSim(alloc types.GenesisAlloc, port int) (sim *simulated.Backend, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("starting the simulated chain on port %d: %v", port, r)
		}
	}()
	return simulated.NewBackend(alloc, func(n *node.Config, _ *ethconfig.Config) {
		n.HTTPHost = loopback
		n.HTTPPort = port
		n.HTTPModules = []string{"eth", "net", "web3"}
		n.HTTPVirtualHosts = []string{"*"}
	}), nil
}

// setUp checks that the HTTP endpoint answers with the right chain id, then
// deploys the pass and mints one to wallet.
func (c *chain) setUp(ctx context.Context, key *ecdsa.PrivateKey) error {
	rpc, err := ethclient.DialContext(ctx, c.rpcURL)
	if err != nil {
		return fmt.Errorf("dialling the chain's RPC %s: %w", c.rpcURL, err)
	}
	id, err := rpc.ChainID(ctx)
	rpc.Close()
	if err != nil {
		return fmt.Errorf("chain's RPC %s: eth_chainId: %w", c.rpcURL, err)
	}
	if id.Int64() != chainID {
		return fmt.Errorf("chain's RPC %s: chain id %s, want %d", c.rpcURL, id, chainID)
	}

	opts := bind.NewKeyedTransactor(key, big.NewInt(chainID))
	opts.Context = ctx
	client := c.sim.Client()
	pass := bindings.NewAccessPass()
	addr, tx, err := bind.DeployContract(opts, common.FromHex(bindings.AccessPassMetaData.Bin), client,
		pass.PackConstructor("Bench Pass", "BENCH", opts.From))
	if err != nil {
		return fmt.Errorf("deploying the AccessPass: %w", err)
	}
	if err := c.mined(ctx, tx, "deploying the AccessPass"); err != nil {
		return err
	}
	c.contract = addr
	bound := bind.NewBoundContract(addr, abi.ABI{}, client, client, client) // raw data: no ABI needed
	tx, err = bind.Transact(bound, opts, pass.PackMint(common.HexToAddress(wallet)))
	if err != nil {
		return fmt.Errorf("minting a pass to %s: %w", wallet, err)
	}
	return c.mined(ctx, tx, "minting a pass to "+wallet)
}

// mined commits a block and checks that tx succeeded in it.
func (c *chain) mined(ctx context.Context, tx *types.Transaction, what string) error {
	c.sim.Commit()
	r, err := bind.WaitMined(ctx, c.sim.Client(), tx.Hash())
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return fmt.Errorf("%s: transaction %s reverted", what, tx.Hash())
	}
	return nil
}

// policy is the asset's policy: hold the pass.
func (c *chain) policy() string {
	return fmt.Sprintf(`{"any":[{"chain_id":%d,"contract":"%s","standard":"erc721"}]}`, chainID, c.contract.Hex())
}

// ownershipConfig is the edge's YAML for the chain. Multicall3 is not
// deployed on it, so the edge makes plain eth_calls.
func (c *chain) ownershipConfig() string {
	return fmt.Sprintf(`ownership:
  chains:
    - id: %d
      rpc: [%q]
      multicall3: none
`, chainID, c.rpcURL)
}

func (c *chain) close() {
	if err := c.sim.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "edgevsnginx: closing the chain:", err)
	}
}
