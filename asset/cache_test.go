package asset_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/origin"
)

// counted counts the reads that reach a real store.
type counted struct {
	asset.Objects
	n atomic.Int64
}

func (c *counted) ReadObject(ctx context.Context, key string, limit int64) ([]byte, error) {
	c.n.Add(1)
	return c.Objects.ReadObject(ctx, key, limit)
}

func writeManifest(t *testing.T, root, id, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(root, id), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, id, asset.ManifestName), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCacheAnswers: every kind of asset.json gives its answer, and each
// answer (absent and unusable included) is read once per TTL.
func TestCacheAnswers(t *testing.T) {
	root := t.TempDir()
	writeManifest(t, root, "ok", `{"id":"ok","title":"T","policy":{"public":true}}`)
	writeManifest(t, root, "other", `{"id":"ok","policy":{"public":true}}`)
	writeManifest(t, root, "nopolicy", `{"id":"nopolicy"}`)
	writeManifest(t, root, "garbled", `{"id":`)
	writeManifest(t, root, "huge", `{"id":"huge","title":"`+strings.Repeat("x", 1<<20)+`","policy":{"public":true}}`)
	dir, err := origin.NewDir(root)
	if err != nil {
		t.Fatal(err)
	}
	store := &counted{Objects: origin.Objects(dir)}
	c := asset.NewCache(store, asset.CacheConfig{TTL: time.Minute, Timeout: time.Second})
	now := time.Now()
	for _, tc := range []struct {
		id   string
		want error
	}{
		{"ok", nil},
		{"missing", asset.ErrUnknown},
		{"other", asset.ErrBadManifest},
		{"nopolicy", asset.ErrBadManifest},
		{"garbled", asset.ErrBadManifest},
		{"huge", asset.ErrBadManifest},
	} {
		for range 2 {
			a, err := c.Get(context.Background(), []byte(tc.id), now)
			if !errors.Is(err, tc.want) || (err == nil) != (a != nil) {
				t.Fatalf("%s: %v, %v; want %v", tc.id, a, err, tc.want)
			}
			if err == nil && (a.Title != "T" || !a.Policy.Public) {
				t.Fatalf("%s: parsed %+v", tc.id, a)
			}
		}
	}
	if got := store.n.Load(); got != 6 {
		t.Fatalf("store reads = %d, want 6 (one per id)", got)
	}
}

// TestCacheFault: a storage fault is the caller's to retry (origin's
// ErrUnavailable, a 502), never an answer cached as "unknown".
func TestCacheFault(t *testing.T) {
	down, err := origin.NewS3(origin.S3Config{Endpoint: "127.0.0.1:" + testenv.FreePort(t), Bucket: "media", AccessKey: "k", SecretKey: "secretkey"})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := origin.NewRegions(origin.RegionsConfig{Timeout: time.Second}, origin.Region{Name: "down", Store: down})
	if err != nil {
		t.Fatal(err)
	}
	store := &counted{Objects: origin.Objects(rs)}
	c := asset.NewCache(store, asset.CacheConfig{TTL: time.Minute, Timeout: 5 * time.Second})
	for i := range 2 {
		_, err := c.Get(context.Background(), []byte("ok"), time.Now())
		if !errors.Is(err, origin.ErrUnavailable) || errors.Is(err, asset.ErrUnknown) || errors.Is(err, asset.ErrBadManifest) {
			t.Fatalf("get %d: err = %v, want origin.ErrUnavailable alone", i, err)
		}
	}
	if store.n.Load() != 2 {
		t.Fatalf("store reads = %d, want 2: faults are not cached", store.n.Load())
	}
}
