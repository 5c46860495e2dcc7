package edge

import (
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/testenv"
)

// seated is an origin on a chain where Accounts[1] holds pass token id of
// contract pass (and a second pass contract, other): asset "one" allows one
// session per token, asset "wallet" one per wallet (balance condition),
// asset "either" one per token unless the other pass is held.
type seated struct {
	chain       *testenv.ChainEnv
	dir         string
	pass, other common.Address
	id          string
	holder      common.Address
}

func newSeated(t testing.TB) *seated {
	chain := testenv.Chain(t)
	owner := chain.Accounts[0]
	ap := bindings.NewAccessPass()
	s := &seated{chain: chain, dir: sampleOrigin(t), holder: chain.Accounts[1].Address}
	s.pass = chain.Deploy(t, owner, &bindings.AccessPassMetaData, ap.PackConstructor("Pass", "PASS", owner.Address))
	s.other = chain.Deploy(t, owner, &bindings.AccessPassMetaData, ap.PackConstructor("Other", "OTHER", owner.Address))
	r := chain.Transact(t, owner, s.pass, ap.PackMint(s.holder))
	s.id = r.Logs[0].Topics[3].Big().String()
	chain.Transact(t, owner, s.other, ap.PackMint(s.holder))
	byToken := `{"chain_id":1337,"contract":"` + s.pass.Hex() + `","standard":"erc721","token_ids":["` + s.id + `"],"max_streams":1}`
	writeAsset(t, s.dir, "one", byToken)
	writeAsset(t, s.dir, "wallet", `{"chain_id":1337,"contract":"`+s.pass.Hex()+`","standard":"erc721","max_streams":1}`)
	writeAsset(t, s.dir, "either", `{"any":[`+byToken+`,{"chain_id":1337,"contract":"`+s.other.Hex()+`","standard":"erc721"}]}`)
	for _, a := range []string{"one", "wallet", "either"} {
		writeObject(t, s.dir, a+"/720p/seg1.m4s", segment)
	}
	return s
}

// edge starts an edge on the origin; jwks, when set, shares another edge's
// keys so one issuer's tokens play on both.
func (s *seated) edge(t testing.TB, redisAddr, jwks string, idle time.Duration) *testEdge {
	return s.edgeWith(t, redisAddr, jwks, SeatsConfig{Idle: idle, Renew: 100 * time.Millisecond, Timeout: 250 * time.Millisecond})
}

func (s *seated) edgeWith(t testing.TB, redisAddr, jwks string, seats SeatsConfig) *testEdge {
	rc := DefaultConfig().Redis
	rc.Addr = redisAddr
	return s.edgeVia(t, rc, jwks, seats)
}

// edgeVia is edgeWith reaching Redis through the block rc.
func (s *seated) edgeVia(t testing.TB, rc RedisConfig, jwks string, seats SeatsConfig) *testEdge {
	return newTestEdge(t, s.dir, func(c *Config) {
		c.Ownership.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{s.chain.RPCURL}, Multicall3: "none"}}
		c.Redis = rc
		c.Seats = seats
		if jwks != "" {
			c.Token.JWKS = jwks
		}
	})
}

func (e *testEdge) get(t testing.TB, tok, asset string) int {
	t.Helper()
	resp, body := do(t, "GET", e.url+"/t/"+tok+"/v/"+asset+"/720p/seg1.m4s", nil)
	if resp.StatusCode == 429 {
		wantError(t, resp, body, 429, "too_many_streams")
		if !strings.Contains(string(body), "at most 1 session") {
			t.Fatalf("429 message does not explain the limit: %s", body)
		}
	}
	return resp.StatusCode
}

