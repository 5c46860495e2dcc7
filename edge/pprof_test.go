package edge

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/testenv"
)

// TestPProfOnAdminListenerOnly: debug.pprof serves a real CPU profile on
// admin_listen, never on the delivery listener, and its refusals are JSON.
func TestPProfOnAdminListenerOnly(t *testing.T) {
	admin := "http://127.0.0.1:" + testenv.FreePort(t)
	e := newTestEdge(t, sampleOrigin(t), func(c *Config) {
		c.AdminListen = admin[len("http://"):]
		c.Debug.PProf = true
	})
	waitAdmin(t, admin)

	resp, body := do(t, http.MethodGet, admin+"/debug/pprof/profile?seconds=1", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("profile: status %d: %s", resp.StatusCode, body)
	}
	// A pprof profile is a gzipped protobuf whose string table names the
	// CPU sample type.
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("profile is not gzip: %v", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"samples", "cpu", "nanoseconds"} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Fatalf("profile's string table lacks %q", want)
		}
	}

	resp, body = do(t, http.MethodGet, admin+"/debug/pprof/goroutine?debug=1", nil)
	if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("goroutine profile:")) {
		t.Fatalf("goroutine profile: status %d: %.200s", resp.StatusCode, body)
	}
	for _, q := range []string{"seconds=0", "seconds=301", "seconds=x"} {
		resp, body = do(t, http.MethodGet, admin+"/debug/pprof/profile?"+q, nil)
		wantError(t, resp, body, http.StatusBadRequest, "bad_request")
	}
	resp, body = do(t, http.MethodGet, admin+"/debug/pprof/trace", nil)
	wantError(t, resp, body, http.StatusNotFound, "not_found")

	// The runtime takes one CPU profile at a time; this test process is the
	// edge's, so holding one here makes the edge's request find it busy.
	if err := pprof.StartCPUProfile(io.Discard); err != nil {
		t.Fatal(err)
	}
	resp, body = do(t, http.MethodGet, admin+"/debug/pprof/profile?seconds=1", nil)
	pprof.StopCPUProfile()
	wantError(t, resp, body, http.StatusServiceUnavailable, "unavailable")

	resp, body = do(t, http.MethodGet, e.url+"/debug/pprof/profile?seconds=1", nil)
	wantError(t, resp, body, http.StatusNotFound, "not_found")
}

// TestPProfOffByDefault: without debug.pprof the admin listener has no
// profiles.
func TestPProfOffByDefault(t *testing.T) {
	admin := "http://127.0.0.1:" + testenv.FreePort(t)
	newTestEdge(t, sampleOrigin(t), func(c *Config) { c.AdminListen = admin[len("http://"):] })
	waitAdmin(t, admin)
	resp, body := do(t, http.MethodGet, admin+"/debug/pprof/profile?seconds=1", nil)
	wantError(t, resp, body, http.StatusNotFound, "not_found")
}

// waitAdmin waits until the admin listener answers.
func waitAdmin(t *testing.T, admin string) {
	t.Helper()
	testenv.WaitFor(t, 10*time.Second, func() error {
		resp, err := http.Get(admin + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err
	})
}
