package edge

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"sync"
	"time"
	"unsafe"

	"github.com/dgraph-io/ristretto/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamgate/streamgate/origin"
)

// object is a cache entry: a whole body, or, for objects over the size
// limit, only their description (large), or a remembered 404 (missing).
type object struct {
	body    []byte
	file    *memFile // instead of body for objects sent with sendfile
	etag    []byte   // quoted, ready for the header
	size    int64
	modTime time.Time
	large   bool
	missing bool
	stripe  uint8 // of pinStripes, for the eviction barrier
}

// pin and unpin hold a memfd body for a response; bodies in Go memory are
// kept alive by the collector and need neither.
func (o *object) pin() {
	if o.file != nil {
		o.file.pin()
	}
}

func (o *object) unpin() {
	if o.file != nil {
		o.file.unpin()
	}
}

// pinStripes is the number of stripe locks that make a cache hit and its
// pin atomic with respect to eviction; a power of two.
const pinStripes = 64

// pinStripe is padded to a cache line so that stripes do not share one.
type pinStripe struct {
	sync.RWMutex
	_ [64 - unsafe.Sizeof(sync.RWMutex{})%64]byte
}

// entryOverhead is charged on top of the body so that many tiny entries still
// count against the byte budget.
const entryOverhead = 256

// objects serves origin objects from a byte-budgeted ristretto cache. N
// concurrent misses for one key make a single origin read. Objects handed
// out are pinned (see get), so an eviction never takes away a body that a
// request found.
type objects struct {
	cache    *ristretto.Cache[string, *object]
	seed     maphash.Seed
	stripes  [pinStripes]pinStripe
	fillMu   sync.Mutex
	fills    map[string]*fillCall
	origin   origin.Store
	cfg      CacheConfig
	timeout  time.Duration
	metrics  *metrics
	serverCt context.Context
}

func newObjects(ctx context.Context, cfg CacheConfig, streamTimeout time.Duration, store origin.Store, m *metrics) (*objects, error) {
	o := &objects{origin: store, cfg: cfg, timeout: streamTimeout, metrics: m, serverCt: ctx,
		seed: maphash.MakeSeed(), fills: make(map[string]*fillCall)}
	cache, err := ristretto.NewCache(&ristretto.Config[string, *object]{
		NumCounters:        max(100_000, cfg.MaxBytes/(64<<10)*10), // ~10 per 64 KiB entry
		MaxCost:            cfg.MaxBytes,
		BufferItems:        64,
		Metrics:            true,
		IgnoreInternalCost: true,
		OnExit:             o.exit,
	})
	if err != nil {
		return nil, fmt.Errorf("object cache: %w", err)
	}
	o.cache = cache
	o.register(m.registry)
	return o, nil
}

func (o *objects) register(r *prometheus.Registry) {
	met := o.cache.Metrics
	r.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "streamgate_edge_cache_evictions_total", Help: "Objects evicted from the cache."},
			func() float64 { return float64(met.KeysEvicted()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "streamgate_edge_cache_bytes", Help: "Bytes held by the object cache (bodies plus per-entry overhead)."},
			func() float64 { return float64(met.CostAdded() - met.CostEvicted()) }),
	)
}

// get returns the object for key from memory, or reads it from the origin,
// pinned for the caller, who must unpin it once the response no longer
// needs it. key aliases the request and must not be retained: it is copied
// on a miss.
func (o *objects) get(key []byte) (*object, error) {
	if obj := o.cached(unsafe.String(unsafe.SliceData(key), len(key))); obj != nil {
		o.metrics.cacheHits.Inc()
		return obj, nil
	}
	o.metrics.cacheMisses.Inc()
	return o.miss(key)
}

// cached returns key's cached object, pinned, or nil. The lookup and the pin
// happen under the key's stripe lock, which exit takes before dropping the
// cache's reference: ristretto removes an entry from its map before calling
// OnExit, so a lookup that found it has pinned it by then.
func (o *objects) cached(key string) *object {
	s := &o.stripes[o.stripeOf(key)]
	s.RLock()
	obj, ok := o.cache.Get(key)
	if ok {
		obj.pin()
	}
	s.RUnlock()
	if !ok {
		return nil
	}
	return obj
}

func (o *objects) stripeOf(key string) uint8 {
	return uint8(maphash.String(o.seed, key) % pinStripes)
}

// exit is the cache's OnExit (eviction, admission rejection, deletion,
// replacement): it drops the cache's reference once every lookup that may
// have found obj has pinned it.
func (o *objects) exit(obj *object) {
	if obj == nil || obj.file == nil {
		return
	}
	s := &o.stripes[obj.stripe]
	s.Lock()
	s.Unlock() //nolint:staticcheck // SA2001: an empty section is the point, a barrier
	obj.file.unpin()
}

// fillCall is one origin read that concurrent misses of a key share.
type fillCall struct {
	done    chan struct{}
	obj     *object
	err     error
	callers int // guarded by objects.fillMu
}

