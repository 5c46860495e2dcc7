package asset

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sync/singleflight"
)

// ErrUnknown is returned (wrapped) for an asset without asset.json.
var ErrUnknown = errors.New("asset: unknown asset")

// Errors an Objects implementation wraps to tell an answer from a fault.
var (
	ErrNoObject = errors.New("asset: no such object")
	ErrTooLarge = errors.New("asset: object too large")
)

// Objects is the storage a Cache reads asset.json from (origin.Objects
// adapts any origin store to it).
type Objects interface {
	// ReadObject returns the whole object at key (slash-separated). It fails
	// with an error wrapping ErrNoObject when there is none and ErrTooLarge
	// when it has more than limit bytes; any other error is a storage fault,
	// which a Cache returns and does not cache.
	ReadObject(ctx context.Context, key string, limit int64) ([]byte, error)
}

const (
	// maxManifestBytes bounds asset.json; a larger one is malformed.
	maxManifestBytes = 1 << 20
	// maxManifests bounds the cached answers (known and unknown ids).
	maxManifests = 10_000
)

// Cache caches parsed asset.json files for a short TTL: the manifest decides
// whether an asset exists and who may play it, so it is re-read often. A hit
// is a map lookup; concurrent loads of one asset make one origin read. Edges
// and signers both use it; one process shares one.
//
// When the origin cannot answer (a fault, not a 404), the last good
// asset.json stays in use for up to StaleIfError past its TTL (RFC 5861's
// stale-if-error, Varnish's grace), so an origin blip does not take cached
// content down; a 404 or an unusable asset.json takes effect at once.
type Cache struct {
	store Objects
	cfg   CacheConfig
	log   *slog.Logger

	flight singleflight.Group

	mu sync.RWMutex
	m  map[string]manifestEntry

	staleStarts atomic.Uint64 // times an asset switched to its stale copy
}

// CacheConfig tunes a Cache.
type CacheConfig struct {
	// TTL is how long a read asset.json (or its absence) is trusted.
	TTL time.Duration
	// Timeout bounds one load, all regions and retries included.
	Timeout time.Duration
	// StaleIfError is how long past its TTL the last good asset.json is
	// still used while the origin fails (errors, timeouts); 0 never.
	StaleIfError time.Duration
	// Log gets one line per asset when it starts and stops using a stale
	// copy; nil discards.
	Log *slog.Logger
}

type manifestEntry struct {
	asset   *Asset
	err     error // ErrUnknownAsset or ErrBadManifest, cached like an answer
	expires time.Time
	// staleUntil ends the usable life of a good asset (zero for an error):
	// its first expiry plus StaleIfError.
	staleUntil time.Time
	stale      bool // kept past its TTL because the origin failed
}

// NewCache caches store's manifests as cfg says.
func NewCache(store Objects, cfg CacheConfig) *Cache {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Cache{store: store, cfg: cfg, log: log, m: make(map[string]manifestEntry)}
}

// Get returns asset id's manifest. id must be a valid asset id; it may
// alias a request buffer (it is copied on a miss). An absent asset.json is
// an error wrapping ErrUnknown and an unusable one ErrBadManifest, both
// cached for the TTL. A storage fault returns the last good asset.json
// within the stale-if-error window, else the fault as it is (not cached).
// An asset already on its stale copy is answered at once while one
// background load retries the origin, at most once per TTL.
func (ms *Cache) Get(ctx context.Context, id []byte, now time.Time) (*Asset, error) {
	e, ok := ms.lookup(id)
	if ok && now.Before(e.expires) {
		return e.asset, e.err
	}
	key := string(id)
	if ok && e.stale && now.Before(e.staleUntil) {
		bg := context.WithoutCancel(ctx) // the load has its own timeout
		ms.flight.DoChan(key, func() (any, error) { return ms.load(bg, key) })
		return e.asset, nil
	}
	v, err, _ := ms.flight.Do(key, func() (any, error) {
		if e, ok := ms.cached(id, now); ok { // a flight ended meanwhile
			return e, nil
		}
		return ms.load(ctx, key)
	})
	if err != nil {
		return nil, err
	}
	e = v.(manifestEntry)
	return e.asset, e.err
}

func (ms *Cache) lookup(id []byte) (manifestEntry, bool) {
	ms.mu.RLock()
	e, ok := ms.m[string(id)]
	ms.mu.RUnlock()
	return e, ok
}

func (ms *Cache) cached(id []byte, now time.Time) (manifestEntry, bool) {
	e, ok := ms.lookup(id)
	return e, ok && now.Before(e.expires)
}

