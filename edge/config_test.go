package edge

import (
	"reflect"
	"strings"
	"testing"

	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/origin"
)

// TestShippedConfigIsDefault keeps configs/edge.yaml in step with DefaultConfig.
func TestShippedConfigIsDefault(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Origin.Regions = nil
	if err := conf.Load("../configs/edge.yaml", "EDGE_UNUSED", &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Ownership.Chains) == 0 {
		cfg.Ownership.Chains = nil // the file's "chains: []" is the default's nil
	}
	if len(cfg.Indexer.Chains) == 0 {
		cfg.Indexer.Chains = nil
	}
	want := DefaultConfig()
	if err := conf.AbsPaths(&want); err != nil { // Load resolves the file's paths too
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Fatalf("configs/edge.yaml differs from DefaultConfig:\n got %+v\nwant %+v", cfg, want)
	}
}

var badConfigs = []struct {
	name string
	edit func(*Config)
	want string
}{
	{"no regions", func(c *Config) { c.Origin.Regions = nil }, "origin.regions"},
	{"dir and s3", func(c *Config) { c.Origin.Regions[0].S3.Endpoint = "x:1" }, "origin.regions[0]"},
	{"s3 without bucket", func(c *Config) { c.Origin.Regions = []RegionConfig{{Name: "a", S3: s3Endpoint("x:1")}} }, "origin.regions[0].s3.bucket"},
	{"zero timeout", func(c *Config) { c.Origin.Timeout = 0 }, "origin.timeout"},
	{"cache budget", func(c *Config) { c.Cache.MaxBytes = 0 }, "cache.max_bytes"},
	{"object over budget", func(c *Config) { c.Cache.MaxObjectBytes = c.Cache.MaxBytes + 1 }, "cache.max_object_bytes"},
	{"no jwks", func(c *Config) { c.Token.JWKS = "" }, "token.jwks"},
	{"leeway", func(c *Config) { c.Token.Leeway = -1 }, "token.leeway"},
	{"header budget", func(c *Config) { c.HTTP.MaxHeaderBytes = 4095 }, "http.max_header_bytes"},
	{"conns per ip", func(c *Config) { c.HTTP.MaxConnsPerIP = -1 }, "http.max_conns_per_ip"},
}

func TestValidateNamesTheKey(t *testing.T) {
	for _, tc := range badConfigs {
		cfg := DefaultConfig()
		tc.edit(&cfg)
		if err := cfg.Validate(); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to start with %q", tc.name, err, tc.want)
		}
	}
}

func s3Endpoint(e string) (c origin.S3Config) {
	c.Endpoint = e
	return c
}

// TestShippedConfigNamesEveryKey: configs/edge.yaml shows every key, so an
// operator sees each setting and its default.
func TestShippedConfigNamesEveryKey(t *testing.T) {
	missing, err := conf.MissingKeys("../configs/edge.yaml", DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range missing {
		t.Errorf("configs/edge.yaml lacks %s", k)
	}
}
