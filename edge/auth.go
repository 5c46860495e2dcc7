package edge

import (
	"errors"
	"fmt"
	"hash/maphash"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/streamgate/streamgate/signer/token"
)

// errWrongAsset is returned for a valid token presented for another asset.
var errWrongAsset = errors.New("edge: token is for another asset")

// grant is what the edge keeps of a verified playback token.
type grant struct {
	wallet string
	asset  string
	sid    string
	expiry int64 // unix nanoseconds, leeway included
}

// auth verifies playback tokens and remembers the verified ones until they
// expire, so a segment request costs a map lookup, not a signature check.
type auth struct {
	verifier atomic.Pointer[token.Verifier]
	leeway   time.Duration
	cache    *grantCache
	metrics  *metrics
}

func newAuth(cfg TokenConfig, m *metrics) (*auth, error) {
	a := &auth{leeway: cfg.Leeway, cache: newGrantCache(cfg.CacheEntries), metrics: m}
	if err := a.loadJWKS(cfg.JWKS); err != nil {
		return nil, err
	}
	return a, nil
}

// loadJWKS replaces the verifier with the keys in the file at path.
func (a *auth) loadJWKS(path string) error {
	set, err := token.LoadJWKSFile(path)
	if err != nil {
		return fmt.Errorf("token.jwks: %w", err)
	}
	v, err := token.NewVerifier(set)
	if err != nil {
		return fmt.Errorf("token.jwks %s: %w", path, err)
	}
	v.Leeway = a.leeway
	if a.verifier.Swap(v) != nil {
		a.cache.clear() // a key may have been withdrawn: re-verify everything
	}
	return nil
}

// check returns the grant of tok if it is a valid playback token for asset.
func (a *auth) check(tok, asset []byte, now time.Time) (*grant, error) {
	g := a.cache.get(tok)
	if g != nil {
		a.metrics.tokenHits.Inc()
		if now.UnixNano() >= g.expiry {
			return nil, fmt.Errorf("%w: %w", token.ErrInvalid, token.ErrExpired)
		}
	} else {
		var err error
		if !allIn(tok, tokenChars) {
			err = fmt.Errorf("%w: token has a character outside [A-Za-z0-9_.-]", token.ErrInvalid)
		} else {
			g, err = a.verify(string(tok), now)
		}
		if err != nil {
			a.metrics.tokenFailures.Inc()
			return nil, err
		}
	}
	if g.asset != string(asset) {
		return nil, errWrongAsset
	}
	return g, nil
}

func (a *auth) verify(tok string, now time.Time) (*grant, error) {
	a.metrics.tokenVerifications.Inc()
	c, err := a.verifier.Load().Verify(tok, token.AudiencePlayback, now)
	if err != nil {
		return nil, err
	}
	g := &grant{wallet: c.Subject, asset: c.Asset, sid: c.SessionID, expiry: c.ExpiresAt.Add(a.leeway).UnixNano()}
	a.cache.put(tok, g, now)
	return g, nil
}

// watchJWKS reloads the key file when it changes, until stop closes. A bad
// file keeps the previous keys and is logged by the caller through onErr.
func (a *auth) watchJWKS(path string, every time.Duration, stop <-chan struct{}, onErr func(error)) {
	var last time.Time
	if st, err := os.Stat(path); err == nil {
		last = st.ModTime()
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		st, err := os.Stat(path)
		if err != nil || st.ModTime().Equal(last) {
			continue
		}
		last = st.ModTime()
		if err := a.loadJWKS(path); err != nil {
			onErr(err)
		}
	}
}

// grantCache is a sharded map keyed by the token's bytes. Lookups with
// m[string(b)] do not allocate, which ristretto's generic keys would.
type grantCache struct {
	seed     maphash.Seed
	perShard int
	shards   [64]grantShard
}

type grantShard struct {
	mu sync.RWMutex
	m  map[string]*grant
}

func newGrantCache(entries int) *grantCache {
	c := &grantCache{seed: maphash.MakeSeed(), perShard: max(1, entries/64)}
	for i := range c.shards {
		c.shards[i].m = make(map[string]*grant)
	}
	return c
}

func (c *grantCache) shard(tok []byte) *grantShard {
	return &c.shards[maphash.Bytes(c.seed, tok)%uint64(len(c.shards))]
}

func (c *grantCache) get(tok []byte) *grant {
	s := c.shard(tok)
	s.mu.RLock()
	g := s.m[string(tok)]
	s.mu.RUnlock()
	return g
}

func (c *grantCache) clear() {
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		clear(s.m)
		s.mu.Unlock()
	}
}

// put stores g; a full shard first drops its expired grants, then, if still
// full, an arbitrary one (it is re-verified on its next use).
func (c *grantCache) put(tok string, g *grant, now time.Time) {
	s := c.shard([]byte(tok))
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.m) >= c.perShard {
		for k, old := range s.m {
			if now.UnixNano() >= old.expiry {
				delete(s.m, k)
			}
		}
	}
	for k := range s.m {
		if len(s.m) < c.perShard {
			break
		}
		delete(s.m, k)
	}
	s.m[tok] = g
}
