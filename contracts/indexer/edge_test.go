package indexer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/indexer"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer/token"
)

var (
	accessPass = bindings.NewAccessPass()
	multiPass  = bindings.NewMultiPass()
	quiet      = slog.New(slog.NewTextHandler(io.Discard, nil))
)

// stage is a chain with the project's pass contracts, an origin whose
// assets they gate, and the signer key that mints playback tokens.
type stage struct {
	chain             *testenv.ChainEnv
	owner, alice, bob *testenv.Account
	pass, multi       common.Address
	dir, jwks         string
	issuer            *token.Issuer
	x                 *indexer.Indexer // the one shared or local started last
}

func newStage(t testing.TB) *stage {
	c := testenv.Chain(t)
	s := &stage{chain: c, owner: c.Accounts[0], alice: c.Accounts[1], bob: c.Accounts[2], dir: t.TempDir()}
	s.pass = c.Deploy(t, s.owner, &bindings.AccessPassMetaData, accessPass.PackConstructor("Pass", "PASS", s.owner.Address))
	s.multi = c.Deploy(t, s.owner, &bindings.MultiPassMetaData, multiPass.PackConstructor("https://example.test/{id}.json", s.owner.Address))
	key, err := token.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	if s.issuer, err = token.NewIssuer("test", key); err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(s.issuer.JWKS())
	s.jwks = filepath.Join(t.TempDir(), "jwks.json")
	if err := os.WriteFile(s.jwks, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s.asset(t, "pass", `{"chain_id":1337,"contract":"`+s.pass.Hex()+`","standard":"erc721"}`)
	return s
}

// asset publishes an asset with policy and one segment.
func (s *stage) asset(t testing.TB, id, policy string) {
	for name, body := range map[string]string{
		"asset.json":    `{"id":"` + id + `","title":"t","policy":` + policy + `}`,
		"720p/seg1.m4s": "segment",
	} {
		p := filepath.Join(s.dir, id, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func (s *stage) mint(t testing.TB, to common.Address) *big.Int {
	return s.chain.Transact(t, s.owner, s.pass, accessPass.PackMint(to)).Logs[0].Topics[3].Big()
}

func (s *stage) transfer(t testing.TB, from *testenv.Account, to common.Address, id *big.Int) {
	s.chain.Transact(t, from, s.pass, accessPass.PackTransferFrom(from.Address, to, id))
}

func (s *stage) token(t testing.TB, wallet common.Address, asset string) string {
	tok, _, err := s.issuer.Playback(strings.ToLower(wallet.Hex()), asset, time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func (s *stage) edgeConfig(redisAddr string) edge.Config {
	cfg := edge.DefaultConfig()
	cfg.Origin.Regions = []edge.RegionConfig{{Name: "local", Dir: s.dir}}
	cfg.Token.JWKS = s.jwks
	cfg.Ownership.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{s.chain.RPCURL}, Multicall3: "none"}}
	cfg.Redis.Addr = redisAddr
	return cfg
}

// indexerConfig polls fast, as a ws subscription would wake it.
func (s *stage) indexerConfig() indexer.Config {
	cfg := indexer.DefaultConfig()
	cfg.PollInterval, cfg.ContractsRefresh = 10*time.Millisecond, 20*time.Millisecond
	cfg.Chains = []indexer.ChainConfig{{ID: testenv.ChainID, RPC: []string{s.chain.RPCURL}}}
	return cfg
}

// node is a running edge.
type node struct {
	url    string
	client *http.Client
}

func startEdge(t testing.TB, cfg edge.Config, deps edge.Deps) *node {
	srv, err := edge.New(cfg, quiet, deps)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("edge: %v", err)
		}
	})
	return &node{url: "http://" + ln.Addr().String(), client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}}
}

// get requests the asset's segment and returns the status and error code.
func (n *node) get(t testing.TB, tok, asset string) (int, string) {
	resp, err := n.client.Get(n.url + "/t/" + tok + "/v/" + asset + "/720p/seg1.m4s")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e struct{ Error string }
	body, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(body, &e) // a 200 carries media, not an error body
	return resp.StatusCode, e.Error
}

// applied returns how many invalidations n's ownership cache has applied
// (streamgate_ownership_invalidations_total on its /metrics).
func (n *node) applied(t testing.TB) float64 {
	resp, err := n.client.Get(n.url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(body)) {
		if v, ok := strings.CutPrefix(line, "streamgate_ownership_invalidations_total "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				t.Fatal(err)
			}
			return f
		}
	}
	t.Fatalf("no streamgate_ownership_invalidations_total on %s/metrics", n.url)
	return 0
}

// backfilled waits until one of edges applied an invalidation: the indexer
// follows the contract the edges announced and published its past mint.
func backfilled(t testing.TB, edges ...*node) {
	t.Helper()
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the indexer backfills the announced contract", func() bool {
		for _, e := range edges {
			if e.applied(t) > 0 {
				return true
			}
		}
		return false
	}))
}

// until polls n until it answers status, and returns how long that took.
func (n *node) until(t testing.TB, tok, asset string, status int) time.Duration {
	t.Helper()
	start := time.Now()
	testenv.WaitFor(t, 10*time.Second, func() error {
		if got, _ := n.get(t, tok, asset); got != status {
			return fmt.Errorf("%s: %d, want %d", asset, got, status)
		}
		return nil
	})
	return time.Since(start)
}

// runIndexer runs x until the test ends or stop is called.
func runIndexer(t testing.TB, x *indexer.Indexer) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		if err := x.Run(ctx); err != nil {
			t.Error(err)
		}
		close(done)
	}()
	stop = sync.OnceFunc(func() { cancel(); <-done })
	t.Cleanup(stop)
	return stop
}

// shared starts the multi-process layout: an indexer publishing to Redis,
// and n edges subscribed to it.
func (s *stage) shared(t testing.TB, n int) (*redis.Client, []*node, func()) {
	r := testenv.Redis(t)
	x, err := indexer.New(s.indexerConfig(), indexer.Deps{Sink: ownership.NewPublisher(r.Client, redisconf.DefaultPrefix), Redis: r.Client, Prefix: redisconf.DefaultPrefix}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	s.x = x
	stop := runIndexer(t, x)
	var edges []*node
	for range n {
		edges = append(edges, startEdge(t, s.edgeConfig(r.Addr), edge.Deps{}))
	}
	return r.Client, edges, stop
}

// local starts the one-process layout: an edge whose checker the indexer
// invalidates directly.
func (s *stage) local(t testing.TB) *node {
	cfg := s.edgeConfig("")
	own, err := ownership.New(cfg.Ownership, nil, redisconf.DefaultPrefix, nil, quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(own.Close)
	x, err := indexer.Local(s.indexerConfig(), own, nil, quiet)
	if err != nil {
		t.Fatal(err)
	}
	s.x = x
	runIndexer(t, x)
	return startEdge(t, cfg, edge.Deps{Ownership: own})
}
