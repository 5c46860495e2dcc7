package signer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/streamgate/streamgate/origin"
)

const (
	// maxManifestBytes bounds asset.json; a larger one is malformed.
	maxManifestBytes = 1 << 20
	// maxAssetLoad bounds one load of asset.json, all regions and retries
	// included (each attempt is bounded by origin.timeout).
	maxAssetLoad = 10 * time.Second
	// maxAssets bounds the cached manifests (known and unknown ids).
	maxAssets = 10_000
)

// assets caches parsed asset.json files briefly: the manifest decides whether
// an asset exists and who may play it, so it is re-read often. Concurrent
// loads of one asset make one origin read.
type assets struct {
	origin origin.Store
	ttl    time.Duration
	flight singleflight.Group

	mu sync.RWMutex
	m  map[string]assetEntry
}

type assetEntry struct {
	asset   *origin.Asset
	err     error // errUnknownAsset or a bad manifest, cached like an answer
	expires time.Time
}

func newAssets(store origin.Store, ttl time.Duration) *assets {
	return &assets{origin: store, ttl: ttl, m: make(map[string]assetEntry)}
}

// get returns the manifest of asset id, a well-formed asset id.
func (as *assets) get(ctx context.Context, id string, now time.Time) (*origin.Asset, error) {
	if e, ok := as.cached(id, now); ok {
		return e.asset, e.err
	}
	v, err, _ := as.flight.Do(id, func() (any, error) {
		if e, ok := as.cached(id, time.Now()); ok { // a flight ended meanwhile
			return e, nil
		}
		return as.load(ctx, id)
	})
	if err != nil {
		return nil, err
	}
	e := v.(assetEntry)
	return e.asset, e.err
}

func (as *assets) cached(id string, now time.Time) (assetEntry, bool) {
	as.mu.RLock()
	e, ok := as.m[id]
	as.mu.RUnlock()
	return e, ok && now.Before(e.expires)
}

// load reads and parses the manifest. Origin failures are returned, not
// cached; an absent or unusable manifest is cached for the TTL.
func (as *assets) load(ctx context.Context, id string) (assetEntry, error) {
	ctx, cancel := context.WithTimeout(ctx, maxAssetLoad)
	defer cancel()
	e := assetEntry{expires: time.Now().Add(as.ttl)}
	body, info, err := as.origin.Get(ctx, id+"/"+origin.ManifestName, origin.Range{})
	switch {
	case errors.Is(err, origin.ErrNotFound):
		e.err = fmt.Errorf("%w: %s", errUnknownAsset, id)
	case err != nil:
		return e, err
	case info.Size > maxManifestBytes:
		body.Close()
		e.err = fmt.Errorf("%w: %s: larger than %d bytes", origin.ErrBadManifest, id, maxManifestBytes)
	default:
		data, rerr := io.ReadAll(io.LimitReader(body, maxManifestBytes))
		body.Close()
		if rerr != nil {
			return e, fmt.Errorf("%w: reading %s manifest: %w", origin.ErrUnavailable, id, rerr)
		}
		e.asset, e.err = origin.ParseAsset(id, data)
	}
	as.store(id, e)
	return e, nil
}

// store caches e; a full map first drops expired entries, then arbitrary ones.
func (as *assets) store(id string, e assetEntry) {
	as.mu.Lock()
	defer as.mu.Unlock()
	if len(as.m) >= maxAssets {
		now := time.Now()
		for k, old := range as.m {
			if !now.Before(old.expires) || len(as.m) >= maxAssets {
				delete(as.m, k)
			}
		}
	}
	as.m[id] = e
}