// TestTwoEdgesShareASeat: with max_streams 1, a second session on another
// edge gets 429 while the first plays, and gets in once the first is idle.
func TestTwoEdgesShareASeat(t *testing.T) {
	s := newSeated(t)
	r := testenv.Redis(t)
	a := s.edge(t, r.Addr, "", 600*time.Millisecond)
	b := s.edge(t, r.Addr, a.srv.cfg.Token.JWKS, 600*time.Millisecond)
	first, second := a.playbackFor(t, s.holder, "one"), a.playbackFor(t, s.holder, "one")
	if got := a.get(t, first, "one"); got != 200 {
		t.Fatalf("first session: %d", got)
	}
	if got := b.get(t, second, "one"); got != 429 {
		t.Fatalf("second session on the other edge: %d, want 429", got)
	}
	for range 8 { // the first keeps playing past the idle time
		time.Sleep(100 * time.Millisecond)
		if got := a.get(t, first, "one"); got != 200 {
			t.Fatalf("the playing session lost its seat: %d", got)
		}
	}
	stopped := time.Now()
	testenv.WaitFor(t, 5*time.Second, func() error {
		if got := b.get(t, second, "one"); got != 200 {
			return fmt.Errorf("the second session never got the idle seat: %d", got)
		}
		return nil
	})
	if d := time.Since(stopped); d < 400*time.Millisecond {
		t.Fatalf("the seat was free after %s, before the idle time", d)
	}
	if got := a.get(t, first, "one"); got != 429 {
		t.Fatalf("the first session came back to a taken seat: %d, want 429", got)
	}
}

// TestSeatKeys: a balance condition limits the wallet; an unlimited
// alternative the wallet meets takes no seat.
func TestSeatKeys(t *testing.T) {
	s := newSeated(t)
	e := s.edge(t, testenv.Redis(t).Addr, "", time.Minute)
	one, two := e.playbackFor(t, s.holder, "wallet"), e.playbackFor(t, s.holder, "wallet")
	if a, b := e.get(t, one, "wallet"), e.get(t, two, "wallet"); a != 200 || b != 429 {
		t.Fatalf("balance condition: sessions got %d, %d; want 200, 429", a, b)
	}
	one, two = e.playbackFor(t, s.holder, "either"), e.playbackFor(t, s.holder, "either")
	if a, b := e.get(t, one, "either"), e.get(t, two, "either"); a != 200 || b != 200 {
		t.Fatalf("unlimited alternative held: sessions got %d, %d; want 200, 200", a, b)
	}
}

// TestSeatsWithoutRedis: leases live in the edge; with Redis configured but
// unreachable the edge counts seats alone rather than failing or opening.
func TestSeatsWithoutRedis(t *testing.T) {
	s := newSeated(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close()
	for _, addr := range []string{"", dead} {
		e := s.edge(t, addr, "", time.Minute) // a dead Redis makes requests slow: keep leases
		one, two := e.playbackFor(t, s.holder, "one"), e.playbackFor(t, s.holder, "one")
		if a, b := e.get(t, one, "one"), e.get(t, two, "one"); a != 200 || b != 429 {
			t.Fatalf("redis %q: sessions got %d, %d; want 200, 429", addr, a, b)
		}
	}
}

// TestSeatsThroughEveryRedis: two edges share a max_streams 1 seat through a
// password-protected Redis, a TLS-only one and a Redis Cluster (the seat
// script under the default prefix): the second session is refused.
func TestSeatsThroughEveryRedis(t *testing.T) {
	s := newSeated(t)
	seats := SeatsConfig{Idle: time.Minute, Renew: 100 * time.Millisecond, Timeout: time.Second}
	for _, v := range testenv.RedisVariants(t) {
		t.Run(v.Name, func(t *testing.T) {
			a := s.edgeVia(t, v.Conf, "", seats)
			b := s.edgeVia(t, v.Conf, a.srv.cfg.Token.JWKS, seats)
			first, second := a.playbackFor(t, s.holder, "one"), a.playbackFor(t, s.holder, "one")
			if got := a.get(t, first, "one"); got != 200 {
				t.Fatalf("first session: %d", got)
			}
			if got := b.get(t, second, "one"); got != 429 {
				t.Fatalf("second session on the other edge: %d, want 429", got)
			}
			if got := a.get(t, first, "one"); got != 200 {
				t.Fatalf("the playing session lost its seat: %d", got)
			}
			resp, body := do(t, "GET", a.url+"/metrics", nil)
			if resp.StatusCode != 200 || !strings.Contains(string(body), "\nstreamgate_redis_up 1\n") {
				t.Fatalf("/metrics does not show streamgate_redis_up 1: %d", resp.StatusCode)
			}
		})
	}
}
