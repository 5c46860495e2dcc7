package edge

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/sync/singleflight"

	"github.com/streamgate/streamgate/origin"
	"github.com/streamgate/streamgate/signer/policy"
)

// maxManifestBytes bounds asset.json; a larger one is malformed.
const maxManifestBytes = 1 << 20

var errUnknownAsset = errors.New("edge: unknown asset")

// gate decides whether a wallet meets an asset's policy, answering from
// memory on the hot path: *ownership.Checker. It returns nil, an error
// wrapping ownership.ErrNotHeld, or one wrapping ownership.ErrUnavailable.
type gate interface {
	AllowAt(ctx context.Context, wallet common.Address, p *policy.Policy, now time.Time) error
}

// assets caches parsed asset.json files for a short TTL; the manifest decides
// whether an asset exists and who may play it, so it is re-read often.
type assets struct {
	origin  origin.Store
	ttl     time.Duration
	timeout time.Duration // bounds one load, all regions and retries included
	flight  singleflight.Group

	mu sync.RWMutex
	m  map[string]assetEntry
}

type assetEntry struct {
	asset   *origin.Asset
	err     error // errUnknownAsset or a bad manifest, cached like an answer
	expires time.Time
}

func newAssets(store origin.Store, ttl, timeout time.Duration) *assets {
	return &assets{origin: store, ttl: ttl, timeout: timeout, m: make(map[string]assetEntry)}
}

// get returns the asset's manifest; id aliases the request.
func (as *assets) get(ctx context.Context, id []byte, now time.Time) (*origin.Asset, error) {
	as.mu.RLock()
	e, ok := as.m[string(id)]
	as.mu.RUnlock()
	if ok && now.Before(e.expires) {
		return e.asset, e.err
	}
	key := string(id)
	v, err, _ := as.flight.Do(key, func() (any, error) {
		as.mu.RLock()
		e, ok := as.m[key] // a flight that ended between our lookup and Do
		as.mu.RUnlock()
		if ok && time.Now().Before(e.expires) {
			return e, nil
		}
		return as.load(ctx, key)
	})
	if err != nil {
		return nil, err
	}
	e = v.(assetEntry)
	return e.asset, e.err
}

// load reads and parses the manifest. Origin failures are returned, not
// cached; an absent or unusable manifest is cached for the TTL.
func (as *assets) load(ctx context.Context, id string) (assetEntry, error) {
	ctx, cancel := context.WithTimeout(ctx, as.timeout)
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
	as.mu.Lock()
	as.m[id] = e
	as.mu.Unlock()
	return e, nil
}

// sweep drops expired entries so that probes for many ids do not grow the map.
func (as *assets) sweep(now time.Time) {
	as.mu.Lock()
	for id, e := range as.m {
		if now.After(e.expires) {
			delete(as.m, id)
		}
	}
	as.mu.Unlock()
}
