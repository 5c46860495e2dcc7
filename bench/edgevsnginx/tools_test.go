package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestParseStat(t *testing.T) {
	// A command name may hold spaces and parentheses: only the last ')'
	// ends it.
	line := "4242 (we ird) (x) S 17 4242 4242 0 -1 4194560 1 0 0 0 321 45 0 0 20 0 1 0 100 0 0\n"
	st, err := parseStat([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	if st != (procStat{ppid: 17, utime: 321, stime: 45}) {
		t.Fatalf("parseStat = %+v, want ppid 17 utime 321 stime 45", st)
	}
	for _, bad := range []string{
		"4242 no command name S 1 2 3",
		"4242 (short) S 17 1 2 3",
		"4242 (nan) S 17 4242 4242 0 -1 4194560 1 0 0 0 x 45 0 0",
		"4242 (neg) S 17 4242 4242 0 -1 4194560 1 0 0 0 -1 45 0 0",
	} {
		if _, err := parseStat([]byte(bad)); err == nil {
			t.Errorf("parseStat(%q) accepted it", bad)
		}
	}
	// The real file of this process.
	self, err := readStat(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if self.ppid != os.Getppid() {
		t.Fatalf("own stat: ppid %d, want %d", self.ppid, os.Getppid())
	}
}

func TestParseRates(t *testing.T) {
	got, err := parseRates("playlist=20000,segment=800.5")
	if err != nil || len(got) != 2 || got["playlist"] != 20000 || got["segment"] != 800.5 {
		t.Fatalf("parseRates = %v, %v", got, err)
	}
	got, err = parseRates("1000")
	if err != nil || len(got) != 3 || got["key"] != 1000 {
		t.Fatalf("parseRates(1000) = %v, %v", got, err)
	}
	if got, err := parseRates(""); err != nil || len(got) != 0 {
		t.Fatalf(`parseRates("") = %v, %v`, got, err)
	}
	for _, bad := range []string{"0", "-5", "NaN", "playlist", "playlist=0", "video=10", "playlist=10,", "segment=x", "1000,", "playlist=1,playlist=2"} {
		if _, err := parseRates(bad); err == nil {
			t.Errorf("parseRates(%q) accepted it", bad)
		}
	}
}

// delayServer answers /ok with a 100-byte body after delay, /deny with 403.
func delayServer(t *testing.T, delay time.Duration) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(delay)
		if r.URL.Path == "/deny" {
			http.Error(w, "no", http.StatusForbidden)
			return
		}
		_, _ = w.Write(bytes.Repeat([]byte("x"), 100)) // the client reports a short body
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestOpenLoopLatency: with connections to spare, each request's latency is
// at least the server's delay; with one connection for twice the rate it
// can serve, requests queue and the queueing counts, as it would for a
// player: request i, due at 10i ms, is answered near 20(i+1) ms, so its
// latency grows by 10 ms per request, to about 1 s for the last. A client
// that timed from the actual send would report 20 ms throughout, and the
// client's lag (its pacer's) stays small: the stall is the server's.
func TestOpenLoopLatency(t *testing.T) {
	const delay = 20 * time.Millisecond
	srv := delayServer(t, delay)
	ctx := context.Background()

	res, err := openLoop{url: srv.URL + "/ok", rate: 100, duration: time.Second, conns: 8, size: 100}.run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("8 conns: %+v", res)
	if res.Scheduled != 100 || res.OK != 100 || res.Errors != 0 {
		t.Fatalf("8 conns: scheduled %d ok %d errors %d (%s), want 100/100/0", res.Scheduled, res.OK, res.Errors, res.FirstErr)
	}
	if res.P50 < int64(delay) || res.P99 < res.P50 || res.P999 < res.P99 || res.Max < res.P999 {
		t.Fatalf("8 conns: p50 %d p99 %d p99.9 %d max %d ns: want %d <= p50 <= p99 <= p99.9 <= max", res.P50, res.P99, res.P999, res.Max, delay)
	}

	res, err = openLoop{url: srv.URL + "/ok", rate: 100, duration: time.Second, conns: 1, size: 100}.run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("1 conn: %+v", res)
	if res.OK != 100 || res.Errors != 0 {
		t.Fatalf("1 conn: ok %d errors %d (%s), want 100/0", res.OK, res.Errors, res.FirstErr)
	}
	// Lower bounds only: a loaded machine can only make it later.
	if res.P50 < int64(400*time.Millisecond) || res.Max < int64(900*time.Millisecond) {
		t.Fatalf("1 conn: p50 %v max %v: the queueing behind the busy connection was not counted (want p50 >= 400ms, max >= 900ms)",
			time.Duration(res.P50), time.Duration(res.Max))
	}
	// The lag is the pacer's own: the server's stall is queueing, in the
	// latency, and must not read as a late client.
	if res.LagP99 >= res.P50/4 {
		t.Fatalf("1 conn: client lag p99 %v against p50 %v: the server's queueing was counted as the client's lag", time.Duration(res.LagP99), time.Duration(res.P50))
	}
}

// TestOpenLoopErrors: a wrong status or size is an error, not a latency.
func TestOpenLoopErrors(t *testing.T) {
	srv := delayServer(t, 0)
	for _, tc := range []struct {
		path string
		size int64
		want string
	}{{"/deny", -1, "status 403"}, {"/ok", 99, "body of 100 bytes, want 99"}} {
		res, err := openLoop{url: srv.URL + tc.path, rate: 50, duration: time.Second, conns: 2, size: tc.size}.run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if res.OK != 0 || res.Errors != 50 || res.FirstErr != tc.want {
			t.Fatalf("%s: ok %d errors %d first %q, want 0/50/%q", tc.path, res.OK, res.Errors, res.FirstErr, tc.want)
		}
	}
	if _, err := (openLoop{url: "https://127.0.0.1:1/", rate: 1, duration: time.Second, conns: 1}).run(context.Background()); err == nil {
		t.Fatal("accepted an https URL")
	}
}

// TestFloorServes: the floor answers each file's exact bytes with its
// content type, sends the big one from a memfd to concurrent clients, and
// 404s anything else.
func TestFloorServes(t *testing.T) {
	root := t.TempDir()
	seg := make([]byte, 1536<<10)
	if _, err := rand.Read(seg); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"bench/master.m3u8":   mediaPlaylist(2 << 10),
		"bench/seg.m4s":       seg,
		"bench/v1/keys/0.key": bytes.Repeat([]byte{7}, 16),
	}
	var names []string
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	const prefix = "/t/a.b.c/v" // the edge's token prefix, unchecked
	fs, err := newFloorServer(root, prefix, names)
	if err != nil {
		t.Fatal(err)
	}
	if fs.objects[prefix+"/bench/seg.m4s"].file == nil || fs.objects[prefix+"/bench/master.m3u8"].file != nil {
		t.Fatal("want the segment in a memfd and the playlist in memory")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- fs.serve(ctx, ln, 16384) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("floor serve: %v", err)
		}
	})
	base := "http://" + ln.Addr().String() + prefix + "/"
	get := func(path string) (*http.Response, []byte, error) {
		resp, err := http.Get(base + path)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return resp, body, err
	}
	wantType := map[string]string{"bench/master.m3u8": "application/vnd.apple.mpegurl", "bench/seg.m4s": "video/iso.segment", "bench/v1/keys/0.key": "application/octet-stream"}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for range 6 { // concurrent responses each need their own file offset
		for name, want := range files {
			wg.Go(func() {
				for range 3 {
					resp, body, err := get(name)
					switch {
					case err != nil:
						errs <- err
					case resp.StatusCode != 200 || !bytes.Equal(body, want):
						errs <- fmt.Errorf("%s: status %d, %d bytes (want %d, equal %v)", name, resp.StatusCode, len(body), len(want), bytes.Equal(body, want))
					case resp.Header.Get("Content-Type") != wantType[name]:
						errs <- fmt.Errorf("%s: Content-Type %q", name, resp.Header.Get("Content-Type"))
					}
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if resp, _, err := get("bench/other.m4s"); err != nil || resp.StatusCode != 404 {
		t.Fatalf("unknown path: %v %v, want 404", resp, err)
	}
	// The floor measures itself with the same profile the edge serves.
	resp, err := http.Get("http://" + ln.Addr().String() + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if body, err := io.ReadAll(resp.Body); err != nil || resp.StatusCode != 200 || !strings.Contains(string(body), "goroutine profile:") {
		t.Fatalf("floor pprof: %v %v", resp, err)
	}
}

// TestRatioLines: the summary keeps the format, then adds the
// open-loop p99 ratios; the floor line compares the edge with the floor.
func TestRatioLines(t *testing.T) {
	s := map[string]summary{
		"edge/segment": {reqPerSec: 2000, cpuUSPerReq: 200}, "nginx/segment": {reqPerSec: 1000, cpuUSPerReq: 300}, "floor/segment": {reqPerSec: 4000, cpuUSPerReq: 100},
		"edge/playlist": {reqPerSec: 90, cpuUSPerReq: 10}, "nginx/playlist": {reqPerSec: 100, cpuUSPerReq: 12}, "floor/playlist": {reqPerSec: 100, cpuUSPerReq: 5},
	}
	open := map[string]olSummary{"edge/segment": {p99: 10}, "nginx/segment": {p99: 20}}
	want := "edge/nginx segment=2.00 playlist=0.90 key=0.00 segment_cpu=1.50 playlist_cpu=1.20 key_cpu=0.00 segment_p99=2.00"
	if got := ratioLine(s, open); got != want {
		t.Fatalf("ratioLine:\n got %s\nwant %s", got, want)
	}
	want = "edge/floor segment=0.50 playlist=0.90 key=0.00 segment_cpu=0.50 playlist_cpu=0.50 key_cpu=0.00"
	if got := floorLine(s); got != want {
		t.Fatalf("floorLine:\n got %s\nwant %s", got, want)
	}
}
