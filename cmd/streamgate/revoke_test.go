package main

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
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
	// The operator's log: one line for the transfer the indexer applied
	// (chain, contract, token, from, to, block; the mint before it was
	// backfilled) and one for the session, however many of its requests
	// were refused. The indexer logs once the edge has applied it.
	transfer := regexp.MustCompile(`level=INFO msg="transfer: cached ownership dropped" role=indexer chain=1337 contract=(0x[0-9a-fA-F]{40}) token=(\d+) from=` +
		holder.Address.Hex() + ` to=` + other.Address.Hex() + ` block=([1-9]\d*)\n`)
	testenv.WaitFor(t, 5*time.Second, func() error {
		if m := transfer.FindAllStringSubmatch(e.logs.String(), -1); len(m) != 1 || !strings.EqualFold(m[0][1], e.pass) {
			return fmt.Errorf("transfer log lines %q, want one naming the pass %s; log:\n%s", m, e.pass, e.logs)
		}
		return nil
	})
	logs := e.logs.String()
	if n := strings.Count(logs, `msg="session revoked`); n != 1 {
		t.Errorf("%d session revoked lines after several refused requests, want 1; log:\n%s", n, logs)
	}
	if !strings.Contains(logs, "wallet="+holder.Address.Hex()+" asset=clip") {
		t.Errorf("the revocation line does not name the wallet and asset; log:\n%s", logs)
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
