package indexer

import (
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/streamgate/streamgate/contracts/chainrpc"
	"github.com/streamgate/streamgate/internal/testenv"
)

// TestFaultyEndpointFailsOver: whatever way the first endpoint misbehaves
// on the indexer's reads (headers, logs), a transfer is published once
// through the second; with the faulty endpoint alone the indexer neither
// publishes nor advances past the transfer (an answer for another request,
// such as no logs, is not taken as "no transfers"), and publishes it once
// the endpoint heals.
func TestFaultyEndpointFailsOver(t *testing.T) {
	w := newWorld(t)
	id := w.mintPass(t, w.alice.Address)
	faulty := testenv.FaultProxy(t, w.chain.RPCURL)
	for _, mode := range []testenv.FaultMode{testenv.FaultHTML, testenv.FaultTooMany, testenv.FaultRPCError, testenv.FaultWrongID, testenv.FaultHang, testenv.FaultOtherBlock} {
		t.Run(mode.String(), func(t *testing.T) {
			cfg := w.fastConfig(w.pass)
			cfg.CallTimeout = time.Second // the faulty endpoint's hang costs this per read
			cfg.Chains[0].RPC = []string{faulty.URL, w.chain.RPCURL}
			cfg.Chains[0].Confirmations = 1 // blocks are then read by number
			faulty.Set(mode)
			faulty.Reset()
			rec := &recorder{}
			w.chain.Sim.Commit() // the start block, one confirmation behind, is past the earlier transfers
			x, stop := w.run(t, cfg, rec, nil)
			testenv.WaitFor(t, 10*time.Second, testenv.Holds("started", func() bool { return x.Processed(testenv.ChainID) > 0 }))
			r := w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.bob.Address, id))
			w.chain.Sim.Commit()
			testenv.WaitFor(t, 10*time.Second, testenv.Holds("the transfer is published", func() bool { return x.Processed(testenv.ChainID) >= r.BlockNumber.Uint64() }))
			stop()
			if got := rec.got(); len(got) != 1 || count(got, w.pass, id, w.alice.Address, w.bob.Address) != 1 {
				t.Fatalf("[faulty, healthy] published %+v", got)
			}
			if faulty.Calls("eth_getLogs")+faulty.Calls("eth_getBlockByNumber") == 0 {
				t.Fatal("the faulty endpoint was never asked")
			}

			cfg.Chains[0].RPC = []string{faulty.URL}
			faulty.Set(testenv.FaultNone)
			rec = &recorder{}
			x, _ = w.run(t, cfg, rec, nil)
			testenv.WaitFor(t, 10*time.Second, testenv.Holds("started", func() bool { return x.Processed(testenv.ChainID) > 0 }))
			faulty.Set(mode)
			r = w.chain.Transact(t, w.bob, w.pass, accessPass.PackTransferFrom(w.bob.Address, w.alice.Address, id))
			w.chain.Sim.Commit()
			faulty.Reset()
			// Two reads failed after the transfer was confirmed; a hung one costs CallTimeout.
			testenv.WaitFor(t, 10*time.Second, testenv.Holds("a few failed reads", func() bool {
				return faulty.Calls("eth_getLogs")+faulty.Calls("eth_getBlockByNumber") >= 3
			}))
			if p, got := x.Processed(testenv.ChainID), rec.got(); p >= r.BlockNumber.Uint64() || len(got) != 0 {
				t.Fatalf("[faulty] alone: processed block %d (transfer in %d), published %+v", p, r.BlockNumber, got)
			}
			faulty.Set(testenv.FaultNone)
			testenv.WaitFor(t, 10*time.Second, testenv.Holds("published after the endpoint healed", func() bool { return x.Processed(testenv.ChainID) >= r.BlockNumber.Uint64() }))
			if got := rec.got(); len(got) != 1 || count(got, w.pass, id, w.bob.Address, w.alice.Address) != 1 {
				t.Fatalf("after healing published %+v", got)
			}
		})
	}
}

// TestCheckLogs: logs that the query could not have selected are an
// endpoint's bad answer; the logs it asked for pass.
func TestCheckLogs(t *testing.T) {
	a, b := common.Address{0xa}, common.Address{0xb}
	hash := common.Hash{1}
	good := types.Log{Address: a, Topics: []common.Hash{topicTransfer, {}, {}}, BlockNumber: 5, BlockHash: hash}
	byRange := ethereum.FilterQuery{Addresses: []common.Address{a}, Topics: transferTopics, FromBlock: big.NewInt(4), ToBlock: big.NewInt(6)}
	byHash := ethereum.FilterQuery{Addresses: []common.Address{a}, Topics: transferTopics, BlockHash: &hash}
	edit := func(f func(*types.Log)) types.Log { l := good; f(&l); return l }
	for _, tc := range []struct {
		name string
		log  types.Log
		q    ethereum.FilterQuery
		ok   bool
	}{
		{"asked for, by range", good, byRange, true},
		{"asked for, by hash", good, byHash, true},
		{"another contract", edit(func(l *types.Log) { l.Address = b }), byRange, false},
		{"before the range", edit(func(l *types.Log) { l.BlockNumber = 3 }), byRange, false},
		{"after the range", edit(func(l *types.Log) { l.BlockNumber = 7 }), byRange, false},
		{"another block", edit(func(l *types.Log) { l.BlockHash = common.Hash{2} }), byHash, false},
		{"another event", edit(func(l *types.Log) { l.Topics = []common.Hash{{9}} }), byRange, false},
		{"no topics", edit(func(l *types.Log) { l.Topics = nil }), byRange, false},
		{"removed", edit(func(l *types.Log) { l.Removed = true }), byRange, false},
	} {
		err := chainrpc.CheckLogs([]types.Log{good, tc.log}, tc.q)
		if tc.ok != (err == nil) || err != nil && !strings.Contains(chainrpc.Reason(err), "bad_answer") {
			t.Errorf("%s: err = %v, want ok=%v or a bad answer", tc.name, err, tc.ok)
		}
	}
}
