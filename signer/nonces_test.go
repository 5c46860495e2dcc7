package signer

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer/siwe"
)

var nonceRE = regexp.MustCompile(`^[A-Za-z0-9]{16,}$`)

// nonceModes runs f with nonces in process and in real Redis: plain,
// password-protected, TLS-only and a cluster (testenv.RedisVariants).
func nonceModes(t *testing.T, f func(t *testing.T, rc RedisConfig)) {
	t.Run("in-process", func(t *testing.T) { f(t, DefaultConfig().Redis) })
	t.Run("redis", func(t *testing.T) { f(t, testenv.Redis(t).Conf) })
	for _, v := range testenv.RedisVariants(t) {
		t.Run("redis-"+v.Name, func(t *testing.T) { f(t, v.Conf) })
	}
}

func TestNonceSingleUse(t *testing.T) {
	w := newWorld(t)
	nonceModes(t, func(t *testing.T, rc RedisConfig) {
		ts := newTestSigner(t, func(c *Config, d *Deps) { w.chains(c, d); c.Redis = rc })
		a, b := ts.nonce(t), ts.nonce(t)
		if !nonceRE.MatchString(a) || a == b {
			t.Fatalf("nonces %q, %q: want distinct, >= 16 alphanumerics", a, b)
		}
		resp, body := ts.do(t, "POST", "/auth/nonce", "")
		wantError(t, resp, body, 405, "method_not_allowed")
		e := newEOA(t, ts)
		resp, body = ts.signIn(t, e.body(t, nil))
		wantSession(t, resp, body, e.addr)
		resp, body = ts.signIn(t, e.body(t, nil)) // replay
		wantError(t, resp, body, 401, "invalid_nonce")
		e.nonce = "NotIssuedHere0123456789" // well-formed, never issued
		resp, body = ts.signIn(t, e.body(t, nil))
		wantError(t, resp, body, 401, "invalid_nonce")
		if n := concurrentSignIns(t, ts, newEOA(t, ts).body(t, nil), 8); n != 1 {
			t.Fatalf("one signed message posted 8 times at once made %d sessions, want 1", n)
		}
	})
}

// concurrentSignIns posts body n times at once and counts the sessions.
func concurrentSignIns(t *testing.T, ts *testSigner, body string, n int) int {
	var wg sync.WaitGroup
	var ok atomic.Int32
	for range n {
		wg.Go(func() {
			if resp, _ := ts.signIn(t, body); resp.StatusCode == 200 {
				ok.Add(1)
			}
		})
	}
	wg.Wait()
	return int(ok.Load())
}

func TestNonceExpiresInProcess(t *testing.T) {
	w := newWorld(t)
	clk := newClock(time.Now())
	ts := newTestSignerAt(t, clk, w.chains)
	e := newEOA(t, ts)
	clk.add(5*time.Minute + time.Second)
	resp, body := ts.signIn(t, e.body(t, func(m *siwe.Message) { m.IssuedAt = clk.now() }))
	wantError(t, resp, body, 401, "invalid_nonce")
}

func TestNonceExpiresInRedis(t *testing.T) {
	w := newWorld(t)
	r := testenv.Redis(t)
	ts := newTestSigner(t, func(c *Config, d *Deps) {
		w.chains(c, d)
		c.Redis.Addr, c.Redis.Prefix, c.NonceTTL = r.Addr, "test:", time.Second
	})
	e := newEOA(t, ts)
	ttl, err := r.Client.PTTL(t.Context(), "test:nonce:"+e.nonce).Result()
	if err != nil || ttl <= 0 || ttl > time.Second {
		t.Fatalf("PTTL of test:nonce:%s = %s, %v; want (0, 1s]", e.nonce, ttl, err)
	}
	time.Sleep(1100 * time.Millisecond)
	resp, body := ts.signIn(t, e.body(t, nil))
	wantError(t, resp, body, 401, "invalid_nonce")
	// A used nonce leaves no key behind.
	e = newEOA(t, ts)
	resp, body = ts.signIn(t, e.body(t, nil))
	wantSession(t, resp, body, e.addr)
	if n, _ := r.Client.Exists(t.Context(), "test:nonce:"+e.nonce).Result(); n != 0 {
		t.Fatal("a used nonce is still in Redis")
	}
}

// TestNonceStoreDown: Redis failing is 503, never a sign-in.
func TestNonceStoreDown(t *testing.T) {
	r := testenv.Redis(t)
	rdb := redis.NewClient(&redis.Options{Addr: r.Addr})
	ts := newTestSigner(t, func(_ *Config, d *Deps) { d.Redis = rdb })
	ts.nonce(t)
	rdb.Close()
	resp, body := ts.do(t, "GET", "/auth/nonce", "")
	wantError(t, resp, body, 503, "unavailable")
}

