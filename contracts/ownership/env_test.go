package ownership

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/streamgate/streamgate/asset/policy"
	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/internal/testenv"
)

// world is a simulated chain with the project's contracts: an ERC-721
// pass, an ERC-1155 multi-pass, an ERC-20 and Multicall3, with the RPC
// behind a proxy that counts eth_calls.
type world struct {
	chain                         *testenv.ChainEnv
	owner, alice, bob             *testenv.Account
	pass, multi, token, multicall common.Address
	rpc                           string // the counting proxy
	mu                            sync.Mutex
	methods                       map[string]int
}

var (
	accessPass = bindings.NewAccessPass()
	multiPass  = bindings.NewMultiPass()
	testToken  = bindings.NewTestToken()
)

func newWorld(t testing.TB) *world {
	c := testenv.Chain(t)
	w := &world{chain: c, owner: c.Accounts[0], alice: c.Accounts[1], bob: c.Accounts[2], methods: map[string]int{}}
	w.pass = c.Deploy(t, w.owner, &bindings.AccessPassMetaData, accessPass.PackConstructor("Pass", "PASS", w.owner.Address))
	w.multi = c.Deploy(t, w.owner, &bindings.MultiPassMetaData, multiPass.PackConstructor("https://example.test/{id}.json", w.owner.Address))
	w.token = c.Deploy(t, w.owner, &bindings.TestTokenMetaData, testToken.PackConstructor("Test", "TST", w.owner.Address))
	w.multicall = c.Deploy(t, w.owner, &bindings.Multicall3MetaData, nil)
	w.rpc = w.countingProxy(t, c.RPCURL)
	return w
}

// countingProxy forwards JSON-RPC to target and counts methods, batch
// requests included.
func (w *world) countingProxy(t testing.TB, target string) string {
	u, _ := url.Parse(target)
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var one struct{ Method string }
		var many []struct{ Method string }
		w.mu.Lock()
		if json.Unmarshal(body, &many) == nil {
			for _, m := range many {
				w.methods[m.Method]++
			}
		} else if json.Unmarshal(body, &one) == nil {
			w.methods[one.Method]++
		}
		w.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		proxy.ServeHTTP(rw, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func (w *world) calls(method string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.methods[method]
}

func (w *world) resetCounts() {
	w.mu.Lock()
	clear(w.methods)
	w.mu.Unlock()
}

// checker builds a Checker on the world's chain; edit adjusts the config.
func (w *world) checker(t testing.TB, edit func(*Config)) *Checker {
	cfg := DefaultConfig()
	cfg.Chains = []ChainConfig{{ID: testenv.ChainID, RPC: []string{w.rpc}, Multicall3: w.multicall.Hex()}}
	if edit != nil {
		edit(&cfg)
	}
	c, err := New(cfg, nil, "sg:", nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

func (w *world) mintPass(t testing.TB, to common.Address) *big.Int {
	r := w.chain.Transact(t, w.owner, w.pass, accessPass.PackMint(to))
	// Transfer(from, to, tokenId): the id is the third topic.
	return r.Logs[0].Topics[3].Big()
}

func mustPolicy(t testing.TB, doc string) *policy.Policy {
	t.Helper()
	p, err := policy.Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func cond721(w *world) string {
	return `{"chain_id":1337,"contract":"` + w.pass.Hex() + `","standard":"erc721"}`
}
