package edge

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/streamgate/streamgate/signer/token"
)

// errWrongAsset is returned for a valid token presented for another asset.
var errWrongAsset = errors.New("edge: token is for another asset")

// grant is what the edge keeps of a verified playback token.
type grant struct {
	wallet common.Address
	asset  string
	sid    string
	expiry int64       // unix nanoseconds, leeway included
	played atomic.Bool // passed the gate once: a later refusal is a revocation
	logged atomic.Bool // its revocation was logged (once per session)
}

// auth verifies playback tokens and remembers the verified ones until they
// expire, so a segment request costs a map lookup, not a signature check.
type auth struct {
	verifier atomic.Pointer[token.Verifier]
	cfg      TokenConfig
	static   bool // keys given by an in-process signer: nothing to reload
	cache    *grantCache
	metrics  *metrics
}

// newAuth loads the keys: static when the edge hosts the signer, else from
// cfg.JWKS (a file or the signer's URL).
func newAuth(cfg TokenConfig, m *metrics, static *token.JWKS) (*auth, error) {
	a := &auth{cfg: cfg, static: static != nil, cache: newGrantCache(cfg.CacheEntries), metrics: m}
	var err error
	if static != nil {
		err = a.use(*static)
	} else {
		err = a.load()
	}
	if err != nil {
		return nil, fmt.Errorf("token.jwks: %w", err)
	}
	return a, nil
}

// load reads cfg.JWKS and uses its keys.
func (a *auth) load() error {
	set, err := readJWKS(a.cfg.JWKS)
	if err != nil {
		return err
	}
	return a.use(set)
}

// use replaces the verifier; on a change of keys every remembered token is
// re-verified, since a key may have been withdrawn.
func (a *auth) use(set token.JWKS) error {
	v, err := token.NewVerifier(set)
	if err != nil {
		return err
	}
	v.Leeway = a.cfg.Leeway
	if a.verifier.Swap(v) != nil {
		a.cache.clear()
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
	g := &grant{wallet: common.HexToAddress(c.Subject), asset: c.Asset, sid: c.SessionID, expiry: c.ExpiresAt.Add(a.cfg.Leeway).UnixNano()}
	a.cache.put(tok, g, now)
	return g, nil
}

// watch re-reads the keys every JWKSRefresh until stop closes, keeping the
// previous keys when a read fails.
func (a *auth) watch(stop <-chan struct{}, onErr func(error)) {
	if a.static {
		return
	}
	t := time.NewTicker(a.cfg.JWKSRefresh)
	defer t.Stop()
	last, _ := readJWKSRaw(a.cfg.JWKS)
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		raw, err := readJWKSRaw(a.cfg.JWKS)
		if err == nil && bytes.Equal(raw, last) {
			continue
		}
		if err == nil {
			err = a.load()
		}
		if err != nil {
			onErr(err)
			continue
		}
		last = raw
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
