package transcoder

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/streamgate/streamgate/origin"
)

// recorder is a Writer over a real folder that logs when each Put starts
// and ends, and can fail one key.
type recorder struct {
	*origin.Dir
	mu     sync.Mutex
	events []string
	fail   string
}

func (r *recorder) Put(ctx context.Context, key string, body io.Reader, size int64, opts origin.PutOptions) error {
	r.log("start " + key)
	defer r.log("end " + key)
	if key == r.fail {
		return errors.New("injected failure")
	}
	time.Sleep(time.Millisecond) // let uploads overlap
	return r.Dir.Put(ctx, key, body, size, opts)
}

func (r *recorder) log(e string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
}

func newRecorder(t *testing.T) *recorder {
	d, err := origin.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return &recorder{Dir: d}
}

// outputDir makes n fake clear segments and, for a CDN-like output, their
// ciphertext under aes/, playlists and keys.json.
func outputDir(t *testing.T, n int, cdn bool) string {
	dir := t.TempDir()
	write := func(name string) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		write("seg-" + strconv.Itoa(i) + ".m4s")
		if cdn {
			write("aes/seg-" + strconv.Itoa(i) + ".m4s")
		}
	}
	if cdn {
		for _, name := range []string{"init.m4s", "poster.jpg", "master.m3u8", "media_0.m3u8", "manifest.mpd", "keys.json"} {
			write(name)
		}
	}
	return dir
}

const testVersion = "v0123456789ab"

func testPublisher(regions ...region) *publisher {
	return &publisher{cfg: OriginConfig{Config: origin.Config{Timeout: time.Second, Retries: 1, Backoff: 500 * time.Millisecond}, Concurrency: 4},
		regions: regions, retain: time.Hour, log: slog.New(slog.DiscardHandler), now: time.Now}
}

// TestPublishOrder: in each region every object goes under the version
// folder, and each step starts after the previous one ended: the
// version's versions.json entry, clear segments and other files,
// ciphertext, playlists, keys.json, asset.json (the switch), then
// retention's versions.json; regions go one after the other, primary
// first.
func TestPublishOrder(t *testing.T) {
	a, b := newRecorder(t), newRecorder(t)
	p := testPublisher(region{"a", a}, region{"b", b})
	fenced := 0
	fence := func(context.Context) error { fenced++; return nil }
	if err := p.publish(context.Background(), "x", testVersion, outputDir(t, 20, true), []byte("{}"), fence); err != nil {
		t.Fatal(err)
	}
	v := "x/" + testVersion + "/"
	step := func(key string) int {
		switch {
		case key == "x/versions.json":
			return -1 // first and last: checked below
		case key == "x/asset.json":
			return 4
		case key == v+"keys.json":
			return 3
		case strings.HasSuffix(key, ".m3u8") || strings.HasSuffix(key, ".mpd"):
			return 2
		case strings.HasPrefix(key, v+"aes/"):
			return 1
		case strings.HasPrefix(key, v):
			return 0
		}
		t.Fatalf("object %s outside the version folder", key)
		return -2
	}
	for _, r := range []*recorder{a, b} {
		n := len(r.events)
		if n != 2*(20+20+6+3) {
			t.Fatalf("%d events: %v", n, r.events)
		}
		head := []string{"start x/versions.json", "end x/versions.json"}
		tail := []string{"start x/asset.json", "end x/asset.json", "start x/versions.json", "end x/versions.json"}
		if !slices.Equal(r.events[:2], head) || !slices.Equal(r.events[n-4:], tail) {
			t.Fatalf("events start %v and end %v, want %v and %v", r.events[:2], r.events[n-4:], head, tail)
		}
		// A step starts only after every object of an earlier step ended.
		ended := map[int]int{}
		total := map[int]int{}
		for _, e := range r.events {
			if key, ok := strings.CutPrefix(e, "end "); ok {
				total[step(key)]++
			}
		}
		for _, e := range r.events {
			if key, ok := strings.CutPrefix(e, "start "); ok {
				for s := range step(key) {
					if ended[s] != total[s] {
						t.Fatalf("%s started before step %d ended: %v", key, s, r.events)
					}
				}
			} else {
				ended[step(strings.TrimPrefix(e, "end "))]++
			}
		}
	}
	if fenced != 2 {
		t.Errorf("fence ran %d times, want once per region", fenced)
	}
}

// TestPublishStops: a failed upload in the primary writes no asset.json
// there and touches no other region; a lost fence writes no asset.json.
func TestPublishStops(t *testing.T) {
	a, b := newRecorder(t), newRecorder(t)
	seg3 := "x/" + testVersion + "/seg-3.m4s"
	a.fail = seg3
	p := testPublisher(region{"a", a}, region{"b", b})
	ok := func(context.Context) error { return nil }
	err := p.publish(context.Background(), "x", testVersion, outputDir(t, 8, false), []byte("{}"), ok)
	if err == nil || slices.Contains(a.events, "start x/asset.json") || len(b.events) != 0 {
		t.Fatalf("err %v, a %v, b %v", err, a.events, b.events)
	}
	if n := slicesCount(a.events, "start "+seg3); n != 2 {
		t.Errorf("failed upload tried %d times, want 2 (origin.retries 1)", n)
	}
	a.fail, a.events = "", nil
	lost := func(context.Context) error { return errLost }
	if err := p.publish(context.Background(), "x", testVersion, outputDir(t, 2, false), []byte("{}"), lost); !errors.Is(err, errLost) || slices.Contains(a.events, "start x/asset.json") {
		t.Fatalf("lost fence: %v %v", err, a.events)
	}
}

func slicesCount(s []string, v string) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

func TestReplicatedPublishesPrimaryOnly(t *testing.T) {
	cfg := DefaultConfig().Origin
	cfg.Regions = []RegionConfig{{Name: "a", Dir: t.TempDir()}, {Name: "b", Dir: t.TempDir()}}
	cfg.Replicated = true
	p, err := newPublisher(cfg, time.Hour, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	if len(p.regions) != 1 || p.regions[0].name != "a" {
		t.Fatalf("regions %v", p.regions)
	}
}
