package main

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/internal/testenv"
)

// TestRevokeInOneProcess: an edge hosting the signer without Redis (the
// `make run` layout) runs the indexer itself: a holder signs in and plays,
// transfers the pass, and the edge refuses the next requests with 403.
func TestRevokeInOneProcess(t *testing.T) {
	e := startE2E(t, func(c *edgeConfig) { c.Indexer.PollInterval = 10 * time.Millisecond })
	holder, other := e.chain.Accounts[1], e.chain.Accounts[2]
	var pb struct{ Token, HLS string }
	e.call(t, "POST", "/playback/clip", e.signIn(t, holder), nil, 200, &pb)
	get := func() int {
		resp, err := http.Get(e.url + pb.HLS)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := get(); got != 200 {
		t.Fatalf("holder: %d", got)
	}
	e.transferPass(t, holder, other)
	mined := time.Now()
	testenv.WaitFor(t, 5*time.Second, func() error {
		if got := get(); got != 403 {
			return fmt.Errorf("the transferred pass still plays: %d", got)
		}
		return nil
	})
	t.Logf("refused %s after the block", time.Since(mined))
	var denied struct{ Error string }
	e.call(t, "GET", pb.HLS, "", nil, 403, &denied)
	if denied.Error != "revoked" {
		t.Fatalf("error %q, want revoked", denied.Error)
	}
}

// transferPass moves the pass startE2E minted from one account to another
// and returns once the block is mined.
func (e *e2e) transferPass(t *testing.T, from, to *testenv.Account) {
	t.Helper()
	pass := common.HexToAddress(e.pass)
	logs, err := e.chain.Client.FilterLogs(context.Background(), ethereum.FilterQuery{
		Addresses: []common.Address{pass}, Topics: [][]common.Hash{{crypto.Keccak256Hash([]byte("Transfer(address,address,uint256)"))}},
	})
	if err != nil || len(logs) == 0 {
		t.Fatalf("the mint's log: %v", err)
	}
	id := logs[0].Topics[3].Big()
	e.chain.Transact(t, from, pass, bindings.NewAccessPass().PackTransferFrom(from.Address, to.Address, id))
}
