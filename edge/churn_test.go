package edge

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/internal/testenv"
)

// churnObject is one object of the churn working set with what its body
// must be.
type churnObject struct {
	path string
	size int
	crc  uint32
}

// churnOrigin writes an asset whose objects, of mixed sizes (most above
// the 64 KiB sendfile threshold, so kept in memfds), total about total bytes.
func churnOrigin(t *testing.T, total int) (string, []churnObject) {
	dir := t.TempDir()
	writeAsset(t, dir, "churn", publicPolicy)
	r := rand.New(rand.NewPCG(1, 2))
	var objs []churnObject
	for i, sum := 0, 0; sum < total; i++ {
		size := 1 + r.IntN(600<<10) // 1 B … 600 KiB
		if i%5 == 0 {
			size = 1 + r.IntN(64<<10) // some below the sendfile threshold: in Go memory
		}
		body := make([]byte, size)
		for j := range body {
			body[j] = byte(r.Uint32())
		}
		p := fmt.Sprintf("720p/seg_%05d.m4s", i)
		writeObject(t, dir, "churn/"+p, body)
		objs = append(objs, churnObject{path: p, size: size, crc: crc32.ChecksumIEEE(body)})
		sum += size
	}
	return dir, objs
}

// memfdsOf counts the descriptors of the memfds of cache keys starting with
// prefix: the memfd itself and the handles opened on it.
func memfdsOf(t *testing.T, prefix string) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatalf("counting memfds needs /proc/self/fd: %v", err)
	}
	n := 0
	for _, e := range ents {
		if l, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name())); err == nil && strings.HasPrefix(l, "/memfd:streamgate:"+prefix) {
			n++
		}
	}
	return n
}

// TestCacheChurn serves a working set ten times the cache under concurrent
// Zipf load: objects are evicted (and rejected by admission) while
// responses that found them are being sent. Every answer must be a 200 with
// the object's exact bytes, and no memfd may outlive the cache.
func TestCacheChurn(t *testing.T) {
	const workingSet, cacheBytes = 40 << 20, 4 << 20
	dir, objs := churnOrigin(t, workingSet)
	e := newTestEdge(t, dir, func(c *Config) { c.Cache.MaxBytes, c.Cache.MaxObjectBytes = cacheBytes, 1<<20 })
	base := e.url + "/t/" + e.playback(t, "churn") + "/v/churn/"
	// Only this test's objects: other tests' edges may still be closing.
	before := memfdsOf(t, "churn/")

	duration := 30 * time.Second
	if testing.Short() {
		duration = 3 * time.Second
	}
	const workers = 8
	tr := &http.Transport{MaxIdleConnsPerHost: workers, DisableCompression: true}
	client := &http.Client{Transport: tr}
	var (
		mu       sync.Mutex
		statuses = map[int]int{}
		bad      []string // wrong bodies and transport errors
		wg       sync.WaitGroup
	)
	deadline := time.Now().Add(duration)
	for w := range workers {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 7))
			zipf := rand.NewZipf(r, 1.1, 2, uint64(len(objs)-1))
			for time.Now().Before(deadline) {
				o := objs[zipf.Uint64()]
				status, why := churnGet(client, base+o.path, o)
				mu.Lock()
				statuses[status]++
				if why != "" && len(bad) < 20 {
					bad = append(bad, o.path+": "+why)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	tr.CloseIdleConnections()

	total, fivexx := 0, 0
	for s, n := range statuses {
		total += n
		if s >= 500 || s == 0 {
			fivexx += n
		}
	}
	met := e.srv.objects.cache.Metrics
	t.Logf("%d requests in %s over %d objects (%d MiB) with a %d MiB cache: statuses %v; %d 5xx or failed (%.2f%%); %d evictions, %d rejected sets",
		total, duration, len(objs), workingSet>>20, cacheBytes>>20, statuses, fivexx, 100*float64(fivexx)/float64(max(total, 1)),
		met.KeysEvicted(), met.SetsRejected())
	if len(bad) > 0 || statuses[200] != total {
		t.Errorf("not every answer was a 200 with the object's bytes; first failures:\n%s", strings.Join(bad, "\n"))
	}
	if met.KeysEvicted() == 0 {
		t.Errorf("nothing was evicted: the test did not churn the cache")
	}

	// The cache's own memfds stay (one per cached object, plus idle
	// handles); once the edge is closed, none may be left.
	if n := memfdsOf(t, "churn/"); n > before+int(met.KeysAdded()-met.KeysEvicted())*(1+maxIdleHandles) {
		t.Errorf("%d memfd descriptors open after the load, more than the cache can hold", n)
	}
	if err := e.stop(); err != nil {
		t.Fatal(err)
	}
	testenv.WaitFor(t, 5*time.Second, func() error {
		if n := memfdsOf(t, "churn/"); n != before {
			return fmt.Errorf("%d memfd descriptors open after the edge closed, want %d", n, before)
		}
		return nil
	})
}

// churnGet fetches url and checks the body against o. It returns the status
// (0 for a transport error) and, if the answer is wrong, why.
func churnGet(c *http.Client, url string, o churnObject) (int, string) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	switch {
	case err != nil:
		return resp.StatusCode, "reading the body: " + err.Error()
	case resp.StatusCode != 200:
		return resp.StatusCode, fmt.Sprintf("status %d: %s", resp.StatusCode, bytes.TrimSpace(body))
	case len(body) != o.size || crc32.ChecksumIEEE(body) != o.crc:
		return resp.StatusCode, fmt.Sprintf("%d bytes, crc %08x; want %d bytes, crc %08x", len(body), crc32.ChecksumIEEE(body), o.size, o.crc)
	}
	return resp.StatusCode, ""
}

