package asset_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/origin"
)

// TestStaleIfError: a storage fault answers with the last good asset.json
// within the window and with the fault past it or without a window; a 404 or
// an unusable asset.json takes effect at once, stale copy or not.
func TestStaleIfError(t *testing.T) {
	m := testenv.MinIO(t)
	m.Bucket(t, "media")
	put := func(body string) {
		t.Helper()
		if _, err := m.Client.PutObject(context.Background(), "media", "a/asset.json", bytes.NewReader([]byte(body)), int64(len(body)), minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	p := testenv.NewTCPProxy(t, m.Endpoint)
	s3, err := origin.NewS3(origin.S3Config{Endpoint: p.Addr, Bucket: "media", AccessKey: m.AccessKey, SecretKey: m.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	// A TTL of 1 ms: every Get after the first finds its entry expired.
	newCache := func(window time.Duration) *asset.Cache {
		return asset.NewCache(origin.Objects(s3), asset.CacheConfig{TTL: time.Millisecond, Timeout: 2 * time.Second, StaleIfError: window})
	}
	get := func(c *asset.Cache) error {
		_, err := c.Get(context.Background(), []byte("a"), time.Now().Add(time.Millisecond))
		return err
	}
	put(`{"id":"a","policy":{"public":true}}`)

	// A window: the fault is hidden until the window ends, then returned.
	c, none := newCache(time.Second), newCache(0)
	if err := errors.Join(get(c), get(none)); err != nil {
		t.Fatal(err)
	}
	p.SetMode(testenv.TCPCut)
	start := time.Now()
	for range 3 {
		if err := get(c); err != nil {
			t.Fatalf("origin cut, within the window: %v, want the last good copy", err)
		}
	}
	if n := c.Stale(time.Now()); n != 1 {
		t.Fatalf("Stale = %d, want 1", n)
	}
	if err := get(none); !errors.Is(err, origin.ErrUnavailable) {
		t.Fatalf("origin cut, no window: %v, want origin.ErrUnavailable", err)
	}
	testenv.WaitFor(t, 5*time.Second, func() error {
		if err := get(c); !errors.Is(err, origin.ErrUnavailable) {
			return fmt.Errorf("past the window: %w, want origin.ErrUnavailable", err)
		}
		return nil
	})
	if waited := time.Since(start); waited < time.Second {
		t.Fatalf("the stale copy ended after %s, before its 1 s window", waited)
	}

	// Answers take effect at once, even over a stale copy.
	for _, tc := range []struct {
		name string
		edit func()
		want error
	}{
		{"withdrawn", func() {
			if err := m.Client.RemoveObject(context.Background(), "media", "a/asset.json", minio.RemoveObjectOptions{}); err != nil {
				t.Fatal(err)
			}
		}, asset.ErrUnknown},
		{"unusable", func() { put(`{"id":"a"}`) }, asset.ErrBadManifest},
	} {
		p.SetMode(testenv.TCPPass)
		put(`{"id":"a","policy":{"public":true}}`)
		c := newCache(time.Minute)
		if err := get(c); err != nil {
			t.Fatal(err)
		}
		p.SetMode(testenv.TCPCut)
		if err := get(c); err != nil {
			t.Fatalf("%s: stale copy: %v", tc.name, err)
		}
		p.SetMode(testenv.TCPPass)
		tc.edit()
		// The stale copy answers once more while its background load runs.
		testenv.WaitFor(t, 5*time.Second, func() error {
			if err := get(c); !errors.Is(err, tc.want) {
				return fmt.Errorf("%s: %w, want %s", tc.name, err, tc.want.Error())
			}
			return nil
		})
		if n := c.Stale(time.Now()); n != 0 {
			t.Fatalf("%s: Stale = %d, want 0", tc.name, n)
		}
	}
}