// load reads and parses the manifest; an absent or unusable one is cached,
// and a fault falls back on the last good one while it may be used.
func (ms *Cache) load(ctx context.Context, id string) (manifestEntry, error) {
	ctx, cancel := context.WithTimeout(ctx, ms.cfg.Timeout)
	defer cancel()
	data, err := ms.store.ReadObject(ctx, id+"/"+ManifestName, maxManifestBytes)
	now := time.Now()
	e := manifestEntry{expires: now.Add(ms.cfg.TTL)}
	switch {
	case errors.Is(err, ErrNoObject):
		e.err = fmt.Errorf("%w: %s", ErrUnknown, id)
	case errors.Is(err, ErrTooLarge):
		e.err = fmt.Errorf("%w: %s: larger than %d bytes", ErrBadManifest, id, maxManifestBytes)
	case err != nil:
		return ms.stale(id, now, err)
	default:
		e.asset, e.err = Parse(id, data)
	}
	if e.asset != nil {
		e.staleUntil = e.expires.Add(ms.cfg.StaleIfError)
	}
	prev, hadPrev := ms.lookup([]byte(id))
	if e.asset != nil && e.asset.Ignored != nil && (!hadPrev || prev.asset == nil || prev.asset.Ignored == nil ||
		prev.asset.Ignored.Error() != e.asset.Ignored.Error()) {
		ms.log.Warn("asset.json: field ignored", "asset", id, "err", e.asset.Ignored) // once per change, not per TTL
	}
	if hadPrev && prev.stale {
		if e.err != nil {
			ms.log.Info("origin answers again; asset.json unusable", "asset", id, "err", e.err)
		} else {
			ms.log.Info("asset.json readable again", "asset", id)
		}
	}
	ms.put(id, e)
	return e, nil
}

// stale answers a failed load with the last good copy of id's asset.json,
// kept for another TTL (within its window) before the origin is retried;
// with none usable it returns err.
func (ms *Cache) stale(id string, now time.Time, err error) (manifestEntry, error) {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	prev, ok := ms.m[id]
	if !ok || prev.asset == nil || !now.Before(prev.staleUntil) {
		return manifestEntry{}, err
	}
	if !prev.stale {
		ms.staleStarts.Add(1)
		ms.log.Warn("origin cannot answer for asset.json: using the last good copy",
			"asset", id, "until", prev.staleUntil.Format(time.RFC3339), "err", err)
	}
	prev.stale = true
	prev.expires = now.Add(ms.cfg.TTL)
	if prev.expires.After(prev.staleUntil) {
		prev.expires = prev.staleUntil
	}
	ms.m[id] = prev
	return prev, nil
}

// Register adds the cache's series to reg: streamgate_asset_stale (assets
// now on a stale copy, a gauge) and streamgate_asset_stale_total (times an
// asset switched to one; one log line each).
func (ms *Cache) Register(reg prometheus.Registerer) error {
	return errors.Join(
		reg.Register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "streamgate_asset_stale",
			Help: "Assets answered from their last good asset.json past its TTL because the origin could not answer.",
		}, func() float64 { return float64(ms.Stale(time.Now())) })),
		reg.Register(prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "streamgate_asset_stale_total",
			Help: "Times an asset switched to its last good asset.json because the origin could not answer.",
		}, func() float64 { return float64(ms.staleStarts.Load()) })),
	)
}

// Usable reports whether some asset can be answered at now from memory,
// fresh or stale: a process with such metadata can still serve.
func (ms *Cache) Usable(now time.Time) bool {
	ms.mu.RLock()
	defer ms.mu.RUnlock()
	for _, e := range ms.m {
		if e.asset != nil && now.Before(e.staleUntil) {
			return true
		}
	}
	return false
}

// Stale counts the assets on a stale copy at now: the origin could not
// answer for them, and their last good asset.json is still in use.
func (ms *Cache) Stale(now time.Time) int {
	ms.mu.RLock()
	defer ms.mu.RUnlock()
	n := 0
	for _, e := range ms.m {
		if e.stale && now.Before(e.staleUntil) {
			n++
		}
	}
	return n
}

// put caches e; a full map first drops expired entries, then arbitrary ones.
func (ms *Cache) put(id string, e manifestEntry) {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	if len(ms.m) >= maxManifests {
		ms.sweepLocked(time.Now(), true)
	}
	ms.m[id] = e
}

// Sweep drops expired entries, so probes for many ids do not grow the map.
func (ms *Cache) Sweep(now time.Time) {
	ms.mu.Lock()
	ms.sweepLocked(now, false)
	ms.mu.Unlock()
}

func (ms *Cache) sweepLocked(now time.Time, makeRoom bool) {
	for k, e := range ms.m {
		if !now.Before(e.expires) && !now.Before(e.staleUntil) || makeRoom && len(ms.m) >= maxManifests {
			delete(ms.m, k)
		}
	}
}
