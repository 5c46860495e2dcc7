package testenv

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common/hexutil"
)

// FaultMode is how a FaultRPC misbehaves: the ways real load-balanced RPC
// providers fail, one at a time.
type FaultMode int

const (
	// FaultNone passes every request through.
	FaultNone FaultMode = iota
	// FaultEmpty answers eth_call with "result":"0x", as a lagging node
	// without the contract's state does; other methods pass.
	FaultEmpty
	// FaultShort answers eth_call with 31 bytes, one short of an ABI word;
	// other methods pass.
	FaultShort
	// FaultHTML answers every request 200 with an HTML page (a provider's
	// maintenance or captive page).
	FaultHTML
	// FaultTooMany answers every request 429 (rate limited).
	FaultTooMany
	// FaultRPCError answers every request with JSON-RPC error -32000
	// "header not found", which is not a revert.
	FaultRPCError
	// FaultWrongID answers every request with a response for another id:
	// eth_call with 32 zero bytes (a believable "holds none"), eth_getLogs
	// with no logs, other methods with the true result.
	FaultWrongID
	// FaultHang accepts every request and never answers (until the test
	// ends).
	FaultHang
	// FaultOtherBlock answers eth_getBlockByNumber of block n > 0 with block
	// n-1, as a load balancer mixing up answers does; other methods pass.
	FaultOtherBlock
)

// FaultModes lists the misbehaviours of eth_call (and so of ownership
// checks), for table tests; the indexer's reads add FaultOtherBlock.
var FaultModes = []FaultMode{FaultEmpty, FaultShort, FaultHTML, FaultTooMany, FaultRPCError, FaultWrongID, FaultHang}

func (m FaultMode) String() string {
	return [...]string{"pass", "empty-0x", "short-31", "html-200", "http-429", "rpc-error", "wrong-id", "hang", "other-block"}[m]
}

// FaultRPC is a JSON-RPC reverse proxy to a node (a ChainEnv's RPCURL) that
// misbehaves as its mode says, switchable while in use, and counts the
// requests it got by method.
type FaultRPC struct {
	URL string // http://127.0.0.1:PORT

	mu     sync.Mutex
	mode   FaultMode
	counts map[string]int
	stop   chan struct{}
}

// FaultProxy starts a FaultRPC in front of target, passing through until
// Set says otherwise. It stops when the test ends.
func FaultProxy(t testing.TB, target string) *FaultRPC {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	f := &FaultRPC{counts: map[string]int{}, stop: make(chan struct{})}
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.serve(w, r, proxy)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(f.stop) }) // runs first: releases hung requests
	f.URL = srv.URL
	return f
}

// Set switches the mode for the requests that follow.
func (f *FaultRPC) Set(m FaultMode) {
	f.mu.Lock()
	f.mode = m
	f.mu.Unlock()
}

// Calls returns how many requests for method arrived, answered or not.
func (f *FaultRPC) Calls(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.counts[method]
}

// Reset zeroes the counts.
func (f *FaultRPC) Reset() {
	f.mu.Lock()
	clear(f.counts)
	f.mu.Unlock()
}

type rpcRequest struct {
	ID     json.RawMessage   `json:"id"`
	Method string            `json:"method"`
	Params []json.RawMessage `json:"params"`
}

func (f *FaultRPC) serve(w http.ResponseWriter, r *http.Request, proxy *httputil.ReverseProxy) {
	body, _ := io.ReadAll(r.Body)
	var reqs []rpcRequest
	if err := json.Unmarshal(body, &reqs); err != nil {
		var one rpcRequest
		_ = json.Unmarshal(body, &one)
		reqs = []rpcRequest{one}
	}
	f.mu.Lock()
	mode := f.mode
	for _, q := range reqs {
		f.counts[q.Method]++
	}
	f.mu.Unlock()
	r.Body = io.NopCloser(bytes.NewReader(body))
	single := len(reqs) == 1 && !bytes.HasPrefix(bytes.TrimSpace(body), []byte("["))
	q := reqs[0]
	switch {
	case mode == FaultHang:
		select {
		case <-r.Context().Done():
		case <-f.stop:
		}
	case mode == FaultHTML:
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>")
	case mode == FaultTooMany:
		http.Error(w, `{"error":"rate limited"}`, http.StatusTooManyRequests)
	case mode == FaultRPCError && single:
		reply(w, q.ID, "error", map[string]any{"code": -32000, "message": "header not found"})
	case (mode == FaultEmpty || mode == FaultShort) && single && q.Method == "eth_call":
		n := map[FaultMode]int{FaultEmpty: 0, FaultShort: 31}[mode]
		reply(w, q.ID, "result", "0x"+strings.Repeat("00", n))
	case mode == FaultOtherBlock && single && q.Method == "eth_getBlockByNumber" && len(q.Params) > 0:
		var n hexutil.Uint64
		if json.Unmarshal(q.Params[0], &n) == nil && n > 0 {
			q.Params[0], _ = json.Marshal(n - 1)
			body, _ = json.Marshal(map[string]any{"jsonrpc": "2.0", "id": q.ID, "method": q.Method, "params": q.Params})
			r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
		}
		proxy.ServeHTTP(w, r)
	case mode == FaultWrongID && single:
		other := json.RawMessage(`"` + strings.Trim(string(q.ID), `"`) + `-other"`)
		switch q.Method {
		case "eth_call":
			reply(w, other, "result", "0x"+strings.Repeat("00", 32))
		case "eth_getLogs":
			reply(w, other, "result", []any{})
		default:
			rec := httptest.NewRecorder()
			proxy.ServeHTTP(rec, r)
			var m map[string]json.RawMessage
			if json.Unmarshal(rec.Body.Bytes(), &m) != nil {
				w.WriteHeader(http.StatusBadGateway)
				return
			}
			m["id"] = other
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(m) // the client reads what arrived
		}
	default:
		proxy.ServeHTTP(w, r)
	}
}

// reply writes a JSON-RPC 2.0 response with key ("result" or "error").
func reply(w http.ResponseWriter, id json.RawMessage, key string, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"jsonrpc": "2.0", "id": id, key: v}) // the client reads what arrived
}
