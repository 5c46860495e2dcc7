package transcoder

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/origin"
)

// region is one origin assets are published to.
type region struct {
	name  string
	store origin.Writer
}

// publisher uploads a job's output to every region that needs it.
type publisher struct {
	cfg     OriginConfig
	regions []region // primary first; only the primary when buckets replicate
}

// newPublisher opens the configured regions (no dialing: a region that is
// down fails the publish, not the start).
func newPublisher(cfg OriginConfig) (*publisher, error) {
	p := &publisher{cfg: cfg}
	for i, r := range cfg.Regions {
		if i > 0 && cfg.Replicated {
			break
		}
		var (
			store origin.Writer
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

// publish uploads every file in dir to {asset}/ in each region in turn,
// then that region's asset.json, so that no region ever holds a
// half-published asset. fence runs before each asset.json and stops the
// publish when this worker no longer owns the job. Re-publishing replaces
// the same keys.
func (p *publisher) publish(ctx context.Context, id, dir string, manifest []byte, fence func(context.Context) error) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("listing output: %w", err)
	}
	for _, r := range p.regions {
		if err := p.publishRegion(ctx, r, id, dir, entries, manifest, fence); err != nil {
			return fmt.Errorf("publishing to region %s: %w", r.name, err)
		}
	}
	return nil
}

func (p *publisher) publishRegion(ctx context.Context, r region, id, dir string, entries []os.DirEntry, manifest []byte, fence func(context.Context) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(p.cfg.Concurrency)
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		g.Go(func() error {
			return p.put(gctx, r, id+"/"+e.Name(), func() (io.ReadCloser, int64, error) { return openFile(filepath.Join(dir, e.Name())) })
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if err := fence(ctx); err != nil {
		return err
	}
	return p.put(ctx, r, id+"/"+asset.ManifestName, func() (io.ReadCloser, int64, error) {
		return io.NopCloser(bytes.NewReader(manifest)), int64(len(manifest)), nil
	})
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

// assetManifest is asset.json (docs/protocol.md), checked as an edge will read it.
func assetManifest(job Job, pk packaged) ([]byte, error) {
	a := asset.Asset{ID: job.Asset, Title: job.Title, DurationS: pk.Duration, Renditions: pk.Renditions,
		RawPolicy: job.Policy, CreatedAt: job.CreatedAt.UTC(), Teaser: job.Teaser, GetURL: job.GetURL}
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
