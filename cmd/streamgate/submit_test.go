package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/transcoder"
)

const cmdToken = "cmd-test-token-0123456789"

// transcoderConfig writes a config for a service on real Redis and MinIO
// (sources) publishing to a folder, and sets the token in the environment.
func transcoderConfig(t *testing.T) (string, *testenv.MinIOServer) {
	rs, m := testenv.Redis(t), testenv.MinIO(t)
	m.Bucket(t, "sources")
	cfg := fmt.Sprintf(`redis: {addr: %q}
admin: {listen: "127.0.0.1:%s"}
sources: {endpoint: %q, bucket: sources, access_key: %q, secret_key: %q}
origin: {regions: [{name: local, dir: %q}]}
queue: {consumer: cmd-test, poll: 100ms}
transcode:
  work_dir: %q
  segment_duration: 1s
  preset: ultrafast
  ladder: small
  ladders: {small: [{name: 180p, height: 180, video_bitrate: 300000}]}
`, rs.Addr, testenv.FreePort(t), m.Endpoint, m.AccessKey, m.SecretKey, t.TempDir(), t.TempDir())
	path := filepath.Join(t.TempDir(), "transcoder.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TRANSCODER_ADMIN_TOKEN", cmdToken)
	return path, m
}

// serveTranscoder runs `streamgate transcoder` in-process until the test ends.
func serveTranscoder(t *testing.T, path string) {
	cfg, err := loadTranscoderConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := transcoder.New(cfg, discard)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
}

