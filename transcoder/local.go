package transcoder

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/asset/policy"
	"github.com/streamgate/streamgate/internal/conf"
)

// TranscodeFile runs one job on a local source without the queue: probe,
// one ffmpeg run for the ladder, HLS playlists (and, for CDN delivery,
// encryption), then publish to every region of cfg.Origin, asset.json
// last — the same steps a worker takes. `streamgate demo` makes its
// samples with it. progress may be nil. Relative paths (path and cfg's)
// are taken against the working directory, as conf.AbsPaths does: ffmpeg
// runs in the work folder, where they would not resolve.
func TranscodeFile(ctx context.Context, cfg Config, spec Spec, path string, progress func(int)) error {
	return TranscodeFileAs(ctx, cfg, path, progress, spec)
}

// TranscodeFileAs is TranscodeFile publishing one encode as several assets,
// each spec in turn with its own id, policy and delivery (and a version of
// its own); every spec must name the same ladder. The demo makes its edge
// and CDN samples from one ffmpeg run with it.
func TranscodeFileAs(ctx context.Context, cfg Config, path string, progress func(int), specs ...Spec) error {
	if len(specs) == 0 {
		return fmt.Errorf("%w: no asset to publish", ErrBadSpec)
	}
	for i := range specs {
		if err := checkLocalSpec(cfg, &specs[i]); err != nil {
			return err
		}
		if specs[i].Ladder != specs[0].Ladder {
			return fmt.Errorf("%w: asset %s: ladder %q, want %q as the others", ErrBadSpec, specs[i].Asset, specs[i].Ladder, specs[0].Ladder)
		}
	}
	if err := conf.AbsPaths(&cfg); err != nil {
		return err
	}
	path, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	pub, err := newPublisher(cfg.Origin, cfg.Publish.RetainVersionsFor, slog.Default())
	if err != nil {
		return err
	}
	defer pub.close()
	work, err := os.MkdirTemp(cfg.Transcode.WorkDir, "streamgate-transcode-")
	if err != nil {
		return fmt.Errorf("making work folder: %w", err)
	}
	defer os.RemoveAll(work)
	if work, err = filepath.Abs(work); err != nil { // a relative TMPDIR
		return err
	}
	dir := filepath.Join(work, "out")
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	info, err := probe(ctx, cfg.Transcode.FFprobe, path)
	if err != nil {
		return fmt.Errorf("probing source: %w", err)
	}
	t := cfg.Transcode
	e := encode{Source: path, Info: info, Renditions: plan(t.Ladders[specs[0].Ladder], info), Segment: t.SegmentDuration,
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
	for i, spec := range specs {
		out := dir
		if len(specs) > 1 {
			// Each asset from its own copy: encryption rewrites playlists.
			out = filepath.Join(work, "asset-"+strconv.Itoa(i))
			if err := stage(dir, out); err != nil {
				return err
			}
		}
		now := time.Now().UTC()
		version, manifest, err := finishDelivery(out, Job{ID: "local", Spec: spec, CreatedAt: now, UpdatedAt: now}, pk, e.Segment, t.KeyPeriod)
		if err != nil {
			return err
		}
		if err := pub.publish(ctx, spec.Asset, version, out, manifest, func(context.Context) error { return nil }); err != nil {
			return err
		}
	}
	return nil
}

// stage fills dst with src's files: segments hard-linked (or copied where
// links fail), playlists copied, since finishing a CDN asset rewrites them.
func stage(src, dst string) error {
	if err := os.Mkdir(dst, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		from, to := filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())
		if kind, _ := asset.TypeOf(e.Name()); kind != asset.Playlist && os.Link(from, to) == nil {
			continue
		}
		data, err := os.ReadFile(from)
		if err == nil {
			err = os.WriteFile(to, data, 0o644)
		}
		if err != nil {
			return fmt.Errorf("staging %s: %w", e.Name(), err)
		}
	}
	return nil
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
	if err := checkDelivery(spec.Delivery); err != nil {
		return fmt.Errorf("%w: %w", ErrBadSpec, err)
	}
	return nil
}
