package transcoder

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/testenv"
)

// benchSeconds is the benchmark source's length: 1080p30 test pattern
// with temporal noise (so it costs x264 about what camera footage does)
// and a tone, at 10 Mb/s like a typical upload.
const benchSeconds = 10

// BenchmarkJob times one whole job with the default config (default
// ladder, 4 s segments, veryfast) — submit to published: download, probe,
// encode, playlists, upload to one MinIO region — against the same ffmpeg
// command run alone on the same input, alternating the two. Metrics:
// job-s and ffmpeg-s (mean wall seconds), job/ffmpeg (the median of each
// adjacent pair's ratio, robust to load from other processes; goal ≤ 1.10)
// and realtime-x (source seconds encoded per wall second by ffmpeg alone).
// Use an even -benchtime so that each goes first equally often:
//
//	go test -run '^$' -bench BenchmarkJob -benchtime 4x -timeout 30m ./transcoder
func BenchmarkJob(b *testing.B) {
	src := benchSource(b)
	r := &rig{redis: testenv.Redis(b), a: testenv.MinIO(b)}
	r.a.Bucket(b, "media")
	r.a.Bucket(b, "sources")
	cfg := benchConfig(b, r)
	svc, _ := startService(b, cfg)
	url, err := Upload(context.Background(), s3Of(r.a, "sources"), "bench", src, nil)
	if err != nil {
		b.Fatal(err)
	}
	info, err := probe(context.Background(), cfg.Transcode.FFprobe, src)
	if err != nil {
		b.Fatal(err)
	}
	w := &worker{cfg: cfg}
	args := w.encodeFor(src, info, cfg.Transcode.Ladders["default"]).args()
	var alone, job time.Duration
	var ratios []float64
	b.ResetTimer()
	for i := range b.N {
		a, j := timePair(i, func() time.Duration { return timeFFmpeg(b, cfg.Transcode.FFmpeg, args) },
			func() time.Duration { return timeJob(b, svc.Queue(), fmt.Sprintf("bench-%d", i), url) })
		alone, job = alone+a, job+j
		ratios = append(ratios, j.Seconds()/a.Seconds())
	}
	b.StopTimer()
	n := float64(b.N)
	slices.Sort(ratios)
	b.ReportMetric(job.Seconds()/n, "job-s")
	b.ReportMetric(alone.Seconds()/n, "ffmpeg-s")
	b.ReportMetric(ratios[len(ratios)/2], "job/ffmpeg")
	b.ReportMetric(benchSeconds*n/alone.Seconds(), "realtime-x")
}

// timePair runs both, alternating which goes first against drift.
func timePair(i int, alone, job func() time.Duration) (a, j time.Duration) {
	if i%2 == 1 {
		j = job()
		return alone(), j
	}
	a = alone()
	return a, job()
}

func benchConfig(b *testing.B, r *rig) Config {
	cfg := DefaultConfig()
	cfg.Redis.Addr = r.redis.Addr
	cfg.Admin.Listen = ""
	cfg.Sources = s3Of(r.a, "sources")
	cfg.Origin.Regions = []RegionConfig{{Name: "a", S3: s3Of(r.a, "media")}}
	cfg.Queue.Consumer, cfg.Queue.Poll = "bench", 50*time.Millisecond
	cfg.Transcode.WorkDir = b.TempDir()
	cfg.Transcode.FFmpeg, cfg.Transcode.FFprobe = testenv.Bin(b, "ffmpeg"), testenv.Bin(b, "ffprobe")
	return cfg
}

func timeFFmpeg(b *testing.B, ffmpeg string, args []string) time.Duration {
	dir := b.TempDir()
	start := time.Now()
	if err := runFFmpeg(context.Background(), ffmpeg, dir, args, 0, func(int) {}); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

func timeJob(b *testing.B, q *Queue, asset, url string) time.Duration {
	start := time.Now()
	job, err := q.Enqueue(context.Background(), Spec{Asset: asset, Title: asset, Source: url, Ladder: "default", Policy: []byte(`{"public":true}`)})
	if err != nil {
		b.Fatal(err)
	}
	testenv.WaitFor(b, 30*time.Minute, func() error {
		j, err := q.Get(context.Background(), job.ID)
		switch {
		case err != nil:
			b.Fatal(err)
		case j.State == StateFailed || j.State == StateRetrying:
			b.Fatalf("bench job: %s", j.Error)
		case j.State != StatePublished:
			return fmt.Errorf("bench job %s: %s", job.ID, j.State)
		}
		return nil
	})
	return time.Since(start)
}

// benchSource makes the source once per run in the OS temp dir.
func benchSource(b *testing.B) string {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("streamgate-bench-1080p-%ds-10M.mp4", benchSeconds))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".tmp.mp4"
	out, err := exec.Command(testenv.Bin(b, "ffmpeg"), "-hide_banner", "-loglevel", "error", "-y",
		"-f", "lavfi", "-i", fmt.Sprintf("testsrc2=size=1920x1080:rate=30:duration=%d,noise=alls=12:allf=t", benchSeconds),
		"-f", "lavfi", "-i", fmt.Sprintf("sine=frequency=440:sample_rate=48000:duration=%d", benchSeconds),
		"-c:v", "libx264", "-preset", "veryfast", "-b:v", "10M", "-maxrate", "12M", "-bufsize", "20M", "-c:a", "aac", tmp).CombinedOutput()
	if err != nil {
		b.Fatalf("making the bench source: %v\n%s", err, out)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}
