package origin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// ErrUnknownAsset is returned (wrapped) for an asset without asset.json.
var ErrUnknownAsset = errors.New("origin: unknown asset")

const (
	// maxManifestBytes bounds asset.json; a larger one is malformed.
	maxManifestBytes = 1 << 20
	// maxManifests bounds the cached answers (known and unknown ids).
	maxManifests = 10_000
)

// Manifests caches parsed asset.json files for a short TTL: the manifest
// decides whether an asset exists and who may play it, so it is re-read
// often. A hit is a map lookup; concurrent loads of one asset make one
// origin read. Edges and signers both use it.
type Manifests struct {
	store   Store
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

// NewManifests caches store's manifests for ttl; each load is bounded by
// timeout.
func NewManifests(store Store, ttl, timeout time.Duration) *Manifests {
	return &Manifests{store: store, ttl: ttl, timeout: timeout, m: make(map[string]manifestEntry)}
}

// Get returns asset id's manifest. id must be a valid asset id; it may
// alias a request buffer (it is copied on a miss). Origin failures are
// returned and not cached.
func (ms *Manifests) Get(ctx context.Context, id []byte, now time.Time) (*Asset, error) {
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

func (ms *Manifests) cached(id []byte, now time.Time) (manifestEntry, bool) {
	ms.mu.RLock()
	e, ok := ms.m[string(id)]
	ms.mu.RUnlock()
	return e, ok && now.Before(e.expires)
}

// load reads and parses the manifest; an absent or unusable one is cached.
func (ms *Manifests) load(ctx context.Context, id string) (manifestEntry, error) {
	ctx, cancel := context.WithTimeout(ctx, ms.timeout)
	defer cancel()
	e := manifestEntry{expires: time.Now().Add(ms.ttl)}
	body, info, err := ms.store.Get(ctx, id+"/"+ManifestName, Range{})
	switch {
	case errors.Is(err, ErrNotFound):
		e.err = fmt.Errorf("%w: %s", ErrUnknownAsset, id)
	case err != nil:
		return e, err
	case info.Size > maxManifestBytes:
		body.Close()
		e.err = fmt.Errorf("%w: %s: larger than %d bytes", ErrBadManifest, id, maxManifestBytes)
	default:
		data, rerr := io.ReadAll(io.LimitReader(body, maxManifestBytes))
		body.Close()
		if rerr != nil {
			return e, fmt.Errorf("%w: reading %s manifest: %w", ErrUnavailable, id, rerr)
		}
		e.asset, e.err = ParseAsset(id, data)
	}
	ms.put(id, e)
	return e, nil
}

// put caches e; a full map first drops expired entries, then arbitrary ones.
func (ms *Manifests) put(id string, e manifestEntry) {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	if len(ms.m) >= maxManifests {
		ms.sweepLocked(time.Now(), true)
	}
	ms.m[id] = e
}

// Sweep drops expired entries, so probes for many ids do not grow the map.
func (ms *Manifests) Sweep(now time.Time) {
	ms.mu.Lock()
	ms.sweepLocked(now, false)
	ms.mu.Unlock()
}

func (ms *Manifests) sweepLocked(now time.Time, makeRoom bool) {
	for k, e := range ms.m {
		if !now.Before(e.expires) || makeRoom && len(ms.m) >= maxManifests {
			delete(ms.m, k)
		}
	}
}
