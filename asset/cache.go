package asset

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

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
type Cache struct {
	store   Objects
	ttl     time.Duration
	timeout time.Duration // bounds one load, all regions and retries included
	flight  singleflight.Group

	mu sync.RWMutex
	m  map[string]manifestEntry
}

type manifestEntry struct {
	asset   *Asset
	err     error // ErrUnknownAsset or ErrBadManifest, cached like an answer
	expires time.Time
}

// NewCache caches store's manifests for ttl; each load is bounded by
// timeout.
func NewCache(store Objects, ttl, timeout time.Duration) *Cache {
	return &Cache{store: store, ttl: ttl, timeout: timeout, m: make(map[string]manifestEntry)}
}

// Get returns asset id's manifest. id must be a valid asset id; it may
// alias a request buffer (it is copied on a miss). An absent asset.json is
// an error wrapping ErrUnknown and an unusable one ErrBadManifest, both
// cached for the TTL; storage faults are returned as they are and not
// cached.
func (ms *Cache) Get(ctx context.Context, id []byte, now time.Time) (*Asset, error) {
	if e, ok := ms.cached(id, now); ok {
		return e.asset, e.err
	}
	key := string(id)
	v, err, _ := ms.flight.Do(key, func() (any, error) {
		if e, ok := ms.cached(id, time.Now()); ok { // a flight ended meanwhile
			return e, nil
		}
		return ms.load(ctx, key)
	})
	if err != nil {
		return nil, err
	}
	e := v.(manifestEntry)
	return e.asset, e.err
}

func (ms *Cache) cached(id []byte, now time.Time) (manifestEntry, bool) {
	ms.mu.RLock()
	e, ok := ms.m[string(id)]
	ms.mu.RUnlock()
	return e, ok && now.Before(e.expires)
}

// load reads and parses the manifest; an absent or unusable one is cached.
func (ms *Cache) load(ctx context.Context, id string) (manifestEntry, error) {
	ctx, cancel := context.WithTimeout(ctx, ms.timeout)
	defer cancel()
	e := manifestEntry{expires: time.Now().Add(ms.ttl)}
	data, err := ms.store.ReadObject(ctx, id+"/"+ManifestName, maxManifestBytes)
	switch {
	case errors.Is(err, ErrNoObject):
		e.err = fmt.Errorf("%w: %s", ErrUnknown, id)
	case errors.Is(err, ErrTooLarge):
		e.err = fmt.Errorf("%w: %s: larger than %d bytes", ErrBadManifest, id, maxManifestBytes)
	case err != nil:
		return e, err
	default:
		e.asset, e.err = Parse(id, data)
	}
	ms.put(id, e)
	return e, nil
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
		if !now.Before(e.expires) || makeRoom && len(ms.m) >= maxManifests {
			delete(ms.m, k)
		}
	}
}