func TestMemNonces(t *testing.T) {
	ctx, t0 := context.Background(), time.Now()
	m := newMemNonces(time.Minute, 3)
	for _, n := range []string{"a", "b", "c"} {
		if err := m.put(ctx, n, t0); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.put(ctx, "d", t0); err == nil {
		t.Fatal("put beyond max_nonces succeeded")
	}
	if err := m.take(ctx, "a", t0); err != nil {
		t.Fatal(err)
	}
	if err := m.take(ctx, "a", t0); err == nil {
		t.Fatal("took a nonce twice")
	}
	if err := m.take(ctx, "b", t0.Add(time.Minute)); err == nil {
		t.Fatal("took an expired nonce")
	}
	// Expiry frees the room, and the queue does not grow with churn.
	for i := range 10_000 {
		now := t0.Add(time.Duration(i+1) * time.Minute)
		if err := m.put(ctx, string(rune('A'+i%26))+time.Duration(i).String(), now); err != nil {
			t.Fatalf("put %d: %v", i, err)
		}
	}
	if len(m.queue) > 200 || len(m.live) > 3 {
		t.Fatalf("after churn: queue %d, live %d", len(m.queue), len(m.live))
	}
}

func TestNonceCap(t *testing.T) {
	ts := newTestSigner(t, func(c *Config, _ *Deps) { c.MaxNonces = 2 })
	ts.nonce(t)
	ts.nonce(t)
	resp, body := ts.do(t, "GET", "/auth/nonce", "")
	wantError(t, resp, body, 429, "rate_limited")
}

// ethersVector is one of siwe/testdata/ethers_vectors.json: a message and
// signature made by ethers v6 and the siwe package.
type ethersVector struct {
	Message   string          `json:"message"`
	Signature string          `json:"signature"`
	Time      time.Time       `json:"time"`
	Fields    json.RawMessage `json:"fields"`
}

// TestEthersVectorsSignIn signs in end to end with messages and signatures
// an independent client made. Their nonces, domains and times are fixed, so
// the nonces are put in the store and the clock is set to each vector's.
func TestEthersVectorsSignIn(t *testing.T) {
	raw, err := os.ReadFile("siwe/testdata/ethers_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vectors map[string]ethersVector
	if err := json.Unmarshal(raw, &vectors); err != nil {
		t.Fatal(err)
	}
	clk := newClock(time.Now())
	ts := newTestSignerAt(t, clk, func(c *Config, _ *Deps) {
		c.Domains = []string{"https://streamgate.example:8443", "localhost:8080", "streamgate.example"}
		c.URIs = nil
		for _, id := range []int64{1, 137, 8453} { // never dialed: EOA signatures need no chain
			c.Ownership.Chains = append(c.Ownership.Chains, ownership.ChainConfig{ID: id, RPC: []string{"http://127.0.0.1:1"}})
		}
	})
	for name, v := range vectors {
		t.Run(name, func(t *testing.T) {
			m, err := siwe.Parse(v.Message)
			if err != nil {
				t.Fatal(err)
			}
			clk.set(v.Time)
			if err := ts.srv.nonces.put(t.Context(), m.Nonce, v.Time); err != nil {
				t.Fatal(err)
			}
			body, _ := json.Marshal(verifyRequest{Message: v.Message, Signature: v.Signature})
			resp, out := ts.signIn(t, string(body))
			wantSession(t, resp, out, common.HexToAddress(m.Address.Hex()))
			resp, out = ts.signIn(t, string(body))
			wantError(t, resp, out, 401, "invalid_nonce")
		})
	}
}

// TestRedisAtStart: a Redis that refuses the signer's credentials is a
// start-up error naming redis.password; one that accepts them is reported
// healthy in the signer's metrics.
func TestRedisAtStart(t *testing.T) {
	r := testenv.RedisPassword(t, "right-password")
	cfg, _ := baseConfig(t)
	cfg.Redis = r.Conf
	cfg.Redis.Password = "wrong-password"
	if _, err := New(cfg, quiet, Deps{}); err == nil || !strings.HasPrefix(err.Error(), "redis.password: WRONGPASS") {
		t.Fatalf("New with a wrong password = %v, want redis.password: WRONGPASS…", err)
	}
	cfg.Redis.Password = "right-password"
	srv, err := New(cfg, quiet, Deps{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if n, err := testutil.GatherAndCount(srv.Metrics(), "streamgate_redis_up", "streamgate_redis_errors_total"); err != nil || n != 2 {
		t.Fatalf("redis health series = %d, %v; want 2", n, err)
	}
}
