package origin

import (
	"errors"
	"fmt"
	"io"
	"time"
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
		}
		if r.S3.Endpoint != "" {
			if err := r.S3.Check(); err != nil {
				return fmt.Errorf("origin.regions[%d].s3.%w", i, err)
			}
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

// Config is the `origin:` block every service shares (edge, signer,
// transcoder): the regions, own or primary region first, and how one
// attempt at an object is bounded and retried. A service embeds it inline
// and adds its own keys beside it.
type Config struct {
	Regions []RegionConfig `yaml:"regions"`
	// Timeout bounds one attempt: a read until the object starts to arrive,
	// or a whole object's upload.
	Timeout time.Duration `yaml:"timeout"`
	// Retries of a transient failure per region and object, 0..10, before
	// falling through to the next region (reads) or failing (uploads).
	Retries int `yaml:"retries"`
	// Backoff is the wait before the first retry; it doubles each time.
	Backoff time.Duration `yaml:"backoff"`
	// Eject marks a region that keeps failing down for a while, so reads go
	// straight to the next one (DefaultEject; see EjectConfig).
	Eject EjectConfig `yaml:"eject"`
}

// Validate reports the first invalid field by its YAML path under origin.
func (c *Config) Validate() error {
	if err := CheckRegions(c.Regions); err != nil {
		return err
	}
	switch {
	case c.Timeout <= 0:
		return fmt.Errorf("origin.timeout: want > 0, got %s", c.Timeout)
	case c.Retries < 0 || c.Retries > 10:
		return fmt.Errorf("origin.retries: want 0..10, got %d", c.Retries)
	case c.Backoff < 0:
		return fmt.Errorf("origin.backoff: want >= 0, got %s", c.Backoff)
	}
	return c.Eject.validate()
}

// Open opens the regions for reading, as a Regions with c's timeout,
// retries, backoff and ejection.
func (c *Config) Open() (*Regions, error) {
	return OpenRegions(c.Regions, RegionsConfig{Timeout: c.Timeout, Retries: c.Retries, Backoff: c.Backoff, Eject: c.Eject})
}
