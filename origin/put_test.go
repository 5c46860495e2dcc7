package origin

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/minio/minio-go/v7"
)

// writerContract is what every writable backend must do alike: write, read
// back, replace, report progress, refuse a short body.
func writerContract(t *testing.T, w Writer) {
	ctx := context.Background()
	body := bytes.Repeat([]byte("x"), 300<<10)
	var last int64
	opts := PutOptions{ContentType: "video/iso.segment", Progress: func(n int64) { last = n }}
	if err := w.Put(ctx, "a/b/seg.m4s", bytes.NewReader(body), int64(len(body)), opts); err != nil {
		t.Fatalf("put: %v", err)
	}
	if last != int64(len(body)) {
		t.Errorf("progress ended at %d, want %d", last, len(body))
	}
	if got, _, err := readAll(t, w, "a/b/seg.m4s", Range{}); err != nil || !bytes.Equal(got, body) {
		t.Fatalf("read back: %d bytes, %v", len(got), err)
	}
	if err := w.Put(ctx, "a/b/seg.m4s", strings.NewReader("new"), 3, PutOptions{}); err != nil {
		t.Fatalf("replace: %v", err)
	}
	if got, _, err := readAll(t, w, "a/b/seg.m4s", Range{}); err != nil || string(got) != "new" {
		t.Fatalf("after replace: %q %v", got, err)
	}
	if err := w.Put(ctx, "a/short", strings.NewReader("ab"), 5, PutOptions{}); err == nil {
		t.Fatal("short body accepted")
	}
	if _, err := w.Stat(ctx, "a/short"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("short body left an object: %v", err)
	}
}

func TestDirPut(t *testing.T) {
	root := t.TempDir()
	d, err := NewDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	writerContract(t, d)
	left, _ := filepath.Glob(filepath.Join(root, "a", "*.tmp-*"))
	if len(left) > 0 {
		t.Fatalf("temporary files left: %v", left)
	}
	err = d.Put(context.Background(), "../escape", strings.NewReader("x"), 1, PutOptions{})
	if _, serr := os.Stat(filepath.Join(filepath.Dir(root), "escape")); err == nil || serr == nil {
		t.Fatalf("wrote outside the folder: %v", err)
	}
}

func TestS3Put(t *testing.T) {
	s, m := s3Region(t, "deploy-1")
	writerContract(t, s)
	info, err := m.Client.StatObject(context.Background(), "media", "deploy-1/a/b/seg.m4s", minio.StatObjectOptions{})
	if err != nil || info.Size != 3 {
		t.Fatalf("stat after replace: %+v %v", info, err)
	}
	body := []byte("#EXTM3U\n")
	if err := s.Put(context.Background(), "a/master.m3u8", bytes.NewReader(body), -1, PutOptions{ContentType: "application/vnd.apple.mpegurl"}); err != nil {
		t.Fatalf("put of unknown size: %v", err)
	}
	info, err = m.Client.StatObject(context.Background(), "media", "deploy-1/a/master.m3u8", minio.StatObjectOptions{})
	if err != nil || info.ContentType != "application/vnd.apple.mpegurl" || info.Size != int64(len(body)) {
		t.Fatalf("stat: %+v %v", info, err)
	}
	m.Stop()
	err = s.Put(context.Background(), "a/x", strings.NewReader("x"), 1, PutOptions{})
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("put to a stopped server: %v, want ErrUnavailable", err)
	}
}
