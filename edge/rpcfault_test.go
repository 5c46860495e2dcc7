package edge

import (
	"testing"
	"time"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/testenv"
)

// TestFaultyRPCNeverRevokes: a holder who is playing keeps playing when
// the first RPC endpoint starts misbehaving (the second answers), and with
// that endpoint alone and no grace gets 503 chain_unavailable, never 403
// revoked or policy_unmet.
func TestFaultyRPCNeverRevokes(t *testing.T) {
	chain := testenv.Chain(t)
	owner := chain.Accounts[0]
	pass := bindings.NewAccessPass()
	addr := chain.Deploy(t, owner, &bindings.AccessPassMetaData, pass.PackConstructor("Pass", "PASS", owner.Address))
	chain.Transact(t, owner, addr, pass.PackMint(chain.Accounts[1].Address))
	dir := sampleOrigin(t)
	writeAsset(t, dir, "gated", `{"any":[{"chain_id":1337,"contract":"`+addr.Hex()+`","standard":"erc721"}]}`)
	writeObject(t, dir, "gated/720p/seg1.m4s", segment)
	faulty := testenv.FaultProxy(t, chain.RPCURL)
	edge := func(rpc ...string) *testEdge {
		return newTestEdge(t, dir, func(c *Config) {
			c.Ownership.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: rpc, Multicall3: "none"}}
			c.Ownership.PositiveTTL, c.Ownership.NegativeTTL, c.Ownership.Grace = 50*time.Millisecond, 50*time.Millisecond, 0
			c.Ownership.CallTimeout = time.Second
		})
	}
	holder := chain.Accounts[1].Address
	for _, mode := range []testenv.FaultMode{testenv.FaultEmpty, testenv.FaultShort, testenv.FaultWrongID, testenv.FaultRPCError} {
		t.Run(mode.String(), func(t *testing.T) {
			for _, rpc := range [][]string{{faulty.URL, chain.RPCURL}, {faulty.URL}} {
				faulty.Set(testenv.FaultNone)
				e := edge(rpc...)
				seg := e.url + "/t/" + e.playbackFor(t, holder, "gated") + "/v/gated/720p/seg1.m4s"
				if resp, body := do(t, "GET", seg, nil); resp.StatusCode != 200 {
					t.Fatalf("holder before the fault: %d %s", resp.StatusCode, body)
				}
				faulty.Set(mode)
				time.Sleep(60 * time.Millisecond) // past the positive TTL: the chain is asked again
				resp, body := do(t, "GET", seg, nil)
				if len(rpc) > 1 {
					if resp.StatusCode != 200 {
						t.Fatalf("[faulty, healthy]: holder refused: %d %s", resp.StatusCode, body)
					}
					continue
				}
				wantError(t, resp, body, 503, "chain_unavailable")
			}
		})
	}
}
