package transcoder

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/origin"
)

// workerEnv makes the test binary a transcoder process: TestMain runs the
// service from the config file it names instead of the tests, so a test can
// SIGKILL a real worker.
const workerEnv = "SG_TRANSCODER_TEST_CONFIG"

func TestMain(m *testing.M) {
	if path := os.Getenv(workerEnv); path != "" {
		os.Exit(runWorkerProcess(path))
	}
	code := m.Run()
	if mediaDir != "" {
		os.RemoveAll(mediaDir)
	}
	os.Exit(code)
}

func runWorkerProcess(path string) int {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	cfg := DefaultConfig()
	if err := conf.Load(path, "TRANSCODER", &cfg); err != nil {
		log.Error("config", "err", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	svc, err := New(cfg, log)
	if err == nil {
		err = svc.Run(ctx)
	}
	if err != nil {
		log.Error("run", "err", err)
		return 1
	}
	return 0
}

const testToken = "test-admin-token-0123456789"

// Test sources, made once per binary by media.
const (
	srcAV      = "av.mp4"      // 320x180, 25 fps, 4 s, H.264 + AAC
	srcAudio   = "audio.m4a"   // AAC only
	srcCorrupt = "corrupt.mp4" // random bytes
	srcEmpty   = "empty.mp4"   // 0 bytes
	srcSeconds = 4.0
)

var (
	mediaOnce sync.Once
	mediaDir  string
	mediaErr  error
)

// media returns the folder of test sources.
func media(t testing.TB) string {
	t.Helper()
	ffmpeg := testenv.Bin(t, "ffmpeg")
	mediaOnce.Do(func() { mediaDir, mediaErr = makeMedia(ffmpeg) })
	if mediaErr != nil {
		t.Fatalf("making test sources: %v", mediaErr)
	}
	return mediaDir
}

func makeMedia(ffmpeg string) (string, error) {
	dir, err := os.MkdirTemp("", "streamgate-transcoder-media-")
	if err != nil {
		return "", err
	}
	lavfi := []string{"-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
		fmt.Sprintf("testsrc2=size=320x180:rate=25:duration=%g", srcSeconds), "-f", "lavfi", "-i",
		fmt.Sprintf("sine=frequency=440:sample_rate=48000:duration=%g", srcSeconds)}
	runs := [][]string{
		append(lavfi, "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", srcAV),
		append(lavfi, "-map", "1:a", "-c:a", "aac", srcAudio),
	}
	for _, args := range runs {
		cmd := exec.Command(ffmpeg, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return dir, fmt.Errorf("ffmpeg %v: %w\n%s", args, err, out)
		}
	}
	junk := make([]byte, 64<<10)
	rand.Read(junk)
	if err := os.WriteFile(filepath.Join(dir, srcCorrupt), junk, 0o644); err != nil {
		return dir, err
	}
	return dir, os.WriteFile(filepath.Join(dir, srcEmpty), nil, 0o644)
}

// rig is Redis plus two MinIO regions, each with bucket "media"; region a
// also holds bucket "sources".
type rig struct {
	redis *testenv.RedisServer
	a, b  *testenv.MinIOServer
}

func newRig(t *testing.T) *rig {
	t.Helper()
	r := &rig{redis: testenv.Redis(t), a: testenv.MinIO(t), b: testenv.MinIO(t)}
	r.a.Bucket(t, "media")
	r.a.Bucket(t, "sources")
	r.b.Bucket(t, "media")
	return r
}

func s3Of(m *testenv.MinIOServer, bucket string) origin.S3Config {
	return origin.S3Config{Endpoint: m.Endpoint, Bucket: bucket, AccessKey: m.AccessKey, SecretKey: m.SecretKey}
}

// config is a fast test config: a 360p/180p/90p ladder (the 180p source
// gets two rungs), 1 s segments, ultrafast, 1 s claim timeout.
func (r *rig) config(t *testing.T) Config {
	cfg := DefaultConfig()
	cfg.Redis.Addr = r.redis.Addr
	cfg.Admin = AdminConfig{Listen: "127.0.0.1:0", Token: testToken}
	cfg.Sources = s3Of(r.a, "sources")
	cfg.Origin.Regions = []RegionConfig{{Name: "a", S3: s3Of(r.a, "media")}, {Name: "b", S3: s3Of(r.b, "media")}}
	cfg.Origin.Retries = 1
	cfg.Origin.Timeout = 5 * time.Second
	cfg.Queue = QueueConfig{Consumer: "in-process", Workers: 1, ClaimTimeout: time.Second, Poll: 100 * time.Millisecond,
		MaxAttempts: 2, Backoff: 100 * time.Millisecond, Retention: time.Hour, MaxLen: 1000}
	cfg.Transcode.WorkDir = t.TempDir()
	cfg.Transcode.FFmpeg, cfg.Transcode.FFprobe = testenv.Bin(t, "ffmpeg"), testenv.Bin(t, "ffprobe")
	cfg.Transcode.SegmentDuration = time.Second
	cfg.Transcode.Preset = "ultrafast"
	cfg.Transcode.AudioBitrate = 64_000
	cfg.Transcode.Timeout = time.Minute
	cfg.Transcode.Ladder = "test"
	cfg.Transcode.Ladders = map[string][]Rung{"test": {
		{Name: "360p", Height: 360, VideoBitrate: 600_000},
		{Name: "180p", Height: 180, VideoBitrate: 300_000},
		{Name: "90p", Height: 90, VideoBitrate: 120_000},
	}}
	return cfg
}

// start runs a service until the test ends.
func start(t *testing.T, cfg Config) *Service {
	t.Helper()
	svc, _ := startService(t, cfg)
	return svc
}

// startService runs a service until stop is called or the test ends.
func startService(t testing.TB, cfg Config) (svc *Service, stop func()) {
	t.Helper()
	svc, err := New(cfg, testLogger(t))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return svc, stop
}

func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, nil))
}