// miss coalesces concurrent misses of key into one fill. Unlike
// singleflight, it counts the callers sharing the result, so that each gets
// its own pin before any can be dropped.
func (o *objects) miss(key []byte) (*object, error) {
	o.fillMu.Lock()
	if c, ok := o.fills[string(key)]; ok {
		c.callers++
		o.fillMu.Unlock()
		<-c.done
		return c.obj, c.err
	}
	k := string(key)
	c := &fillCall{done: make(chan struct{}), callers: 1}
	o.fills[k] = c
	o.fillMu.Unlock()
	defer close(c.done) // even on a panic, waiters must not hang
	var obj *object
	var err error
	defer func() {
		o.fillMu.Lock()
		delete(o.fills, k)
		n := c.callers
		o.fillMu.Unlock()
		if obj == nil && err == nil { // fill panicked
			err = fmt.Errorf("edge: filling %s failed", k)
		}
		for range n - 1 { // our own pin is the first caller's
			if err == nil {
				obj.pin()
			}
		}
		c.obj, c.err = obj, err
	}()
	// A fill that ended between our lookup and registering has stored it.
	if obj = o.cached(k); obj == nil {
		obj, err = o.fill(k)
	}
	return obj, err
}

// fill reads key from the origin and caches it, returning it pinned once.
// It runs on the server's context, not a request's: its result serves every
// coalesced caller.
func (o *objects) fill(key string) (*object, error) {
	o.metrics.originFetches.Inc()
	ctx, cancel := context.WithTimeout(o.serverCt, o.timeout)
	defer cancel()
	body, info, err := o.origin.Get(ctx, key, origin.Range{})
	if errors.Is(err, origin.ErrNotFound) {
		miss := &object{missing: true}
		o.store(key, miss, entryOverhead, o.cfg.NotFoundTTL)
		return miss, nil
	}
	if err != nil {
		return nil, err
	}
	defer body.Close()
	obj := &object{etag: quoteETag(info.ETag), size: info.Size, modTime: info.ModTime, stripe: o.stripeOf(key)}
	if info.Size > o.cfg.MaxObjectBytes {
		obj.large = true
		o.store(key, obj, entryOverhead, 0)
		return obj, nil
	}
	if err := o.read(key, body, obj); err != nil {
		return nil, fmt.Errorf("%w: reading %s: %w", origin.ErrUnavailable, key, err)
	}
	o.store(key, obj, obj.size+entryOverhead, 0)
	return obj, nil
}

// read fills obj from body: into a memfd when it is big enough to gain from
// sendfile and the platform has memfd, else into a slice.
func (o *objects) read(key string, body io.Reader, obj *object) error {
	if o.cfg.SendfileMinBytes > 0 && obj.size >= o.cfg.SendfileMinBytes {
		f, err := newMemFile(key, body, obj.size)
		if err == nil {
			obj.file = f
			return nil
		}
		if !errors.Is(err, errNoMemfd) {
			return err
		}
	}
	obj.body = make([]byte, obj.size)
	_, err := io.ReadFull(body, obj.body)
	return err
}

// store caches obj and waits until the cache applied it, so that requests
// arriving after the coalesced read see it instead of reading again.
func (o *objects) store(key string, obj *object, cost int64, ttl time.Duration) {
	if obj.missing && ttl <= 0 {
		return
	}
	obj.pin() // the cache's reference; exit drops it
	if !o.cache.SetWithTTL(key, obj, cost, ttl) {
		obj.unpin() // dropped without OnExit: the set buffer was full
		return
	}
	o.cache.Wait()
}

// stream opens a byte range of large object obj straight from the origin.
// The body's reads are bounded by the stream timeout; closing it releases
// all. If the origin's object is no longer the one obj describes (whose
// size and ETag the headers already carry), obj is dropped from the cache
// and the error is errChanged, so that serve answers from a fresh one; it
// also wraps origin.ErrUnavailable (502) should that change again.
func (o *objects) stream(key []byte, obj *object, r origin.Range) (io.ReadCloser, error) {
	ctx, cancel := context.WithTimeout(o.serverCt, o.timeout)
	body, info, err := o.origin.Get(ctx, string(key), r)
	if err != nil {
		cancel()
		return nil, err
	}
	if info.Size != obj.size || !bytes.Equal(quoteETag(info.ETag), obj.etag) {
		body.Close()
		cancel()
		o.cache.Del(string(key))
		return nil, fmt.Errorf("%w: %s while being served: %w", errChanged, key, origin.ErrUnavailable)
	}
	return origin.CancelOnClose(body, cancel), nil
}

func quoteETag(etag string) []byte {
	if etag == "" {
		return nil
	}
	if etag[0] == '"' || len(etag) > 2 && etag[:2] == "W/" {
		return []byte(etag)
	}
	return []byte(`"` + etag + `"`)
}

// refetch replaces an object that changed at the origin (errChanged),
// pinned like get's.
func (o *objects) refetch(key []byte) (*object, error) {
	o.cache.Del(string(key))
	return o.get(key)
}

func (o *objects) close() {
	o.cache.Clear() // drops the cache's references; responses still sending keep theirs
	o.cache.Close()
}
