// Package devchain runs an in-process EVM development chain (go-ethereum,
// chain id 1337) with its JSON-RPC on a loopback HTTP address, mining a block
// as soon as a transaction arrives, as `geth --dev` does. For `streamgate
// demo` and benchmarks; its state lives in memory only.
package devchain

import (
	"fmt"
	"maps"
	"math/big"
	"net"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
)

// ID is the chain id, as for geth --dev.
const ID = 1337

// Chain is a running development chain.
type Chain struct {
	RPCURL string
	Client *ethclient.Client
	stack  *node.Node
}

// Start runs a chain whose genesis funds the given accounts, serving
// JSON-RPC (eth, net, web3) on addr, e.g. "127.0.0.1:8545".
func Start(addr string, funded map[common.Address]*big.Int) (*Chain, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("devchain address %q: %w", addr, err)
	}
	nc := node.DefaultConfig
	nc.DataDir = ""
	nc.P2P = p2p.Config{NoDiscovery: true, MaxPeers: 0, ListenAddr: ""}
	nc.HTTPHost, nc.HTTPModules = host, []string{"eth", "net", "web3"}
	nc.HTTPPort, _ = strconv.Atoi(port)
	nc.HTTPVirtualHosts, nc.HTTPCors = []string{"*"}, []string{"*"} // the watch page's wallet may call it
	stack, err := node.New(&nc)
	if err != nil {
		return nil, fmt.Errorf("devchain node: %w", err)
	}
	c, err := start(stack, funded)
	if err != nil {
		stack.Close()
		return nil, err
	}
	return c, nil
}

func start(stack *node.Node, funded map[common.Address]*big.Int) (*Chain, error) {
	alloc := core.SystemContractAllocs()
	genesis := types.GenesisAlloc{}
	for a, wei := range funded {
		genesis[a] = types.Account{Balance: wei}
	}
	maps.Copy(alloc, genesis)
	ec := ethconfig.Defaults
	ec.NetworkId = ID
	ec.Genesis = &core.Genesis{Config: params.AllDevChainProtocolChanges, GasLimit: ethconfig.Defaults.Miner.GasCeil, Alloc: alloc}
	ec.SyncMode = ethconfig.FullSync
	ec.Miner.GasPrice = big.NewInt(1) // a dev chain takes any tip
	backend, err := eth.New(stack, &ec)
	if err != nil {
		return nil, fmt.Errorf("devchain: %w", err)
	}
	stack.RegisterAPIs([]rpc.API{{Namespace: "eth", Service: filters.NewFilterAPI(filters.NewFilterSystem(backend.APIBackend, filters.Config{}))}})
	beacon, err := catalyst.NewSimulatedBeacon(0, common.Address{}, backend) // period 0: a block per transaction
	if err != nil {
		return nil, fmt.Errorf("devchain beacon: %w", err)
	}
	catalyst.RegisterSimulatedBeaconAPIs(stack, beacon)
	stack.RegisterLifecycle(beacon)
	if err := stack.Start(); err != nil {
		return nil, fmt.Errorf("devchain: %w", err)
	}
	return &Chain{RPCURL: stack.HTTPEndpoint(), Client: ethclient.NewClient(stack.Attach()), stack: stack}, nil
}

// Close stops the chain.
func (c *Chain) Close() error {
	c.Client.Close()
	return c.stack.Close()
}
