package edge

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/origin"
)

// maxKeysBytes bounds keys.json: no film needs more than a few thousand
// 16-byte keys (~35 bytes each in hex and JSON).
const maxKeysBytes = 1 << 20

// keyring caches the key schedules of CDN-mode asset versions, keyed by
// "{asset}[/{version}]". A schedule never changes under a version, but a
// version is deleted after its retention, so answers (absence included)
// live cache.asset_ttl like asset.json. A hit is a map lookup without
// allocation; concurrent misses make one origin read; a storage fault is
// returned (a 5xx to retry) and not cached.
type keyring struct {
	store   asset.Objects
	ttl     time.Duration
	timeout time.Duration
	ctx     context.Context

	flight singleflight.Group
	mu     sync.RWMutex
	m      map[string]keyEntry
}

type keyEntry struct {
	keys    [][16]byte // by period
	err     error      // not found or malformed, cached like an answer
	expires int64      // unix nanoseconds
}

// maxSchedules bounds the cached answers, as asset.Cache bounds manifests.
const maxSchedules = 10_000

func newKeyring(ctx context.Context, store origin.Store, ttl, timeout time.Duration) *keyring {
	return &keyring{store: origin.Objects(store), ttl: ttl, timeout: timeout, ctx: ctx, m: make(map[string]keyEntry)}
}

// key returns the 16-byte key of period in the schedule of sched
// ("{asset}[/{version}]", aliasing the request). A period past the
// schedule's end or a schedule that does not exist is origin.ErrNotFound.
func (kr *keyring) key(sched []byte, period int, now time.Time) (*[16]byte, error) {
	kr.mu.RLock()
	e, ok := kr.m[string(sched)]
	kr.mu.RUnlock()
	if !ok || now.UnixNano() >= e.expires {
		var err error
		if e, err = kr.load(string(sched)); err != nil {
			return nil, err
		}
	}
	if e.err != nil {
		return nil, e.err
	}
	if period >= len(e.keys) {
		return nil, fmt.Errorf("%w: key period %d: the schedule has %d", origin.ErrNotFound, period, len(e.keys))
	}
	return &e.keys[period], nil
}

func (kr *keyring) load(sched string) (keyEntry, error) {
	v, err, _ := kr.flight.Do(sched, func() (any, error) {
		ctx, cancel := context.WithTimeout(kr.ctx, kr.timeout)
		defer cancel()
		data, err := kr.store.ReadObject(ctx, sched+"/"+asset.KeysName, maxKeysBytes)
		e := keyEntry{expires: time.Now().Add(kr.ttl).UnixNano()}
		switch {
		case errors.Is(err, asset.ErrNoObject):
			e.err = fmt.Errorf("%w: no key schedule for %s", origin.ErrNotFound, sched)
		case errors.Is(err, asset.ErrTooLarge):
			e.err = fmt.Errorf("%w: %s/keys.json: over %d bytes", asset.ErrBadManifest, sched, maxKeysBytes)
		case err != nil:
			return nil, err
		default:
			_, e.keys, e.err = asset.ParseKeys(data) // an unusable one wraps asset.ErrBadManifest: 502
		}
		kr.put(sched, e)
		return e, nil
	})
	if err != nil {
		return keyEntry{}, err
	}
	return v.(keyEntry), nil
}

func (kr *keyring) put(sched string, e keyEntry) {
	kr.mu.Lock()
	defer kr.mu.Unlock()
	if len(kr.m) >= maxSchedules {
		kr.sweepLocked(time.Now().UnixNano(), true)
	}
	kr.m[sched] = e
}

// sweep drops expired schedules, so probes of many versions do not grow it.
func (kr *keyring) sweep(now time.Time) {
	kr.mu.Lock()
	kr.sweepLocked(now.UnixNano(), false)
	kr.mu.Unlock()
}

func (kr *keyring) sweepLocked(now int64, makeRoom bool) {
	for k, e := range kr.m {
		if now >= e.expires || makeRoom && len(kr.m) >= maxSchedules {
			delete(kr.m, k)
		}
	}
}