// TestEvictionMidSend evicts a memfd-backed object while a response holding
// it is half sent, and while a request that found it has not yet started
// its response: both are served the object's bytes, and its memfd closes
// once the last of them is done.
func TestEvictionMidSend(t *testing.T) {
	e := newTestEdge(t, sampleOrigin(t), nil)
	const key = "pub/720p/seg1.m4s"
	rc := hotRequest(t, e, "/t/"+e.playback(t, "pub")+"/v/"+key)
	objs := e.srv.objects
	if obj, ok := objs.cache.Get(key); !ok || obj.file == nil {
		t.Fatalf("%s is not cached in a memfd (ok %v)", key, ok)
	}

	// A response half sent.
	rc.Response.Reset()
	e.srv.handle(rc)
	body := rc.Response.BodyStream()
	if rc.Response.StatusCode() != 200 || body == nil {
		t.Fatalf("status %d, body stream %v", rc.Response.StatusCode(), body)
	}
	got := make([]byte, 1000)
	if _, err := io.ReadFull(body, got); err != nil {
		t.Fatal(err)
	}
	// A request that found the object (get pins it) before the eviction.
	found, err := objs.get([]byte(key))
	if err != nil {
		t.Fatal(err)
	}

	objs.cache.Del(key)
	objs.cache.Wait()
	if _, ok := objs.cache.Get(key); ok {
		t.Fatal("the object is still cached after Del")
	}
	if memfdsOf(t, key) == 0 {
		t.Fatal("the memfd closed at eviction while responses hold it")
	}

	rest, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	if got = append(got, rest...); !bytes.Equal(got, segment) {
		t.Fatalf("the half-sent response got %d bytes, not the object's %d", len(got), len(segment))
	}
	rc.Response.Reset() // fasthttp closes the body once sent

	var late fasthttp.RequestCtx
	late.Request.SetRequestURI(rc.Request.URI().String())
	if _, err := e.srv.respond(&late, &route{key: []byte(key)}, asset.Segment, "video/iso.segment", found); err != nil {
		t.Fatal(err)
	}
	found.unpin() // as serve does once respond returned
	if memfdsOf(t, key) == 0 {
		t.Fatal("the memfd closed while the late response's body holds it")
	}
	if b, err := io.ReadAll(late.Response.BodyStream()); err != nil || !bytes.Equal(b, segment) {
		t.Fatalf("the late response got %d bytes (%v), not the object's %d", len(b), err, len(segment))
	}
	late.Response.Reset()
	if n := memfdsOf(t, key); n != 0 {
		t.Fatalf("%d descriptors of the evicted object's memfd left after every response closed", n)
	}
}