// TestSubmitAndJobs uploads a local file with `streamgate submit`, follows
// it with `streamgate jobs` until it is published, and submits the
// uploaded object again by its s3:// URL.
func TestSubmitAndJobs(t *testing.T) {
	path, _ := transcoderConfig(t)
	serveTranscoder(t, path)
	src, pol := sourceFile(t), filepath.Join(t.TempDir(), "policy.json")
	if err := os.WriteFile(pol, []byte(`{"public": true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var progress bytes.Buffer
	progressOut = &progress
	t.Cleanup(func() { progressOut = os.Stderr })
	id, err := run(t, runSubmit, "--config", path, "--source", src, "--asset", "clip", "--policy", pol, "--title", "A clip",
		"--teaser", "--get-url", "https://example.com/get?pass=1")
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	if !strings.Contains(progress.String(), "uploading clip.mp4: 100% (") {
		t.Errorf("progress lines:\n%s", progress.String())
	}
	job := waitPublished(t, path, id)
	if job.Asset != "clip" || job.Title != "A clip" || job.Source != "s3://sources/clip/clip.mp4" ||
		!job.Teaser || job.GetURL != "https://example.com/get?pass=1" {
		t.Errorf("job %+v", job)
	}
	cfg, err := loadTranscoderConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(cfg.Origin.Regions[0].Dir, "clip", asset.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if a, err := asset.Parse("clip", raw); err != nil || !a.Teaser || a.GetURL != "https://example.com/get?pass=1" || a.Ignored != nil {
		t.Errorf("asset.json %s: %+v %v", raw, a, err)
	}
	list, err := run(t, runJobs, "--config", path)
	if err != nil || !strings.Contains(list, id) || !strings.Contains(list, "published") || !strings.HasPrefix(list, "ID") {
		t.Fatalf("jobs: %v\n%s", err, list)
	}
	again, err := run(t, runSubmit, "--config", path, "--source", job.Source, "--asset", "clip-2", "--policy", pol, "--delivery", "cdn")
	if err != nil || again == id {
		t.Fatalf("submit s3 source: %q %v", again, err)
	}
	if job := waitPublished(t, path, again); job.Delivery != asset.DeliveryCDN {
		t.Errorf("job %+v, want delivery cdn", job)
	}
	raw, err = os.ReadFile(filepath.Join(cfg.Origin.Regions[0].Dir, "clip-2", asset.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	if a, err := asset.Parse("clip-2", raw); err != nil || !a.CDN() || a.KeyPeriod != transcoder.DefaultKeyPeriod || a.SegmentS != 1 {
		t.Fatalf("asset.json of a --delivery cdn job: %v\n%s", err, raw)
	}
}

func waitPublished(t *testing.T, path, id string) transcoder.Job {
	t.Helper()
	var job transcoder.Job
	testenv.WaitFor(t, 30*time.Second, func() error {
		// Flags after the id, as the README and users write it.
		out, err := run(t, runJobs, id, "--json", "--config", path)
		var jobs []transcoder.Job
		if err != nil || json.Unmarshal([]byte(out), &jobs) != nil || len(jobs) != 1 {
			t.Fatalf("jobs %s: %v\n%s", id, err, out)
		}
		if job = jobs[0]; job.State == transcoder.StateFailed {
			t.Fatalf("job failed: %s", job.Error)
		}
		if job.State != transcoder.StatePublished {
			return fmt.Errorf("job %s not published: %s", id, job.State)
		}
		return nil
	})
	return job
}

// sourceFile makes a 2 s 320x180 H.264 + AAC file.
func sourceFile(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "clip.mp4")
	out, err := exec.Command(testenv.Bin(t, "ffmpeg"), "-hide_banner", "-loglevel", "error",
		"-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=2", "-f", "lavfi", "-i", "sine=duration=2",
		"-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	return path
}

var submitErrorCases = []struct {
	name string
	args []string
	want string
}{
	{"no flags", nil, "usage: streamgate submit"},
	{"bad asset", []string{"--source", "x.mp4", "--asset", "Bad", "--policy", "p.json"}, "--asset: want"},
	{"missing policy file", []string{"--source", "x.mp4", "--asset", "a", "--policy", "/nonexistent.json"}, "--policy: open"},
	{"missing source", []string{"--source", "/nonexistent.mp4", "--asset", "a", "--policy", "POLICY"}, "no such file"},
	{"bad s3 url", []string{"--source", "s3://bucket-only", "--asset", "a", "--policy", "POLICY"}, "source: want s3://bucket/key"},
	{"get-url javascript", []string{"--source", "x.mp4", "--asset", "a", "--policy", "POLICY", "--get-url", "javascript:alert(1)"}, "--get-url: get_url: want an https://"},
	{"get-url relative", []string{"--source", "x.mp4", "--asset", "a", "--policy", "POLICY", "--get-url", "/mint"}, "--get-url: get_url: want"},
	{"unknown delivery", []string{"--source", "x.mp4", "--asset", "a", "--policy", "POLICY", "--delivery", "drm"}, `--delivery: want "edge" or "cdn", got "drm"`},
	{"unknown ladder", []string{"--source", "s3://sources/none.mp4", "--asset", "a", "--policy", "POLICY", "--ladder", "4k"}, "ladder: no ladder \"4k\""},
}

func TestSubmitErrors(t *testing.T) {
	path, _ := transcoderConfig(t)
	serveTranscoder(t, path)
	pol := filepath.Join(t.TempDir(), "policy.json")
	if err := os.WriteFile(pol, []byte(`{"public": true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range submitErrorCases {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"--config", path}
			for _, a := range tc.args {
				args = append(args, strings.ReplaceAll(a, "POLICY", pol))
			}
			if _, err := run(t, runSubmit, args...); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
	t.Setenv("TRANSCODER_ADMIN_TOKEN", "wrong-token-0123456789")
	if _, err := run(t, runJobs, "--config", path); err == nil || !strings.Contains(err.Error(), "bad admin token") {
		t.Fatalf("jobs with a wrong token: %v", err)
	}
}

// bucketsConfig writes a transcoder config on real Redis and a MinIO that
// has no bucket yet: sources in "incoming", published to an S3 region
// "media", with create_buckets as given.
func bucketsConfig(t *testing.T, create bool) (string, *testenv.MinIOServer) {
	rs, m := testenv.Redis(t), testenv.MinIO(t)
	s3 := fmt.Sprintf(`endpoint: %q, access_key: %q, secret_key: %q`, m.Endpoint, m.AccessKey, m.SecretKey)
	cfg := fmt.Sprintf(`redis: {addr: %q}
admin: {listen: "127.0.0.1:%s"}
create_buckets: %v
sources: {bucket: incoming, %s}
origin: {regions: [{name: eu, s3: {bucket: media, %s}}]}
queue: {consumer: cmd-test, poll: 100ms}
transcode:
  work_dir: %q
  segment_duration: 1s
  preset: ultrafast
  ladder: small
  ladders: {small: [{name: 180p, height: 180, video_bitrate: 300000}]}
`, rs.Addr, testenv.FreePort(t), create, s3, s3, t.TempDir())
	path := filepath.Join(t.TempDir(), "transcoder.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TRANSCODER_ADMIN_TOKEN", cmdToken)
	return path, m
}

// Issue 12: with create_buckets the transcoder makes its sources and origin
// buckets at start and a first submit publishes; without, submit fails with
// an error that names the missing bucket and says what to do.
func TestSubmitBuckets(t *testing.T) {
	pol := filepath.Join(t.TempDir(), "policy.json")
	if err := os.WriteFile(pol, []byte(`{"public": true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	src := sourceFile(t)
	t.Run("missing", func(t *testing.T) {
		path, _ := bucketsConfig(t, false)
		serveTranscoder(t, path)
		_, err := run(t, runSubmit, "--config", path, "--source", src, "--asset", "clip", "--policy", pol)
		if err == nil || !strings.Contains(err.Error(), `bucket "incoming" does not exist at`) || !strings.Contains(err.Error(), "create_buckets") {
			t.Fatalf("submit to a missing bucket: %v", err)
		}
	})
	t.Run("created", func(t *testing.T) {
		path, m := bucketsConfig(t, true)
		serveTranscoder(t, path)
		id, err := run(t, runSubmit, "--config", path, "--source", src, "--asset", "clip", "--policy", pol)
		if err != nil {
			t.Fatalf("submit: %v", err)
		}
		waitPublished(t, path, id)
		if _, err := m.Client.StatObject(context.Background(), "media", "clip/asset.json", minio.StatObjectOptions{}); err != nil {
			t.Fatalf("published asset.json in the created bucket: %v", err)
		}
	})
}
