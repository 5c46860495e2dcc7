package origin

import (
	"errors"
	"fmt"
	"io"
)

// RegionConfig is one origin in a service's config: a local folder or an
// S3 bucket. Edges, signers and transcoders all list regions this way.
type RegionConfig struct {
	Name string   `yaml:"name"`
	Dir  string   `yaml:"dir" conf:"path"`
	S3   S3Config `yaml:"s3"`
}

// CheckRegions reports the first invalid region by its YAML path under
// origin.regions.
func CheckRegions(regions []RegionConfig) error {
	if len(regions) == 0 {
		return errors.New("origin.regions: want at least one region")
	}
	for i, r := range regions {
		switch {
		case r.Name == "":
			return fmt.Errorf("origin.regions[%d].name: want a name", i)
		case (r.Dir == "") == (r.S3.Endpoint == ""):
			return fmt.Errorf("origin.regions[%d]: want exactly one of dir or s3.endpoint", i)
		case r.S3.Endpoint != "" && r.S3.Bucket == "":
			return fmt.Errorf("origin.regions[%d].s3.bucket: want a bucket", i)
		}
	}
	return nil
}

// OpenRegions opens every configured region, in order, as a Regions.
func OpenRegions(regions []RegionConfig, cfg RegionsConfig) (*Regions, error) {
	rs := make([]Region, 0, len(regions))
	for _, r := range regions {
		store, err := r.Open()
		if err != nil {
			return nil, err
		}
		rs = append(rs, Region{Name: r.Name, Store: store})
	}
	return NewRegions(cfg, rs...)
}

// Open opens the region's store.
func (r RegionConfig) Open() (Store, error) {
	var (
		store Store
		err   error
	)
	if r.Dir != "" {
		store, err = NewDir(r.Dir)
	} else {
		store, err = NewS3(r.S3)
	}
	if err != nil {
		return nil, fmt.Errorf("origin.regions %s: %w", r.Name, err)
	}
	return store, nil
}

// Close releases the regions' stores that hold resources (folders).
func (rs *Regions) Close() error {
	var errs []error
	for _, r := range rs.regions {
		if c, ok := r.Store.(io.Closer); ok {
			errs = append(errs, c.Close())
		}
	}
	return errors.Join(errs...)
}
