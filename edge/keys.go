package edge

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/origin"
)

// maxKeysBytes bounds keys.json: 2^20 periods would be far larger, but no
// film needs more than a few thousand 16-byte keys.
const maxKeysBytes = 1 << 20

// keySchedule is a parsed keys.json (docs/protocol.md §4):
// {"key_period":N,"keys":["<32 hex>",…]}, one AES-128 key per period.
type keySchedule struct {
	period int
	keys   [][16]byte
}

// parseKeys reads a keys.json body; anything but a positive key_period and
// at least one key of exactly 32 hex digits is malformed (asset.ErrBadManifest:
// a publishing fault, answered 502 like a bad asset.json).
func parseKeys(data []byte) (*keySchedule, error) {
	var raw struct {
		KeyPeriod int      `json:"key_period"`
		Keys      []string `json:"keys"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%w: keys.json: %w", asset.ErrBadManifest, err)
	}
	if raw.KeyPeriod < 1 || len(raw.Keys) == 0 {
		return nil, fmt.Errorf("%w: keys.json: want key_period >= 1 and at least one key", asset.ErrBadManifest)
	}
	ks := &keySchedule{period: raw.KeyPeriod, keys: make([][16]byte, len(raw.Keys))}
	for i, k := range raw.Keys {
		if len(k) != 32 {
			return nil, fmt.Errorf("%w: keys.json: key %d is not 32 hex digits", asset.ErrBadManifest, i)
		}
		if _, err := hex.Decode(ks.keys[i][:], []byte(k)); err != nil {
			return nil, fmt.Errorf("%w: keys.json: key %d: %w", asset.ErrBadManifest, i, err)
		}
	}
	return ks, nil
}

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
	ks      *keySchedule
	err     error // not found or malformed, cached like an answer
	expires int64 // unix nanoseconds
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
	if period >= len(e.ks.keys) {
		return nil, fmt.Errorf("%w: key period %d: the schedule has %d", origin.ErrNotFound, period, len(e.ks.keys))
	}
	return &e.ks.keys[period], nil
}

func (kr *keyring) load(sched string) (keyEntry, error) {
	v, err, _ := kr.flight.Do(sched, func() (any, error) {
		ctx, cancel := context.WithTimeout(kr.ctx, kr.timeout)
		defer cancel()
		data, err := kr.store.ReadObject(ctx, sched+"/"+keysName, maxKeysBytes)
		e := keyEntry{expires: time.Now().Add(kr.ttl).UnixNano()}
		switch {
		case errors.Is(err, asset.ErrNoObject):
			e.err = fmt.Errorf("%w: no key schedule for %s", origin.ErrNotFound, sched)
		case errors.Is(err, asset.ErrTooLarge):
			e.err = fmt.Errorf("%w: %s/keys.json: over %d bytes", asset.ErrBadManifest, sched, maxKeysBytes)
		case err != nil:
			return nil, err
		default:
			e.ks, e.err = parseKeys(data)
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
