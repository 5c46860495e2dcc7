package transcoder

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/asset/policy"
	"github.com/streamgate/streamgate/internal/conf"
)

// TranscodeFile runs one job on a local source without the queue: probe,
// one ffmpeg run for the ladder, HLS playlists, then publish to every
// region of cfg.Origin, asset.json last — the same steps a worker takes.
// `streamgate demo` makes its sample with it. progress may be nil. Relative
// paths (path and cfg's) are taken against the working directory, as
// conf.AbsPaths does: ffmpeg runs in the work folder, where they would not
// resolve.
func TranscodeFile(ctx context.Context, cfg Config, spec Spec, path string, progress func(int)) error {
	if err := checkLocalSpec(cfg, &spec); err != nil {
		return err
	}
	if err := conf.AbsPaths(&cfg); err != nil {
		return err
	}
	path, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	pub, err := newPublisher(cfg.Origin)
	if err != nil {
		return err
	}
	defer pub.close()
	dir, err := os.MkdirTemp(cfg.Transcode.WorkDir, "streamgate-transcode-")
	if err != nil {
		return fmt.Errorf("making work folder: %w", err)
	}
	defer os.RemoveAll(dir)
	if dir, err = filepath.Abs(dir); err != nil { // a relative TMPDIR
		return err
	}
	info, err := probe(ctx, cfg.Transcode.FFprobe, path)
	if err != nil {
		return fmt.Errorf("probing source: %w", err)
	}
	t := cfg.Transcode
	e := encode{Source: path, Info: info, Renditions: plan(t.Ladders[spec.Ladder], info), Segment: t.SegmentDuration,
		Preset: t.Preset, AudioBitrate: t.AudioBitrate}
	if progress == nil {
		progress = func(int) {}
	}
	if err := runFFmpeg(ctx, t.FFmpeg, dir, e.args(), info.Duration, progress); err != nil {
		return err
	}
	pk, err := finishHLS(dir, e)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	manifest, err := assetManifest(Job{ID: "local", Spec: spec, CreatedAt: now, UpdatedAt: now}, pk)
	if err != nil {
		return err
	}
	return pub.publish(ctx, spec.Asset, dir, manifest, func(context.Context) error { return nil })
}

// checkLocalSpec applies what ParseSpec checks of a queued job, bar the
// source URL, and fills the default ladder.
func checkLocalSpec(cfg Config, spec *Spec) error {
	if spec.Ladder == "" {
		spec.Ladder = cfg.Transcode.Ladder
	}
	switch {
	case !asset.ValidID(spec.Asset):
		return fmt.Errorf("%w: asset %q", ErrBadSpec, spec.Asset)
	case cfg.Transcode.Ladders[spec.Ladder] == nil:
		return fmt.Errorf("%w: ladder %q is not configured", ErrBadSpec, spec.Ladder)
	}
	if _, err := policy.Parse(spec.Policy); err != nil {
		return fmt.Errorf("%w: %w", ErrBadSpec, err)
	}
	if err := asset.CheckGetURL(spec.GetURL); err != nil {
		return fmt.Errorf("%w: %w", ErrBadSpec, err)
	}
	return nil
}
