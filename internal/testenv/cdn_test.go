package testenv_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/streamgate/streamgate/internal/testenv"
)

// TestCDN: the stand-in caches /c/ by the origin's Cache-Control, keyed on
// the path alone, never caches an error or a no-store answer, and passes
// every other path through uncached.
func TestCDN(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/c/seg":
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			_, _ = io.WriteString(w, "ciphertext")
		case "/c/key":
			w.Header().Set("Cache-Control", "private, no-store")
			_, _ = io.WriteString(w, "0123456789abcdef")
		case "/t/tok/seg":
			w.Header().Set("Cache-Control", "public, max-age=60") // even so: the token path is never cached
			_, _ = io.WriteString(w, "gated")
		default:
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(404)
			_, _ = io.WriteString(w, `{"error":"not_found","message":"no"}`)
		}
	}))
	t.Cleanup(up.Close)
	cdn := testenv.CDN(t, strings.TrimPrefix(up.URL, "http://"))
	get := func(path string, header ...string) (int, string) {
		req, _ := http.NewRequest("GET", cdn.URL+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
		return resp.StatusCode, resp.Header.Get(testenv.CacheStatus)
	}
	for i, want := range []string{"MISS", "HIT", "HIT", "HIT"} {
		// A query string, a cookie or another viewer's headers name the same entry.
		if _, got := get([]string{"/c/seg", "/c/seg?x=1", "/c/seg", "/c/seg"}[i], "Cookie", "v="+want, "Authorization", "Bearer "+want); got != want {
			t.Fatalf("/c/seg #%d: %s, want %s", i, got, want)
		}
	}
	for range 2 {
		get("/c/key")
		get("/c/missing")
		get("/t/tok/seg")
	}
	if code, status := get("/t/tok/seg"); code != 200 || status != "BYPASS" {
		t.Fatalf("/t/: %d %s", code, status)
	}
	mu.Lock()
	defer mu.Unlock()
	for path, want := range map[string]int{"/c/seg": 1, "/c/key": 2, "/c/missing": 2, "/t/tok/seg": 3} {
		if hits[path] != want {
			t.Errorf("%s reached the origin %d times, want %d", path, hits[path], want)
		}
	}
}
