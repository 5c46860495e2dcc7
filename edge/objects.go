package edge

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"
	"unsafe"

	"github.com/dgraph-io/ristretto/v2"
	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sync/singleflight"

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
}

// entryOverhead is charged on top of the body so that many tiny entries still
// count against the byte budget.
const entryOverhead = 256

// objects serves origin objects from a byte-budgeted ristretto cache. N
// concurrent misses for one key make a single origin read.
type objects struct {
	cache    *ristretto.Cache[string, *object]
	flight   singleflight.Group
	origin   origin.Store
	cfg      CacheConfig
	timeout  time.Duration
	metrics  *metrics
	serverCt context.Context
}

func newObjects(ctx context.Context, cfg CacheConfig, streamTimeout time.Duration, store origin.Store, m *metrics) (*objects, error) {
	cache, err := ristretto.NewCache(&ristretto.Config[string, *object]{
		NumCounters:        max(100_000, cfg.MaxBytes/(64<<10)*10), // ~10 per 64 KiB entry
		MaxCost:            cfg.MaxBytes,
		BufferItems:        64,
		Metrics:            true,
		IgnoreInternalCost: true,
		OnExit: func(o *object) {
			if o != nil && o.file != nil {
				o.file.release()
			}
		},
	})
	if err != nil {
		return nil, fmt.Errorf("object cache: %w", err)
	}
	o := &objects{cache: cache, origin: store, cfg: cfg, timeout: streamTimeout, metrics: m, serverCt: ctx}
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

// get returns the object for key from memory, or reads it from the origin.
// key aliases the request and must not be retained: it is copied on a miss.
func (o *objects) get(key []byte) (*object, error) {
	if obj, ok := o.cache.Get(unsafe.String(unsafe.SliceData(key), len(key))); ok {
		o.metrics.cacheHits.Inc()
		return obj, nil
	}
	o.metrics.cacheMisses.Inc()
	k := string(key)
	v, err, _ := o.flight.Do(k, func() (any, error) {
		// A flight that ended between our Get and Do has stored the object.
		if obj, ok := o.cache.Get(k); ok {
			return obj, nil
		}
		return o.fill(k)
	})
	if err != nil {
		return nil, err
	}
	return v.(*object), nil
}

// fill reads key from the origin and caches it. It runs on the server's
// context, not a request's: its result serves every coalesced waiter.
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
	obj := &object{etag: quoteETag(info.ETag), size: info.Size, modTime: info.ModTime}
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
	o.cache.SetWithTTL(key, obj, cost, ttl)
	o.cache.Wait()
}

// stream opens a byte range of large object obj straight from the origin.
// The body's reads are bounded by the stream timeout; closing it releases
// all. If the origin's object is no longer the one obj describes (whose
// size and ETag the headers already carry), obj is dropped from the cache
// and the error is errEvicted, so that serve answers from a fresh one; it
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
		return nil, fmt.Errorf("%w: %s changed at the origin while being served: %w", errEvicted, key, origin.ErrUnavailable)
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

// refetch replaces an object whose file was evicted between Get and use.
func (o *objects) refetch(key []byte) (*object, error) {
	o.cache.Del(string(key))
	return o.get(key)
}

func (o *objects) close() {
	o.cache.Clear() // releases the memfds
	o.cache.Close()
}
