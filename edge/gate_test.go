package edge

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/testenv"
)

// gatedEdge serves asset "gated", whose policy needs the AccessPass that the
// chain's Accounts[1] holds and Accounts[2] does not.
func gatedEdge(t testing.TB) (*testEdge, *testenv.ChainEnv, common.Address) {
	chain := testenv.Chain(t)
	owner := chain.Accounts[0]
	pass := bindings.NewAccessPass()
	addr := chain.Deploy(t, owner, &bindings.AccessPassMetaData, pass.PackConstructor("Pass", "PASS", owner.Address))
	chain.Transact(t, owner, addr, pass.PackMint(chain.Accounts[1].Address))
	dir := sampleOrigin(t)
	writeAsset(t, dir, "gated", `{"any":[{"chain_id":1337,"contract":"`+addr.Hex()+`","standard":"erc721"}]}`)
	writeObject(t, dir, "gated/720p/seg1.m4s", segment)
	e := newTestEdge(t, dir, func(c *Config) {
		c.Ownership.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{chain.RPCURL}, Multicall3: "none"}}
	})
	return e, chain, addr
}

func (e *testEdge) playbackFor(t testing.TB, wallet common.Address, asset string) string {
	t.Helper()
	tok, _, err := e.issuer.Playback(strings.ToLower(wallet.Hex()), asset, time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestGateOnEveryRequest(t *testing.T) {
	e, chain, addr := gatedEdge(t)
	holder, other := chain.Accounts[1].Address, chain.Accounts[2].Address
	for _, path := range []string{"master.m3u8", "720p/seg1.m4s"} {
		resp, body := do(t, "GET", e.url+"/t/"+e.playbackFor(t, holder, "gated")+"/v/gated/"+path, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("holder: %s: %d %s", path, resp.StatusCode, body)
		}
	}
	resp, body := do(t, "GET", e.url+"/t/"+e.playbackFor(t, other, "gated")+"/v/gated/720p/seg1.m4s", nil)
	wantError(t, resp, body, 403, "policy_unmet")
	var msg httperr.Body
	if err := json.Unmarshal(body, &msg); err != nil {
		t.Fatal(err)
	}
	// The signer's wording, with no internal prefix: dApps show it as is.
	if msg.Message != "hold an ERC-721 of "+addr.Hex()+" on chain 1337" {
		t.Fatalf("403 does not name the unmet condition alone: %q", msg.Message)
	}
	// Public assets still play for anyone with a token.
	if resp, _ := do(t, "GET", e.url+"/t/"+e.playbackFor(t, other, "pub")+"/v/pub/master.m3u8", nil); resp.StatusCode != 200 {
		t.Fatalf("public asset: %d", resp.StatusCode)
	}
}
