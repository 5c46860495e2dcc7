package transcoder

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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

// outputDir makes n fake output files.
func outputDir(t *testing.T, n int) string {
	dir := t.TempDir()
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, "seg-"+strconv.Itoa(i)+".m4s"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestPublishOrder: in each region, asset.json starts only after every
// other upload ended, and regions go one after the other, primary first.
func TestPublishOrder(t *testing.T) {
	a, b := newRecorder(t), newRecorder(t)
	p := &publisher{cfg: OriginConfig{Config: origin.Config{Timeout: time.Second, Backoff: 500 * time.Millisecond}, Concurrency: 4}, regions: []region{{"a", a}, {"b", b}}}
	fenced := 0
	fence := func(context.Context) error { fenced++; return nil }
	if err := p.publish(context.Background(), "x", outputDir(t, 20), []byte("{}"), fence); err != nil {
		t.Fatal(err)
	}
	for _, r := range []*recorder{a, b} {
		if n := len(r.events); n != 42 || r.events[n-2] != "start x/asset.json" || r.events[n-1] != "end x/asset.json" {
			t.Fatalf("events %v: want asset.json alone at the end", r.events)
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
	a.fail = "x/seg-3.m4s"
	p := &publisher{cfg: OriginConfig{Config: origin.Config{Timeout: time.Second, Retries: 1, Backoff: 500 * time.Millisecond}, Concurrency: 4}, regions: []region{{"a", a}, {"b", b}}}
	ok := func(context.Context) error { return nil }
	err := p.publish(context.Background(), "x", outputDir(t, 8), []byte("{}"), ok)
	if err == nil || slices.Contains(a.events, "start x/asset.json") || len(b.events) != 0 {
		t.Fatalf("err %v, a %v, b %v", err, a.events, b.events)
	}
	if n := slicesCount(a.events, "start x/seg-3.m4s"); n != 2 {
		t.Errorf("failed upload tried %d times, want 2 (origin.retries 1)", n)
	}
	a.fail, a.events = "", nil
	lost := func(context.Context) error { return errLost }
	if err := p.publish(context.Background(), "x", outputDir(t, 2), []byte("{}"), lost); !errors.Is(err, errLost) || slices.Contains(a.events, "start x/asset.json") {
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
	p, err := newPublisher(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	if len(p.regions) != 1 || p.regions[0].name != "a" {
		t.Fatalf("regions %v", p.regions)
	}
}
