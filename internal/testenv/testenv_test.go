package testenv_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"

	"github.com/minio/minio-go/v7"

	"github.com/streamgate/streamgate/internal/testenv"
)

func TestFreePort(t *testing.T) {
	port := testenv.FreePort(t)
	l, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		t.Fatalf("FreePort() = %q, cannot listen on it: %v", port, err)
	}
	l.Close()
}

// fatalRecorder stands in for a test so that Bin's Fatalf can be observed.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit() // as testing.T does, so Bin stops here
}

func TestBinMissingFails(t *testing.T) {
	testenv.NotShort(t, "a full run: Bin skips rather than fails in -short")
	r := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		testenv.Bin(r, "streamgate-no-such-binary")
	}()
	<-done
	if want := "streamgate-no-such-binary not found: run make deps"; r.msg != want {
		t.Fatalf("Bin(missing) failed with %q, want %q", r.msg, want)
	}
}

func TestBinPrefersRepoBin(t *testing.T) {
	p := testenv.Bin(t, "minio") // make deps builds it into bin/
	root := filepath.Dir(filepath.Dir(p))
	if filepath.Base(filepath.Dir(p)) != "bin" {
		t.Fatalf("Bin(minio) = %s, want the repo's bin/minio", p)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("Bin(minio) = %s, not under the module root: %v", p, err)
	}
}

func TestRedis(t *testing.T) {
	ctx := context.Background()
	a, b := testenv.Redis(t), testenv.Redis(t)
	if a.Addr == b.Addr {
		t.Fatalf("two servers share %s", a.Addr)
	}
	if err := a.Client.Set(ctx, "k", "v", 0).Err(); err != nil {
		t.Fatalf("SET: %v", err)
	}
	if got, err := a.Client.Get(ctx, "k").Result(); err != nil || got != "v" {
		t.Fatalf("GET k = %q, %v; want v", got, err)
	}
	if n, err := b.Client.Exists(ctx, "k").Result(); err != nil || n != 0 {
		t.Fatalf("second server sees k: %d, %v", n, err)
	}
}

func TestMinIOTwoServers(t *testing.T) {
	ctx := context.Background()
	a, b := testenv.MinIO(t), testenv.MinIO(t)
	if a.Endpoint == b.Endpoint || a.AccessKey == b.AccessKey {
		t.Fatalf("servers not independent: %s %s, %s %s", a.Endpoint, a.AccessKey, b.Endpoint, b.AccessKey)
	}
	for _, s := range []*testenv.MinIOServer{a, b} {
		body := []byte("hello from " + s.Endpoint)
		bucket := s.Bucket(t, "media")
		if _, err := s.Client.PutObject(ctx, bucket, "x/hello.txt", bytes.NewReader(body), int64(len(body)), minio.PutObjectOptions{}); err != nil {
			t.Fatalf("put on %s: %v", s.Endpoint, err)
		}
		if got := get(t, s.Client, bucket, "x/hello.txt"); !bytes.Equal(got, body) {
			t.Fatalf("get on %s = %q, want %q", s.Endpoint, got, body)
		}
	}
	a.Stop()
	// Dial rather than call the client: minio-go retries refused connections
	// with backoff for seconds.
	if c, err := net.Dial("tcp", a.Endpoint); err == nil {
		c.Close()
		t.Fatal("stopped server still accepts connections")
	}
	if got := get(t, b.Client, "media", "x/hello.txt"); !bytes.Contains(got, []byte(b.Endpoint)) {
		t.Fatalf("second server after the first stopped: %q", got)
	}
}

func get(t *testing.T, c *minio.Client, bucket, key string) []byte {
	t.Helper()
	o, err := c.GetObject(context.Background(), bucket, key, minio.GetObjectOptions{})
	if err != nil {
		t.Fatalf("get %s/%s: %v", bucket, key, err)
	}
	defer o.Close()
	b, err := io.ReadAll(o)
	if err != nil {
		t.Fatalf("read %s/%s: %v", bucket, key, err)
	}
	return b
}

