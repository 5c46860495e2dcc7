package edge

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/testenv"
)

// slowProxy forwards to MinIO after the delay it currently holds, counting
// the requests that arrived in arrived.
func slowProxy(t *testing.T, target string, delay, arrived *atomic.Int64) string {
	u, _ := url.Parse("http://" + target)
	proxy := httputil.NewSingleHostReverseProxy(u)
	proxy.ErrorLog = log.New(io.Discard, "", 0)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived.Add(1)
		select {
		case <-time.After(time.Duration(delay.Load())):
			proxy.ServeHTTP(w, r)
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

func TestOriginFaults(t *testing.T) {
	m := minioOrigin(t)
	var delay atomic.Int64
	e := newTestEdge(t, t.TempDir(), func(c *Config) {
		s3Config(m, slowProxy(t, m.Endpoint, &delay, new(atomic.Int64)))(c)
		c.Origin.Timeout, c.Origin.Retries = 300*time.Millisecond, 1
	})
	base := e.url + "/t/" + e.playback(t, "clip") + "/v/clip/"
	if resp, body := do(t, "GET", base+"master.m3u8", nil); resp.StatusCode != 200 {
		t.Fatalf("healthy origin: %d %s", resp.StatusCode, body)
	}

	delay.Store(int64(time.Second)) // slower than the attempt timeout
	resp, body := do(t, "GET", base+"media_0.m3u8", nil)
	wantError(t, resp, body, 504, "origin_timeout")
	if resp, body := do(t, "GET", base+"master.m3u8", nil); resp.StatusCode != 200 {
		t.Fatalf("a cached object must survive a slow origin: %d %s", resp.StatusCode, body)
	}

	delay.Store(0)
	m.Stop()
	resp, body = do(t, "GET", base+"media_1.m3u8", nil)
	wantError(t, resp, body, 502, "origin_error")
	if strings.Contains(string(body), "127.0.0.1") {
		t.Fatalf("error body leaks origin details: %s", body)
	}
	// This edge can still serve what it holds (asset.json in memory), so it
	// stays ready; one with nothing to serve and no region is not.
	if resp, body := do(t, "GET", e.url+"/readyz", nil); resp.StatusCode != 200 || !strings.Contains(string(body), "degraded") {
		t.Fatalf("readyz with asset metadata in memory: %d %s, want 200 degraded", resp.StatusCode, body)
	}
	cold := newTestEdge(t, t.TempDir(), s3Config(m, m.Endpoint))
	resp, body = do(t, "GET", cold.url+"/readyz", nil)
	wantError(t, resp, body, 503, "origin_unavailable")
}

// TestGracefulShutdown: a request in flight when shutdown starts completes.
func TestGracefulShutdown(t *testing.T) {
	m := minioOrigin(t)
	var delay, arrived atomic.Int64
	delay.Store(int64(500 * time.Millisecond))
	e := newTestEdge(t, t.TempDir(), s3Config(m, slowProxy(t, m.Endpoint, &delay, &arrived)))
	url := e.url + "/t/" + e.playback(t, "clip") + "/v/clip/master.m3u8"
	got := make(chan int, 1)
	go func() {
		resp, err := http.Get(url)
		if err != nil {
			got <- -1
			return
		}
		resp.Body.Close()
		got <- resp.StatusCode
	}()
	testenv.WaitFor(t, 5*time.Second, testenv.Holds("the request is waiting on the origin", func() bool { return arrived.Load() > 0 }))
	stopped := make(chan error, 1)
	go func() { stopped <- e.stop() }()
	if status := <-got; status != 200 {
		t.Fatalf("in-flight request got %d during shutdown, want 200", status)
	}
	if err := <-stopped; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if _, err := http.Get(url); err == nil {
		t.Fatal("server still accepts after shutdown")
	}
}
