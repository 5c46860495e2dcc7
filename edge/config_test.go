package edge

import (
	"strings"
	"testing"

	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/origin"
)

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
	{"trusted proxy", func(c *Config) { c.HTTP.Proxies.TrustedProxies = []string{"10.0.0.0/8", "lb.internal"} }, "http.trusted_proxies"},
	{"client header", func(c *Config) { c.HTTP.Proxies.ClientHeader = "X-Real-IP" }, "http.client_header"},
	{"pprof without admin listener", func(c *Config) { c.Debug.PProf = true }, "debug.pprof"},
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