var safeName = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

func TestMedia(t *testing.T) {
	dir := testenv.Media(t)
	if again := testenv.Media(t); again != dir {
		t.Fatalf("Media not cached: %s then %s", dir, again)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	segments := 0
	for _, e := range entries {
		if !safeName.MatchString(e.Name()) {
			t.Errorf("file name %q outside [A-Za-z0-9._-]", e.Name())
		}
		if filepath.Ext(e.Name()) == ".m4s" {
			segments++
		}
	}
	if segments < 2+8 { // two init segments, ≥4 one-second chunks per stream
		t.Errorf("got %d m4s files, want ≥ 10", segments)
	}
	for _, manifest := range []string{"master.m3u8", "manifest.mpd"} {
		t.Run(manifest, func(t *testing.T) { probe(t, filepath.Join(dir, manifest)) })
	}
}

// stream is what ffprobe reports about one decoded stream.
type stream struct {
	CodecName string `json:"codec_name"`
	Width     int    `json:"width"`
	Height    int    `json:"height"`
	Frames    string `json:"nb_read_frames"`
}

// probe decodes every frame of a manifest with ffprobe: the clip is playable
// when all 100 video frames (4 s at 25 fps) and some AAC audio come out (the
// audio frame count varies with the encoder's priming).
func probe(t *testing.T, manifest string) {
	out, err := exec.Command(testenv.Bin(t, "ffprobe"), "-v", "error", "-count_frames",
		"-show_entries", "stream=codec_type,codec_name,width,height,nb_read_frames",
		"-of", "json", manifest).Output()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		t.Fatalf("ffprobe %s: %v\n%s", manifest, err, ee.Stderr)
	} else if err != nil {
		t.Fatalf("ffprobe %s: %v", manifest, err)
	}
	var got struct {
		Streams []struct {
			Type string `json:"codec_type"`
			stream
		} `json:"streams"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("ffprobe %s output: %v\n%s", manifest, err, out)
	}
	streams := map[string]stream{}
	for _, s := range got.Streams {
		streams[s.Type] = s.stream
	}
	if v := streams["video"]; v != (stream{"h264", 320, 180, "100"}) {
		t.Errorf("%s video = %+v, want h264 320x180 with 100 frames", manifest, v)
	}
	if a := streams["audio"]; a.CodecName != "aac" || a.Frames == "" || a.Frames == "0" {
		t.Errorf("%s audio = %+v, want aac with frames", manifest, a)
	}
}

func TestUpload(t *testing.T) {
	ctx := context.Background()
	s := testenv.MinIO(t)
	bucket := s.Bucket(t, "origin")
	dir := testenv.Media(t)
	testenv.Upload(t, s.Client, bucket, "clips/demo", dir)

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for o := range s.Client.ListObjects(ctx, bucket, minio.ListObjectsOptions{Prefix: "clips/demo/", Recursive: true}) {
		if o.Err != nil {
			t.Fatalf("listing: %v", o.Err)
		}
		n++
	}
	if n != len(entries) {
		t.Fatalf("uploaded %d objects, dir has %d files", n, len(entries))
	}
	for name, ct := range map[string]string{
		"manifest.mpd":            "application/dash+xml",
		"master.m3u8":             "application/vnd.apple.mpegurl",
		"chunk-stream0-00001.m4s": "video/iso.segment",
	} {
		info, err := s.Client.StatObject(ctx, bucket, "clips/demo/"+name, minio.StatObjectOptions{})
		if err != nil || info.ContentType != ct {
			t.Errorf("%s: content type %q, %v; want %q", name, info.ContentType, err, ct)
		}
	}
	want, _ := os.ReadFile(filepath.Join(dir, "init-stream0.m4s"))
	if got := get(t, s.Client, bucket, "clips/demo/init-stream0.m4s"); !bytes.Equal(got, want) {
		t.Fatalf("init-stream0.m4s: got %d bytes, want %d", len(got), len(want))
	}
}
