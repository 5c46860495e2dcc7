package origin

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/streamgate/streamgate/internal/testenv"
)

func readAll(t *testing.T, s Store, key string, r Range) ([]byte, Info, error) {
	t.Helper()
	body, info, err := s.Get(context.Background(), key, r)
	if err != nil {
		return nil, info, err
	}
	defer body.Close()
	data, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	return data, info, nil
}

// storeContract is what every backend must do alike.
func storeContract(t *testing.T, s Store, put func(key string, body []byte)) {
	body := []byte("0123456789")
	put("a/seg.m4s", body)
	got, info, err := readAll(t, s, "a/seg.m4s", Range{})
	if err != nil || !bytes.Equal(got, body) || info.Size != 10 || info.ETag == "" {
		t.Fatalf("whole: %q %+v %v", got, info, err)
	}
	got, info, err = readAll(t, s, "a/seg.m4s", Range{Offset: 2, Length: 3})
	if err != nil || string(got) != "234" || info.Size != 10 {
		t.Fatalf("range: %q %+v %v", got, info, err)
	}
	got, _, err = readAll(t, s, "a/seg.m4s", Range{Offset: 7})
	if err != nil || string(got) != "789" {
		t.Fatalf("open range: %q %v", got, err)
	}
	got, _, err = readAll(t, s, "a/seg.m4s", Range{Offset: 8, Length: 5})
	if err != nil || string(got) != "89" {
		t.Fatalf("range past the end: %q %v", got, err)
	}
	rangeContract(t, s, "a/seg.m4s")
	if st, err := s.Stat(context.Background(), "a/seg.m4s"); err != nil || st.Size != 10 || st.ETag != info.ETag {
		t.Fatalf("stat: %+v %v", st, err)
	}
	for _, key := range []string{"a/nope.m4s", "a"} {
		if _, _, err := s.Get(context.Background(), key, Range{}); !errors.Is(err, ErrNotFound) {
			t.Fatalf("get %s: err = %v, want ErrNotFound", key, err)
		}
		if _, err := s.Stat(context.Background(), key); !errors.Is(err, ErrNotFound) {
			t.Fatalf("stat %s: err = %v, want ErrNotFound", key, err)
		}
	}
}

// rangeContract: a range no caller may make (negative, or ending past
// MaxInt64, which an S3 inclusive end would overflow into a suffix range) is
// refused, never read as another range.
func rangeContract(t *testing.T, s Store, key string) {
	for _, r := range []Range{{Offset: -1}, {Length: -1}, {Offset: 1, Length: math.MaxInt64}, {Offset: math.MaxInt64, Length: 1}} {
		if body, _, err := s.Get(context.Background(), key, r); err == nil {
			body.Close()
			t.Fatalf("%+v: read, want an error", r)
		}
	}
}

func TestDir(t *testing.T) {
	root := t.TempDir()
	d, err := NewDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	storeContract(t, d, func(key string, body []byte) {
		p := filepath.Join(root, key)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
	})
	if err := os.WriteFile(filepath.Join(filepath.Dir(root), "secret"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.Get(context.Background(), "../secret", Range{}); err == nil {
		t.Fatal("read outside the folder")
	}
}

// s3Region starts a MinIO server with bucket "media" and returns its store.
func s3Region(t *testing.T, prefix string) (*S3, *testenv.MinIOServer) {
	m := testenv.MinIO(t)
	m.Bucket(t, "media")
	s, err := NewS3(S3Config{Endpoint: m.Endpoint, Bucket: "media", Prefix: prefix, AccessKey: m.AccessKey, SecretKey: m.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	return s, m
}

func putTo(t *testing.T, m *testenv.MinIOServer, prefix string) func(string, []byte) {
	return func(key string, body []byte) {
		_, err := m.Client.PutObject(context.Background(), "media", prefix+key, bytes.NewReader(body), int64(len(body)), minio.PutObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestS3(t *testing.T) {
	s, m := s3Region(t, "/deploy-1/")
	storeContract(t, s, putTo(t, m, "deploy-1/"))
}

func TestRegionsFallThrough(t *testing.T) {
	a, ma := s3Region(t, "")
	b, mb := s3Region(t, "")
	putTo(t, ma, "")("x/both.m4s", []byte("from-a"))
	putTo(t, mb, "")("x/both.m4s", []byte("from-b"))
	putTo(t, mb, "")("x/only-b.m4s", []byte("only-b"))
	down, err := NewS3(S3Config{Endpoint: "127.0.0.1:" + testenv.FreePort(t), Bucket: "media", AccessKey: "k", SecretKey: "secretkey"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := RegionsConfig{Timeout: 2 * time.Second, Retries: 1, Backoff: 10 * time.Millisecond}
	var attempts []string
	rs, err := NewRegions(cfg, Region{"down", down}, Region{"a", a}, Region{"b", b})
	if err != nil {
		t.Fatal(err)
	}
	rs.Observe = func(region string, _ time.Duration, _ error) { attempts = append(attempts, region) }
	cases := []struct{ key, want string }{{"x/both.m4s", "from-a"}, {"x/only-b.m4s", "only-b"}}
	for _, tc := range cases {
		attempts = nil
		got, _, err := readAll(t, rs, tc.key, Range{})
		if err != nil || string(got) != tc.want {
			t.Fatalf("%s: %q %v (attempts %v)", tc.key, got, err, attempts)
		}
	}
	if want := []string{"down", "down", "a", "b"}; !equal(attempts, want) {
		t.Fatalf("attempts for only-b = %v, want %v (retry transient, never not-found)", attempts, want)
	}
	if _, _, err := rs.Get(context.Background(), "x/none.m4s", Range{}); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("missing everywhere with one region down: err = %v, want ErrUnavailable", err)
	}
	attempts = nil
	rangeContract(t, rs, "x/both.m4s")
	if len(attempts) != 0 {
		t.Fatalf("invalid ranges were sent to regions %v", attempts)
	}
	rs2, _ := NewRegions(cfg, Region{"a", a}, Region{"b", b})
	if _, err := rs2.Stat(context.Background(), "x/none.m4s"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing everywhere: err = %v, want ErrNotFound", err)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestAssets(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"b/asset.json", "a/asset.json", "unpublished/master.m3u8", "Bad/asset.json"} {
		if err := os.MkdirAll(filepath.Join(root, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, p), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, _ := NewDir(root)
	s, m := s3Region(t, "")
	for _, p := range []string{"b/asset.json", "a/asset.json", "unpublished/master.m3u8"} {
		putTo(t, m, "")(p, []byte("{}"))
	}
	for name, l := range map[string]Lister{"dir": d, "s3": s} {
		ids, err := l.Assets(context.Background())
		if err != nil || len(ids) != 2 || ids[0] != "a" || ids[1] != "b" {
			t.Fatalf("%s: %v %v", name, ids, err)
		}
	}
}
