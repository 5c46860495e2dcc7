package main

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"

	"github.com/streamgate/streamgate/contracts/bindings"
)

// chainID is the simulated chain's EIP-155 id (go-ethereum's dev chain).
const chainID = 1337

// mintChunk is how many passes one mintMany transaction mints: at the
// ~230k gas a BatchPass mint measured (ERC721Consecutive's checkpoints), 60
// keep a transaction near 14M gas, under the 2^24 per-transaction cap of
// recent forks.
const mintChunk = 60

// chain is go-ethereum's simulated chain in this process, with JSON-RPC over
// HTTP and websocket on one loopback port, Multicall3, and the BatchPass
// that gates the premiere, held by every viewer.
type chain struct {
	sim       *simulated.Backend
	url       string // http://127.0.0.1:PORT; ws:// on the same port
	pass      common.Address
	multicall common.Address
	deployer  *bind.TransactOpts
}

// startChain starts the chain, deploys Multicall3 and a BatchPass, and
// mints one pass to each holder, mintChunk per transaction (one block
// each). The caller closes it.
func startChain(ctx context.Context, port int, holders []common.Address) (c *chain, err error) {
	key, err := crypto.GenerateKey()
	if err != nil {
		return nil, err
	}
	opts := bind.NewKeyedTransactor(key, big.NewInt(chainID))
	opts.Context = ctx
	alloc := types.GenesisAlloc{opts.From: {Balance: new(big.Int).Mul(big.NewInt(1000), big.NewInt(1e18))}}
	defer func() {
		if r := recover(); r != nil { // NewBackend panics when the node cannot start
			err = fmt.Errorf("starting the simulated chain on port %d: %v", port, r)
		}
	}()
	sim := simulated.NewBackend(alloc, func(n *node.Config, _ *ethconfig.Config) {
		n.HTTPHost, n.HTTPPort = loopback, port
		n.HTTPModules, n.HTTPVirtualHosts = []string{"eth", "net", "web3"}, []string{"*"}
		n.WSHost, n.WSPort, n.WSModules, n.WSOrigins = loopback, port, []string{"eth"}, []string{"*"}
	})
	c = &chain{sim: sim, url: fmt.Sprintf("http://%s:%d", loopback, port), deployer: opts}
	if err := c.setUp(holders); err != nil {
		c.close()
		return nil, err
	}
	return c, nil
}

func (c *chain) setUp(holders []common.Address) error {
	var err error
	if c.multicall, err = c.deploy(&bindings.Multicall3MetaData, nil); err != nil {
		return fmt.Errorf("deploying Multicall3: %w", err)
	}
	bp := bindings.NewBatchPass()
	if c.pass, err = c.deploy(&bindings.BatchPassMetaData, bp.PackConstructor("Premiere Pass", "PREM", c.deployer.From, nil, nil)); err != nil {
		return fmt.Errorf("deploying the BatchPass: %w", err)
	}
	bound := bind.NewBoundContract(c.pass, abi.ABI{}, c.sim.Client(), c.sim.Client(), c.sim.Client())
	opts := *c.deployer
	opts.GasLimit = 15_000_000
	for i := 0; i < len(holders); i += mintChunk {
		chunk := holders[i:min(i+mintChunk, len(holders))]
		tx, err := bind.Transact(bound, &opts, bp.PackMintMany(chunk))
		if err != nil {
			return fmt.Errorf("minting passes %d..%d: %w", i, i+len(chunk)-1, err)
		}
		if err := c.mined(tx); err != nil {
			return fmt.Errorf("minting passes %d..%d: %w", i, i+len(chunk)-1, err)
		}
	}
	return nil
}

func (c *chain) deploy(meta *bind.MetaData, ctor []byte) (common.Address, error) {
	addr, tx, err := bind.DeployContract(c.deployer, common.FromHex(meta.Bin), c.sim.Client(), ctor)
	if err != nil {
		return common.Address{}, err
	}
	return addr, c.mined(tx)
}

// mined commits a block and checks that tx succeeded in it.
func (c *chain) mined(tx *types.Transaction) error {
	c.sim.Commit()
	r, err := bind.WaitMined(c.deployer.Context, c.sim.Client(), tx.Hash())
	if err != nil {
		return err
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return fmt.Errorf("transaction %s reverted (gas used %d)", tx.Hash(), r.GasUsed)
	}
	return nil
}

// head is the latest block number.
func (c *chain) head(ctx context.Context) (uint64, error) {
	return c.sim.Client().BlockNumber(ctx)
}

func (c *chain) close() { _ = c.sim.Close() } // a bench run ends here either way

// policy is the premiere's asset policy: hold the pass.
func (c *chain) policy() string {
	return fmt.Sprintf(`{"any":[{"chain_id":%d,"contract":"%s","standard":"erc721"}]}`, chainID, c.pass.Hex())
}
