package testenv

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// DefaultRPCRate is a hosted RPC free tier's limit, in calls per second.
const DefaultRPCRate = 25

// RateLimitedRPC is a JSON-RPC reverse proxy to a node that limits calls as
// a hosted provider's tier does: a token bucket of Rate calls per second
// holding at most Burst, shared by every client; a request finding too few
// tokens gets HTTP 429 with a JSON-RPC error body (code -32005, "limit
// exceeded", as Infura answers) and reaches nothing. Each element of a
// JSON-RPC batch is one call. It counts calls by label and method, and 429s
// by label: a client picks its label with the URL path (URL+"/checks"
// counts under "checks"; the node sees "/").
//
// A websocket upgrade (eth_subscribe) is passed through to the node's
// websocket, on the same port as its HTTP (go-ethereum serves both there
// when WSPort equals HTTPPort), and counted once as method "ws_connect";
// frames inside it are neither counted nor limited, so a client that
// should be counted makes its calls over HTTP and only subscribes over ws.
type RateLimitedRPC struct {
	URL   string // http://127.0.0.1:PORT
	WSURL string // ws://127.0.0.1:PORT

	srv    *http.Server
	ln     net.Listener
	target *url.URL
	proxy  *httputil.ReverseProxy
	rate   float64
	burst  float64

	mu      sync.Mutex
	tokens  float64
	last    time.Time
	calls   map[string]map[string]int64 // label → method → calls
	limited map[string]int64            // label → requests answered 429
}

// NewRateLimitedRPC listens on listen (host:port; port 0 picks one) and
// proxies to target (the node's http:// URL) at rate calls/s, bursts of
// burst. Close stops it. It takes no testing.TB so that a benchmark
// program can use it; tests use RateLimitProxy.
func NewRateLimitedRPC(listen, target string, rate float64, burst int) (*RateLimitedRPC, error) {
	if rate <= 0 || burst < 1 {
		return nil, fmt.Errorf("rate limit: want rate > 0 and burst >= 1, got %v, %d", rate, burst)
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "http" {
		return nil, fmt.Errorf("rate limit target %q: want an http:// URL", target)
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, err
	}
	r := &RateLimitedRPC{
		URL: "http://" + ln.Addr().String(), WSURL: "ws://" + ln.Addr().String(),
		ln: ln, target: u, rate: rate, burst: float64(burst), tokens: float64(burst), last: time.Now(),
		calls: map[string]map[string]int64{}, limited: map[string]int64{},
	}
	r.proxy = &httputil.ReverseProxy{
		Rewrite:  func(pr *httputil.ProxyRequest) { pr.SetURL(u); pr.Out.URL.Path = u.Path },
		ErrorLog: log.New(io.Discard, "", 0),
	}
	r.srv = &http.Server{Handler: r, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = r.srv.Serve(ln) }() // returns ErrServerClosed on Close
	return r, nil
}

// RateLimitProxy starts a RateLimitedRPC in front of target (a ChainEnv's
// RPCURL) on a free loopback port, at rate calls/s with bursts of one
// second's calls, until the test ends.
func RateLimitProxy(t testing.TB, target string, rate float64) *RateLimitedRPC {
	t.Helper()
	r, err := NewRateLimitedRPC("127.0.0.1:0", target, rate, max(1, int(rate)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	return r
}

// Close stops the proxy and drops its connections, websockets included.
func (r *RateLimitedRPC) Close() error {
	if err := r.srv.Close(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Calls returns the calls of method under label so far, answered or
// limited.
func (r *RateLimitedRPC) Calls(label, method string) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls[label][method]
}

// Total returns all calls under label so far, answered or limited.
func (r *RateLimitedRPC) Total(label string) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	var n int64
	for _, c := range r.calls[label] {
		n += c
	}
	return n
}

// Limited returns how many requests under label were answered 429.
func (r *RateLimitedRPC) Limited(label string) int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.limited[label]
}

// Summary is one line per label: its calls by method and its 429s.
func (r *RateLimitedRPC) Summary() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var lines []string
	for label, ms := range r.calls {
		var parts []string
		for m, n := range ms {
			parts = append(parts, fmt.Sprintf("%s=%d", m, n))
		}
		sort.Strings(parts)
		lines = append(lines, fmt.Sprintf("%s: %s 429=%d", label, strings.Join(parts, " "), r.limited[label]))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func (r *RateLimitedRPC) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	label := strings.Trim(req.URL.Path, "/")
	if label == "" {
		label = "default"
	}
	if strings.EqualFold(req.Header.Get("Upgrade"), "websocket") {
		r.count(label, []string{"ws_connect"})
		r.proxy.ServeHTTP(w, req)
		return
	}
	body, err := io.ReadAll(io.LimitReader(req.Body, 16<<20))
	if err != nil {
		http.Error(w, "reading the request", http.StatusBadRequest)
		return
	}
	methods := rpcMethods(body)
	if !r.take(label, methods) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"jsonrpc":"2.0","id":null,"error":{"code":-32005,"message":"limit exceeded"}}`) // the client reads what arrived
		return
	}
	req.Body, req.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	r.proxy.ServeHTTP(w, req)
}

// take counts methods under label and takes one token per call; false
// (and a 429 counted) when the bucket lacks them.
func (r *RateLimitedRPC) take(label string, methods []string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.countLocked(label, methods)
	now := time.Now()
	r.tokens = min(r.burst, r.tokens+now.Sub(r.last).Seconds()*r.rate)
	r.last = now
	need := float64(max(1, len(methods)))
	if r.tokens < need {
		r.limited[label]++
		return false
	}
	r.tokens -= need
	return true
}

func (r *RateLimitedRPC) count(label string, methods []string) {
	r.mu.Lock()
	r.countLocked(label, methods)
	r.mu.Unlock()
}

func (r *RateLimitedRPC) countLocked(label string, methods []string) {
	m := r.calls[label]
	if m == nil {
		m = map[string]int64{}
		r.calls[label] = m
	}
	for _, name := range methods {
		m[name]++
	}
}

// rpcMethods lists the methods of a JSON-RPC request or batch; a body that
// is neither counts as one call of "invalid".
func rpcMethods(body []byte) []string {
	type call struct {
		Method string `json:"method"`
	}
	var many []call
	if err := json.Unmarshal(body, &many); err != nil {
		var one call
		if json.Unmarshal(body, &one) != nil || one.Method == "" {
			return []string{"invalid"}
		}
		many = []call{one}
	}
	out := make([]string, len(many))
	for i, c := range many {
		out[i] = c.Method
	}
	return out
}
