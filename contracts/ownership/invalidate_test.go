package ownership

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/internal/testenv"
)

var parseCases = []struct {
	name, msg string
	n         int // invalidations parsed; -1: an error
}{
	{"object", `{"chain":1,"contract":"0x00000000000000000000000000000000000000aa","id":"7","from":"0x00000000000000000000000000000000000000bb","to":"0x00000000000000000000000000000000000000cc"}`, 1},
	{"erc20 without id", `{"chain":1,"contract":"0x00000000000000000000000000000000000000aa","from":"0x00000000000000000000000000000000000000bb","to":"0x00000000000000000000000000000000000000cc"}`, 1},
	{"array", `[{"chain":1,"contract":"0x00000000000000000000000000000000000000aa","id":"1"},{"chain":2,"contract":"0x00000000000000000000000000000000000000aa","id":"2"}]`, 2},
	{"no chain", `{"contract":"0x00000000000000000000000000000000000000aa"}`, -1},
	{"bad id", `{"chain":1,"id":"seven"}`, -1},
	{"bad address", `{"chain":1,"from":"0x12"}`, -1},
	{"not json", `revoke everything`, -1},
	{"empty", ``, -1},
}

func TestParseInvalidations(t *testing.T) {
	for _, tc := range parseCases {
		invs, err := ParseInvalidations([]byte(tc.msg))
		switch {
		case tc.n < 0 && (err == nil || !errors.Is(err, ErrBadInvalidation)):
			t.Errorf("%s: err = %v, want ErrBadInvalidation", tc.name, err)
		case tc.n >= 0 && (err != nil || len(invs) != tc.n):
			t.Errorf("%s: %d invalidations, %v; want %d", tc.name, len(invs), err, tc.n)
		}
	}
}

func FuzzParseInvalidations(f *testing.F) {
	for _, tc := range parseCases {
		f.Add([]byte(tc.msg))
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		invs, err := ParseInvalidations(msg)
		if err == nil && len(invs) > 0 && invs[0].Chain <= 0 {
			t.Fatalf("accepted chain %d", invs[0].Chain)
		}
	})
}

// subscribed starts a checker on the world's chain with Redis at addr and
// a subscriber, and waits until it listens.
func (w *world) subscribed(t *testing.T, addr string) (*Checker, *Subscriber) {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	t.Cleanup(func() { rdb.Close() })
	return w.subscribedVia(t, rdb, "sg:")
}

// subscribedVia is subscribed with any client and key prefix.
func (w *world) subscribedVia(t *testing.T, rdb redis.UniversalClient, prefix string) (*Checker, *Subscriber) {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Chains = []ChainConfig{{ID: testenv.ChainID, RPC: []string{w.rpc}, Multicall3: "none"}}
	c, err := New(cfg, rdb, prefix, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	s := NewSubscriber(rdb, prefix, c, slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.Ping, s.MaxBackoff = 100*time.Millisecond, 100*time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("subscribed", func() bool { return testutil.ToFloat64(c.metrics.subscribed) == 1 }))
	return c, s
}

// TestPublishReachesEverySubscriber: after a transfer, one Publish makes
// two checkers (two edges) drop what they cached, and Redis too.
func TestPublishReachesEverySubscriber(t *testing.T) {
	w := newWorld(t)
	id := w.mintPass(t, w.alice.Address)
	r := testenv.Redis(t)
	a, _ := w.subscribed(t, r.Addr)
	b, _ := w.subscribed(t, r.Addr)
	for _, c := range []*Checker{a, b} {
		if err := allow(c, w.alice.Address, cond721(w), t); err != nil {
			t.Fatal(err)
		}
	}
	w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.bob.Address, id))
	var seen sync.WaitGroup
	seen.Add(2)
	for _, c := range []*Checker{a, b} {
		var once sync.Once
		c.OnInvalidate(func(Invalidation) { once.Do(seen.Done) })
	}
	inv := Invalidation{Chain: testenv.ChainID, Contract: w.pass, ID: uint256.MustFromBig(id), From: w.alice.Address, To: w.bob.Address}
	if err := NewPublisher(r.Client, "sg:").Publish(context.Background(), inv); err != nil {
		t.Fatal(err)
	}
	seen.Wait()
	if n, _ := r.Client.Exists(context.Background(), "sg:own:1337:"+lower(w.pass.Hex())+":_:"+lower(w.alice.Address.Hex())).Result(); n != 0 {
		t.Fatal("the publisher left the Redis entry")
	}
	for _, c := range []*Checker{a, b} {
		var unmet *UnmetError
		if err := allow(c, w.alice.Address, cond721(w), t); !errors.As(err, &unmet) {
			t.Fatalf("after the invalidation: %v, want unmet", err)
		}
	}
}

