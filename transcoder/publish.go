package transcoder

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/origin"
)

// region is one origin assets are published to.
type region struct {
	name  string
	store origin.Pruner
}

// publisher uploads a job's output to every region that needs it.
type publisher struct {
	cfg     OriginConfig
	regions []region // primary first; only the primary when buckets replicate
	// retain is publish.retain_versions_for.
	retain time.Duration
	log    *slog.Logger
	now    func() time.Time
}

// newPublisher opens the configured regions (no dialing: a region that is
// down fails the publish, not the start).
func newPublisher(cfg OriginConfig, retain time.Duration, log *slog.Logger) (*publisher, error) {
	if retain <= 0 { // a Config not from DefaultConfig: never delete at once
		retain = DefaultRetainVersionsFor
	}
	p := &publisher{cfg: cfg, retain: retain, log: log, now: time.Now}
	for i, r := range cfg.Regions {
		if i > 0 && cfg.Replicated {
			break
		}
		var (
			store origin.Pruner
			err   error
		)
		if r.Dir != "" {
			err = os.MkdirAll(r.Dir, 0o755)
			if err == nil {
				store, err = origin.NewDir(r.Dir)
			}
		} else {
			store, err = origin.NewS3(r.S3)
		}
		if err != nil {
			return nil, fmt.Errorf("origin.regions %s: %w", r.Name, err)
		}
		p.regions = append(p.regions, region{name: r.Name, store: store})
	}
	return p, nil
}

// close releases local folders.
func (p *publisher) close() {
	for _, r := range p.regions {
		if c, ok := r.store.(io.Closer); ok {
			c.Close()
		}
	}
}

// publish uploads every file under dir (subfolders included) to
// {id}/{version}/ in each region in turn, then that region's asset.json,
// so that no region ever holds a half-published asset and viewers switch
// to the new version at once. Within a region it writes, each step after
// the previous one ended: the version's entry in versions.json, clear
// segments and other files, ciphertext (aes/), playlists and MPD,
// keys.json, then (after fence) asset.json. fence stops the publish
// when this worker no longer owns the job. After each switch, retention
// (prune) deletes that region's versions superseded more than
// retain ago; its failures are logged, not returned: the asset is
// published, and the next publish retries.
func (p *publisher) publish(ctx context.Context, id, version, dir string, manifest []byte, fence func(context.Context) error) error {
	files, err := outputFiles(dir)
	if err != nil {
		return fmt.Errorf("listing output: %w", err)
	}
	for _, r := range p.regions {
		if err := p.publishRegion(ctx, r, id, version, dir, files, manifest, fence); err != nil {
			return fmt.Errorf("publishing to region %s: %w", r.name, err)
		}
	}
	return nil
}

// The publish steps of a region, in order.
const (
	stepMedia = iota
	stepCipher
	stepPlaylists
	stepKeys
	numSteps
)

// outputFiles lists dir's regular files by publish step, as slash paths
// relative to dir.
func outputFiles(dir string) ([numSteps][]string, error) {
	var steps [numSteps][]string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		step := stepMedia
		switch kind, _ := asset.TypeOf(rel); {
		case rel == asset.KeysName:
			step = stepKeys
		case strings.HasPrefix(rel, asset.CipherDir+"/"):
			step = stepCipher
		case kind == asset.Playlist:
			step = stepPlaylists
		}
		steps[step] = append(steps[step], rel)
		return nil
	})
	return steps, err
}

func (p *publisher) publishRegion(ctx context.Context, r region, id, version, dir string, files [numSteps][]string, manifest []byte, fence func(context.Context) error) error {
	// The version is recorded before its first object, so that retention
	// also deletes the folder of a publish that fails half-way.
	vs, err := p.readVersions(ctx, r, id)
	if err != nil {
		return err
	}
	if vs.add(version, p.now()) {
		if err := p.putJSON(ctx, r, id+"/"+asset.VersionsName, vs); err != nil {
			return err
		}
	}
	for _, step := range files {
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(p.cfg.Concurrency)
		for _, name := range step {
			g.Go(func() error {
				return p.put(gctx, r, id+"/"+version+"/"+name, func() (io.ReadCloser, int64, error) { return openFile(filepath.Join(dir, name)) })
			})
		}
		if err := g.Wait(); err != nil {
			return err
		}
	}
	if err := fence(ctx); err != nil {
		return err
	}
	if err := p.putBytes(ctx, r, id+"/"+asset.ManifestName, manifest); err != nil {
		return err
	}
	if err := p.prune(ctx, r, id, version, vs); err != nil {
		p.log.Warn("version retention failed; the next publish retries", "region", r.name, "asset", id, "err", err)
	}
	return nil
}

func (p *publisher) putBytes(ctx context.Context, r region, key string, data []byte) error {
	return p.put(ctx, r, key, func() (io.ReadCloser, int64, error) {
		return io.NopCloser(bytes.NewReader(data)), int64(len(data)), nil
	})
}

func (p *publisher) putJSON(ctx context.Context, r region, key string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return p.putBytes(ctx, r, key, append(data, '\n'))
}

// put uploads one object, retrying with backoff; open is called per try.
func (p *publisher) put(ctx context.Context, r region, key string, open func() (io.ReadCloser, int64, error)) error {
	wait := p.cfg.Backoff
	for attempt := 0; ; attempt++ {
		err := p.putOnce(ctx, r, key, open)
		if err == nil || attempt >= p.cfg.Retries || ctx.Err() != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait *= 2
	}
}

func (p *publisher) putOnce(ctx context.Context, r region, key string, open func() (io.ReadCloser, int64, error)) error {
	body, size, err := open()
	if err != nil {
		return err
	}
	defer body.Close()
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Timeout)
	defer cancel()
	return r.store.Put(ctx, key, body, size, origin.PutOptions{ContentType: asset.ContentType(key)})
}

func openFile(name string) (io.ReadCloser, int64, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, st.Size(), nil
}

// assetManifest is asset.json (docs/protocol.md), checked as an edge will
// read it.
func assetManifest(job Job, pk packaged) ([]byte, error) {
	a := asset.Asset{ID: job.Asset, Title: job.Title, DurationS: pk.Duration, Renditions: pk.Renditions,
		RawPolicy: job.Policy, CreatedAt: job.CreatedAt.UTC(), Teaser: job.Teaser, GetURL: job.GetURL,
		Version: pk.Version, Delivery: job.Delivery, KeyPeriod: pk.KeyPeriod, SegmentS: pk.SegmentS}
	data, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", asset.ManifestName, err)
	}
	switch a, err := asset.Parse(job.Asset, data); {
	case err != nil:
		return nil, fmt.Errorf("%w: %w", ErrBadSpec, err)
	case a.Ignored != nil: // a job queued before get_url was checked at the door
		return nil, fmt.Errorf("%w: %w", ErrBadSpec, a.Ignored)
	}
	return append(data, '\n'), nil
}