// testWriter sends logs to t.Log, so they show only for failed tests.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(string(p[:len(p)-1]))
	return len(p), nil
}

// upload puts the named test source into the sources bucket.
func (r *rig) upload(t *testing.T, asset, name string) string {
	t.Helper()
	url, err := Upload(context.Background(), s3Of(r.a, "sources"), asset, filepath.Join(media(t), name), nil)
	if err != nil && !errors.Is(err, ErrBadSpec) {
		t.Fatalf("upload %s: %v", name, err)
	}
	if name == srcEmpty { // Upload refuses empty files; put one anyway
		_, err = r.a.Client.PutObject(context.Background(), "sources", asset+"/"+name, bytes.NewReader(nil), 0, minio.PutObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		url = SourceURL("sources", asset+"/"+name)
	}
	return url
}

// enqueue queues a job directly, as a trusted caller would, bypassing the
// API's source checks.
func enqueue(t *testing.T, q *Queue, asset, source string) Job {
	t.Helper()
	spec := Spec{Asset: asset, Title: "Test " + asset, Source: source, Ladder: "test", Policy: []byte(`{"public":true}`)}
	job, err := q.Enqueue(context.Background(), spec)
	if err != nil {
		t.Fatalf("enqueue: %v", err)
	}
	return job
}

// waitJob polls job id until its state is want, failing on any other final
// state or after timeout.
func waitJob(t *testing.T, q *Queue, id, want string, timeout time.Duration) Job {
	t.Helper()
	var job Job
	testenv.WaitFor(t, timeout, func() error {
		var err error
		job, err = q.Get(context.Background(), id)
		switch {
		case err != nil:
			return err
		case job.State == want:
			return nil
		case job.State == StatePublished || job.State == StateFailed:
			t.Fatalf("job %s ended %s (%s), want %s", id, job.State, job.Error, want)
		}
		return fmt.Errorf("job %s: %+v, want %s", id, job, want)
	})
	return job
}