// TestSubscriberSurvivesRedisOutage: with Redis cut off the checker keeps
// answering from memory and says so in the gauge; when Redis returns it
// resubscribes, drops what it cached meanwhile and applies new messages.
func TestSubscriberSurvivesRedisOutage(t *testing.T) {
	w := newWorld(t)
	id := w.mintPass(t, w.alice.Address)
	r := testenv.Redis(t)
	proxy := newCutProxy(t, r.Addr)
	c, _ := w.subscribed(t, proxy.addr())
	if err := allow(c, w.alice.Address, cond721(w), t); err != nil {
		t.Fatal(err)
	}
	proxy.cut(true)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the outage is noticed", func() bool { return testutil.ToFloat64(c.metrics.subscribed) == 0 }))
	w.resetCounts()
	if err := allow(c, w.alice.Address, cond721(w), t); err != nil || w.calls("eth_call") != 0 {
		t.Fatalf("during the outage: %v after %d eth_calls, want an answer from memory", err, w.calls("eth_call"))
	}
	proxy.cut(false)
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("resubscribed", func() bool { return testutil.ToFloat64(c.metrics.subscribed) == 1 }))
	if n := testutil.ToFloat64(c.metrics.subscribeFailures); n < 1 {
		t.Fatalf("subscribe failures %v", n)
	}
	misses := testutil.ToFloat64(c.metrics.misses)
	if err := allow(c, w.alice.Address, cond721(w), t); err != nil || testutil.ToFloat64(c.metrics.misses) != misses+1 {
		t.Fatalf("after resubscribing: %v, want a miss (memory dropped, Redis or the chain asked)", err)
	}
	inv := Invalidation{Chain: testenv.ChainID, Contract: w.pass, ID: uint256.MustFromBig(id), From: w.alice.Address}
	applied := testutil.ToFloat64(c.metrics.invalidations)
	if err := NewPublisher(r.Client, "sg:").Publish(context.Background(), inv); err != nil {
		t.Fatal(err)
	}
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("the invalidation is applied", func() bool { return testutil.ToFloat64(c.metrics.invalidations) > applied }))
}

// TestAnnounceContracts: a read from the chain names its contract in the
// Redis set the indexer follows, and to in-process hooks once.
func TestAnnounceContracts(t *testing.T) {
	w := newWorld(t)
	w.mintPass(t, w.alice.Address)
	r := testenv.Redis(t)
	c, _ := w.subscribed(t, r.Addr)
	var mu sync.Mutex
	var got []common.Address
	c.OnContract(func(_ int64, a common.Address) { mu.Lock(); got = append(got, a); mu.Unlock() })
	// The holder is allowed and the other refused; both checks announce.
	for i, wallet := range []common.Address{w.alice.Address, w.bob.Address} {
		if err := allow(c, wallet, cond721(w), t); (err == nil) != (i == 0) {
			t.Fatalf("wallet %d: %v", i, err)
		}
	}
	members, err := r.Client.SMembers(context.Background(), ContractsKey("sg:")).Result()
	if err != nil || len(members) != 1 || members[0] != "1337:"+lower(w.pass.Hex()) {
		t.Fatalf("sg:own:contracts = %v, %v", members, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || got[0] != w.pass {
		t.Fatalf("hook saw %v, want the pass once", got)
	}
}

func TestHeldNamesTheOwnedID(t *testing.T) {
	w := newWorld(t)
	w.mintPass(t, w.bob.Address)
	id := w.mintPass(t, w.alice.Address)
	c := w.checker(t, nil)
	p := mustPolicy(t, `{"chain_id":1337,"contract":"`+w.pass.Hex()+`","standard":"erc721","token_ids":["1","`+id.String()+`"]}`)
	now := time.Now()
	if err := c.AllowAt(context.Background(), w.alice.Address, p, now); err != nil {
		t.Fatal(err)
	}
	a, owned := c.Held(w.alice.Address, p.Condition, now)
	if a != 1 || owned == nil || owned.ToBig().Cmp(id) != 0 {
		t.Fatalf("Held = %d, %v; want met with id %s", a, owned, id)
	}
}

// cutProxy forwards TCP to a server until cut: then it drops every
// connection and refuses new ones, as a Redis outage looks to a client.
type cutProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	down   bool
	conns  []net.Conn
}

func newCutProxy(t *testing.T, target string) *cutProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close(); p.cut(true) })
	go p.serve()
	return p
}

