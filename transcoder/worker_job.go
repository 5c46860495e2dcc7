package transcoder

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/streamgate/streamgate/asset"
)

// attempt runs the job once: download, probe, one ffmpeg run for the whole
// ladder, HLS playlists, then publish. Its folder (work_dir/consumer) is
// emptied before and removed after, on every path; one left by a killed
// process is emptied by the next attempt of the same consumer.
func (w *worker) attempt(ctx context.Context, job Job, d *delivery, tm *timings) error {
	rungs := w.cfg.Transcode.Ladders[job.Ladder]
	if rungs == nil {
		return fmt.Errorf("%w: ladder %q is not configured on this worker", ErrBadSpec, job.Ladder)
	}
	dir := filepath.Join(w.workDir(), w.consumer)
	out := filepath.Join(dir, "out")
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("clearing work folder: %w", err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("making work folder: %w", err)
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "source")
	if err := w.sources.download(ctx, job.Source, src); err != nil {
		return err
	}
	tm.mark("download")
	info, err := probe(ctx, w.cfg.Transcode.FFprobe, src)
	if err != nil {
		return fmt.Errorf("probing source: %w", err)
	}
	e := w.encodeFor(src, info, rungs)
	if err := runFFmpeg(ctx, w.cfg.Transcode.FFmpeg, out, e.args(), info.Duration, w.progress(job.ID)); err != nil {
		return err
	}
	tm.mark("encode")
	pk, err := finishHLS(out, e)
	if err != nil {
		return err
	}
	version, manifest, err := finishDelivery(out, job, pk, e.Segment, w.cfg.Transcode.KeyPeriod)
	if err != nil {
		return err
	}
	err = w.pub.publish(ctx, job.Asset, version, out, manifest, w.fence(d))
	tm.mark("publish")
	return err
}

// finishDelivery readies a finished package (finishHLS) in dir for the
// job's delivery: a new version folder and, for a CDN job, the ciphertext,
// rewritten media playlists and keys.json (encryptCDN). It returns the
// version and asset.json.
func finishDelivery(dir string, job Job, pk packaged, segment time.Duration, keyPeriod int) (string, []byte, error) {
	pk.Version = newVersion()
	if job.Delivery == asset.DeliveryCDN {
		if _, err := encryptCDN(dir, job.Asset, pk.Version, keyPeriod); err != nil {
			return "", nil, fmt.Errorf("encrypting for CDN delivery: %w", err)
		}
		pk.KeyPeriod, pk.SegmentS = keyPeriod, segment.Seconds()
	}
	manifest, err := assetManifest(job, pk)
	return pk.Version, manifest, err
}

// timings records how long each step of an attempt took, for the log.
type timings struct {
	last  time.Time
	attrs []any
}

func newTimings() *timings { return &timings{last: time.Now()} }

func (t *timings) mark(step string) {
	now := time.Now()
	t.attrs = append(t.attrs, step, now.Sub(t.last).Round(time.Millisecond))
	t.last = now
}

func (w *worker) encodeFor(src string, info probeInfo, rungs []Rung) encode {
	t := w.cfg.Transcode
	return encode{Source: src, Info: info, Renditions: plan(rungs, info), Segment: t.SegmentDuration,
		Preset: t.Preset, AudioBitrate: t.AudioBitrate}
}

// workDir is work_dir (absolute since New), or a folder in the OS temp dir,
// made absolute because ffmpeg runs inside it with the source's path.
func (w *worker) workDir() string {
	if w.cfg.Transcode.WorkDir != "" {
		return w.cfg.Transcode.WorkDir
	}
	dir := filepath.Join(os.TempDir(), "streamgate-transcoder")
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// progress returns ffmpeg's progress callback: it stores the percent at
// most once a second. Failures are ignored; the next one retries.
func (w *worker) progress(id string) func(int) {
	var last time.Time
	return func(pct int) {
		if time.Since(last) < time.Second {
			return
		}
		last = time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = w.queue.setProgress(ctx, id, pct)
	}
}
