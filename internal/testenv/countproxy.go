package testenv

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// CountingProxy forwards plain HTTP to target (host:port, e.g. a MinIO
// endpoint) and counts GETs per URL path, so a test counts what reaches the
// server, not what the client believes it sent. It returns the proxy's
// host:port and the count of GETs of a path ("/bucket/key" for S3) so far.
func CountingProxy(t testing.TB, target string) (string, func(path string) int64) {
	t.Helper()
	var mu sync.Mutex
	counts := map[string]int64{}
	u, err := url.Parse("http://" + target)
	if err != nil {
		t.Fatalf("proxy target %q: %v", target, err)
	}
	proxy := httputil.NewSingleHostReverseProxy(u)
	proxy.ErrorLog = log.New(io.Discard, "", 0)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			mu.Lock()
			counts[r.URL.Path]++
			mu.Unlock()
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://"), func(path string) int64 {
		mu.Lock()
		defer mu.Unlock()
		return counts[path]
	}
}