func (p *cutProxy) addr() string { return p.ln.Addr().String() }

func (p *cutProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := p.down
		p.mu.Unlock()
		up, err := net.Dial("tcp", p.target)
		if down || err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, up)
		p.mu.Unlock()
		go func() { _, _ = io.Copy(up, c); up.Close() }() // ends when either side closes
		go func() { _, _ = io.Copy(c, up); c.Close() }()
	}
}

func (p *cutProxy) cut(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
	if down {
		for _, c := range p.conns {
			c.Close()
		}
		p.conns = nil
	}
}

// TestInvalidationDuringFetch: an answer fetched while an invalidation ran
// (it may predate the transfer) serves the request that asked, but the
// next request asks the chain again.
func TestInvalidationDuringFetch(t *testing.T) {
	w := newWorld(t)
	w.mintPass(t, w.alice.Address)
	var c *Checker
	target, _ := url.Parse(w.rpc)
	proxy := httputil.NewSingleHostReverseProxy(target)
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if strings.Contains(string(body), "eth_call") {
			calls++
			c.Apply(Invalidation{Chain: testenv.ChainID, Contract: w.pass, From: w.alice.Address})
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		proxy.ServeHTTP(rw, r)
	}))
	t.Cleanup(srv.Close)
	c = w.checker(t, func(cfg *Config) { cfg.Chains[0].RPC = []string{srv.URL} })
	for want := 1; want <= 2; want++ {
		if err := allow(c, w.alice.Address, cond721(w), t); err != nil {
			t.Fatal(err)
		}
		if calls != want {
			t.Fatalf("check %d made %d eth_calls in all, want %d", want, calls, want)
		}
	}
}

// TestRevocationThroughEveryRedis: the revocation fan-out works through a
// password-protected Redis, a TLS-only one and a Redis Cluster reached by
// one configuration endpoint (pub/sub and the shared answers), each dialled
// from its redis: block with the default prefix.
func TestRevocationThroughEveryRedis(t *testing.T) {
	w := newWorld(t)
	for _, v := range testenv.RedisVariants(t) {
		t.Run(v.Name, func(t *testing.T) {
			rdb, err := redisconf.Dial(context.Background(), v.Conf, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { rdb.Close() })
			id := w.mintPass(t, w.alice.Address)
			a, _ := w.subscribedVia(t, rdb, v.Conf.Prefix)
			b, _ := w.subscribedVia(t, rdb, v.Conf.Prefix)
			for _, c := range []*Checker{a, b} {
				if err := allow(c, w.alice.Address, cond721(w), t); err != nil {
					t.Fatal(err)
				}
			}
			shared := v.Conf.Prefix + "own:1337:" + lower(w.pass.Hex()) + ":_:" + lower(w.alice.Address.Hex())
			if n, err := rdb.Exists(context.Background(), shared).Result(); n != 1 {
				t.Fatalf("shared answer %s not in Redis: %v", shared, err)
			}
			w.chain.Transact(t, w.alice, w.pass, accessPass.PackTransferFrom(w.alice.Address, w.bob.Address, id))
			var seen sync.WaitGroup
			seen.Add(2)
			for _, c := range []*Checker{a, b} {
				var once sync.Once
				c.OnInvalidate(func(Invalidation) { once.Do(seen.Done) })
			}
			inv := Invalidation{Chain: testenv.ChainID, Contract: w.pass, ID: uint256.MustFromBig(id), From: w.alice.Address, To: w.bob.Address}
			if err := NewPublisher(rdb, v.Conf.Prefix).Publish(context.Background(), inv); err != nil {
				t.Fatal(err)
			}
			seen.Wait()
			if n, _ := rdb.Exists(context.Background(), shared).Result(); n != 0 {
				t.Fatal("the publisher left the Redis entry")
			}
			for _, c := range []*Checker{a, b} {
				var unmet *UnmetError
				if err := allow(c, w.alice.Address, cond721(w), t); !errors.As(err, &unmet) {
					t.Fatalf("after the invalidation: %v, want unmet", err)
				}
			}
		})
	}
}
