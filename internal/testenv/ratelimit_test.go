package testenv

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
)

// TestRateLimitedRPC: past its bucket the proxy answers 429 with a JSON-RPC
// error body and forwards nothing; calls count by label and method, batch
// elements one each; a websocket subscription passes through.
func TestRateLimitedRPC(t *testing.T) {
	c := Chain(t)
	// A bucket of 5 that refills once in ~17 minutes: the test never sees
	// a refill, so what passes does not depend on timing.
	r, err := NewRateLimitedRPC("127.0.0.1:0", c.RPCURL, 0.001, 5)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })

	cl, err := ethclient.Dial(r.URL + "/checks")
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx := context.Background()
	var ok, limited int
	for range 4 {
		_, err := cl.BlockNumber(ctx)
		var he rpc.HTTPError
		switch {
		case err == nil:
			ok++
		case errors.As(err, &he) && he.StatusCode == http.StatusTooManyRequests:
			limited++
		default:
			t.Fatalf("unexpected error: %v", err)
		}
	}
	if ok != 4 || limited != 0 {
		t.Fatalf("within the burst: %d ok, %d limited", ok, limited)
	}
	// A batch of two needs two tokens; one is left.
	batch := []rpc.BatchElem{{Method: "eth_chainId", Result: new(string)}, {Method: "eth_blockNumber", Result: new(string)}}
	err = cl.Client().BatchCallContext(ctx, batch)
	var he rpc.HTTPError
	if !errors.As(err, &he) || he.StatusCode != http.StatusTooManyRequests || !strings.Contains(string(he.Body), `"code":-32005`) {
		t.Fatalf("batch past the bucket: %v, want 429 with a JSON-RPC error body", err)
	}
	if _, err := cl.BlockNumber(ctx); err != nil {
		t.Fatalf("the last token: %v", err)
	}
	if _, err := cl.ChainID(ctx); err == nil {
		t.Fatal("past the bucket: no error")
	}
	if got := r.Calls("checks", "eth_blockNumber"); got != 6 {
		t.Errorf("eth_blockNumber calls = %d, want 6 (5 passed, 1 in the limited batch)", got)
	}
	if got, want := r.Total("checks"), int64(8); got != want {
		t.Errorf("calls = %d, want %d\n%s", got, want, r.Summary())
	}
	if got := r.Limited("checks"); got != 2 {
		t.Errorf("429s = %d, want 2", got)
	}

	// A non-JSON-RPC body is a call too, and limited.
	resp, err := http.Post(r.URL+"/other", "application/json", strings.NewReader("hello"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || r.Calls("other", "invalid") != 1 {
		t.Fatalf("invalid body: %d %s", resp.StatusCode, body)
	}

	// New heads arrive over the proxied websocket, whatever the bucket says.
	ws, err := ethclient.Dial(r.WSURL)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	heads := make(chan *types.Header, 1)
	sub, err := ws.SubscribeNewHead(ctx, heads)
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()
	c.Sim.Commit()
	select {
	case h := <-heads:
		t.Logf("head %d over the proxied websocket", h.Number)
	case err := <-sub.Err():
		t.Fatal(err)
	case <-time.After(30 * time.Second):
		t.Fatal("no head over the proxied websocket")
	}
	if r.Calls("default", "ws_connect") != 1 {
		t.Errorf("ws connections counted: %s", r.Summary())
	}
}
