package ownership

import (
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/streamgate/streamgate/internal/testenv"
)

// faultReason is the rpc_failures_total reason each misbehaviour counts as.
var faultReason = map[testenv.FaultMode]string{
	testenv.FaultEmpty:    "bad_answer",
	testenv.FaultShort:    "bad_answer",
	testenv.FaultHTML:     "bad_answer",
	testenv.FaultTooMany:  "http_429",
	testenv.FaultRPCError: "rpc_error",
	testenv.FaultWrongID:  "bad_answer",
	testenv.FaultHang:     "timeout",
}

// TestFaultyEndpointNeverRevokes: whatever way an endpoint misbehaves, a
// holder is admitted through the next endpoint; with no other endpoint the
// answer is ErrUnavailable, never ErrNotHeld, and nothing negative is kept
// (once the endpoint heals the holder is admitted). For one call, a
// Multicall3 batch and parallel calls.
func TestFaultyEndpointNeverRevokes(t *testing.T) {
	w := newWorld(t)
	w.mintPass(t, w.alice.Address)
	w.chain.Transact(t, w.owner, w.multi, multiPass.PackMint(w.alice.Address, big.NewInt(7), big.NewInt(1)))
	w.chain.Transact(t, w.owner, w.token, testToken.PackMint(w.alice.Address, big.NewInt(1)))
	all := `{"all":[` + cond721(w) +
		`,{"chain_id":1337,"contract":"` + w.multi.Hex() + `","standard":"erc1155","token_id":"7"}` +
		`,{"chain_id":1337,"contract":"` + w.token.Hex() + `","standard":"erc20"}]}`
	paths := []struct {
		name, policy, multicall string
	}{
		{"one call", cond721(w), w.multicall.Hex()},
		{"multicall3", all, w.multicall.Hex()},
		{"parallel calls", all, "none"},
	}
	faulty := testenv.FaultProxy(t, w.chain.RPCURL)
	for _, path := range paths {
		for _, mode := range testenv.FaultModes {
			t.Run(path.name+"/"+mode.String(), func(t *testing.T) {
				checker := func(rpc ...string) *Checker {
					return w.checker(t, func(cfg *Config) {
						if mode == testenv.FaultHang { // the default 3s would only slow the test
							cfg.CallTimeout = time.Second
						}
						cfg.Chains[0].RPC, cfg.Chains[0].Multicall3 = rpc, path.multicall
					})
				}
				faulty.Set(mode)
				faulty.Reset()
				w.resetCounts()
				c := checker(faulty.URL, w.rpc)
				if err := allow(c, w.alice.Address, path.policy, t); err != nil {
					t.Fatalf("[faulty, healthy]: holder refused: %v", err)
				}
				if faulty.Calls("eth_call")+faulty.Calls("eth_getCode") == 0 || w.calls("eth_call") == 0 {
					t.Fatalf("faulty endpoint asked %d times, healthy made %d eth_calls: want both asked",
						faulty.Calls("eth_call")+faulty.Calls("eth_getCode"), w.calls("eth_call"))
				}
				if n := counterValue(c.metrics.rpcFailures.WithLabelValues(faultReason[mode])); n == 0 {
					t.Fatalf("no rpc failure counted as %s", faultReason[mode])
				}

				c = checker(faulty.URL)
				err := allow(c, w.alice.Address, path.policy, t)
				if !errors.Is(err, ErrUnavailable) || errors.Is(err, ErrNotHeld) {
					t.Fatalf("[faulty] alone: err = %v, want ErrUnavailable", err)
				}
				faulty.Set(testenv.FaultNone)
				if err := allow(c, w.alice.Address, path.policy, t); err != nil {
					t.Fatalf("after the endpoint healed: holder refused: %v (a negative was kept)", err)
				}
			})
		}
	}
}

// TestNoCodeStillAnswersNone: an eth_call to an address without code
// returns nothing on every honest node; that stays the answer "holds none"
// (the endpoint is not blamed), through every call path.
func TestNoCodeStillAnswersNone(t *testing.T) {
	w := newWorld(t)
	w.mintPass(t, w.alice.Address)
	nowhere := common.Address{0x42}
	one := `{"chain_id":1337,"contract":"` + nowhere.Hex() + `","standard":"erc721"}`
	eoa := `{"chain_id":1337,"contract":"` + w.bob.Address.Hex() + `","standard":"erc20"}`
	both := `{"all":[` + cond721(w) + `,` + one + `]}`
	faulty := testenv.FaultProxy(t, w.chain.RPCURL)
	faulty.Set(testenv.FaultEmpty) // "0x" for every eth_call: true here
	for _, multicall := range []string{w.multicall.Hex(), "none"} {
		for _, rpc := range [][]string{{w.rpc}, {faulty.URL}} {
			c := w.checker(t, func(cfg *Config) { cfg.Chains[0].RPC, cfg.Chains[0].Multicall3 = rpc, multicall })
			wantUnmet(t, allow(c, w.alice.Address, one, t), "ERC-721 of "+nowhere.Hex())
			wantUnmet(t, allow(c, w.alice.Address, eoa, t), "ERC-20")
			if rpc[0] == w.rpc { // the pass is held: only an honest node can say so
				wantUnmet(t, allow(c, w.alice.Address, both, t), "ERC-721 of "+nowhere.Hex())
			}
			if n := counterValue(c.metrics.rpcFailures.WithLabelValues("bad_answer")); n != 0 {
				t.Fatalf("multicall3 %s, rpc %v: %v bad answers counted for code-less addresses", multicall, rpc, n)
			}
		}
	}
}
