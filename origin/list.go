package origin

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/minio/minio-go/v7"

	"github.com/streamgate/streamgate/asset"
)

// Lister is implemented by stores that can name their assets: the folders
// holding an asset.json.
type Lister interface {
	Assets(ctx context.Context) ([]string, error)
}

var (
	_ Lister = (*Dir)(nil)
	_ Lister = (*S3)(nil)
	_ Lister = (*Regions)(nil)
)

// Assets lists the folder's published assets, sorted.
func (d *Dir) Assets(context.Context) ([]string, error) {
	entries, err := fs.ReadDir(d.root.FS(), ".")
	if err != nil {
		return nil, fmt.Errorf("listing assets: %w", err)
	}
	var ids []string
	for _, e := range entries {
		if !e.IsDir() || !asset.ValidID(e.Name()) {
			continue
		}
		if _, err := d.root.Stat(e.Name() + "/" + asset.ManifestName); err == nil {
			ids = append(ids, e.Name())
		}
	}
	return ids, nil
}

// Assets lists the bucket prefix's published assets, sorted.
func (s *S3) Assets(ctx context.Context) ([]string, error) {
	var ids []string
	for obj := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.prefix}) {
		if obj.Err != nil {
			return nil, s.error("", obj.Err)
		}
		dir := strings.TrimSuffix(strings.TrimPrefix(obj.Key, s.prefix), "/")
		if !asset.ValidID(dir) {
			continue
		}
		if _, err := s.Stat(ctx, dir+"/"+asset.ManifestName); err == nil {
			ids = append(ids, dir)
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// Assets lists the first region that answers: the regions hold the same
// assets, give or take replication lag.
func (rs *Regions) Assets(ctx context.Context) ([]string, error) {
	var errs []error
	for _, r := range rs.regions {
		l, ok := r.Store.(Lister)
		if !ok {
			continue
		}
		ids, err := l.Assets(ctx)
		if err == nil {
			return ids, nil
		}
		errs = append(errs, fmt.Errorf("region %s: %w", r.Name, err))
	}
	return nil, fmt.Errorf("%w: listing assets: %w", ErrUnavailable, errors.Join(errs...))
}
