package indexer

import (
	"math/big"
	"strconv"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"

	"github.com/streamgate/streamgate/internal/testenv"
)

// wsChain is testenv.Chain with its RPC on a websocket, which offers
// eth_subscribe.
func wsChain(t *testing.T) (*testenv.ChainEnv, string) {
	env := &testenv.ChainEnv{}
	alloc := types.GenesisAlloc{}
	for range 3 {
		a := testenv.NewAccount(t)
		env.Accounts = append(env.Accounts, a)
		alloc[a.Address] = types.Account{Balance: new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18))}
	}
	port := testenv.FreePort(t)
	env.Sim = simulated.NewBackend(alloc, func(n *node.Config, _ *ethconfig.Config) {
		n.WSHost, n.WSModules, n.WSOrigins = "127.0.0.1", []string{"eth"}, []string{"*"}
		n.WSPort, _ = strconv.Atoi(port)
	})
	t.Cleanup(func() { env.Sim.Close() })
	env.Client = env.Sim.Client()
	return env, "ws://127.0.0.1:" + port
}

// TestNewHeadsOverWS: over a websocket the indexer wakes on each new head,
// so a transfer is published long before the next poll.
func TestNewHeadsOverWS(t *testing.T) {
	c, url := wsChain(t)
	w := worldOn(t, c)
	id := w.mintPass(t, w.alice.Address)
	cfg := w.fastConfig(w.pass)
	cfg.PollInterval = time.Hour // only a new head can wake it
	// The state's heartbeat needs a step within live_ttl, which an hour's
	// poll does not give: this test is about invalidations, not the state.
	cfg.State.Enabled = false
	cfg.Chains[0].RPC = []string{url}
	rec := &recorder{}
	x, _ := w.run(t, cfg, rec, nil)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("started", func() bool { return x.Processed(testenv.ChainID) > 0 }))
	time.Sleep(100 * time.Millisecond) // the subscription is up
	w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.bob.Address, id))
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("published on the new head", func() bool { return len(rec.got()) == 1 }))
}
