package signer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/signer/token"
)

// rawConfig is Config without Validate, to load the shipped file as it is:
// it has no domains, so it does not validate until they are set.
type rawConfig Config

// TestShippedConfigIsDefault keeps configs/signer.yaml in step with DefaultConfig.
func TestShippedConfigIsDefault(t *testing.T) {
	var cfg rawConfig
	if err := conf.Load("../configs/signer.yaml", "SIGNER_UNUSED", &cfg); err != nil {
		t.Fatal(err)
	}
	for _, empty := range []*[]string{&cfg.Domains, &cfg.URIs, &cfg.HTTP.Proxies.TrustedProxies, &cfg.CORS.ExtraOrigins} {
		if len(*empty) == 0 {
			*empty = nil // the file's [] is the default's nil
		}
	}
	if len(cfg.Ownership.Chains) == 0 {
		cfg.Ownership.Chains = nil
	}
	want := DefaultConfig()
	if err := conf.AbsPaths(&want); err != nil { // Load resolves the file's paths too
		t.Fatal(err)
	}
	if !reflect.DeepEqual(Config(cfg), want) {
		t.Fatalf("configs/signer.yaml differs from DefaultConfig:\n got %+v\nwant %+v", cfg, want)
	}
}

// TestShippedConfigNamesEveryKey: configs/signer.yaml shows every key, so an
// operator sees each setting and its default.
func TestShippedConfigNamesEveryKey(t *testing.T) {
	missing, err := conf.MissingKeys("../configs/signer.yaml", DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range missing {
		t.Errorf("configs/signer.yaml lacks %s", k)
	}
}

func validConfig() Config {
	c := DefaultConfig()
	c.Domains = []string{"watch.example.com"}
	return c
}

var badConfigs = []struct {
	name string
	edit func(*Config)
	want string
}{
	{"no domains", func(c *Config) { c.Domains = nil }, "domains: want at least one"},
	{"domain with path", func(c *Config) { c.Domains = []string{"a.example/x"} }, "domains[0]"},
	{"domain without scheme", func(c *Config) { c.Domains = []string{"://a.example"} }, "domains[0]"},
	{"uri with path", func(c *Config) { c.URIs = []string{"https://a.example/x"} }, "uris[0]: want an origin"},
	{"relative uri", func(c *Config) { c.URIs = []string{"a.example"} }, "uris[0]"},
	{"no keys", func(c *Config) { c.Keys.Files = nil }, "keys.files"},
	{"no issuer", func(c *Config) { c.Issuer = "" }, "issuer"},
	{"no listen", func(c *Config) { c.Listen = "" }, "listen"},
	{"session ttl", func(c *Config) { c.SessionTTL = 0 }, "session_ttl"},
	{"playback ttl", func(c *Config) { c.PlaybackTTL = -1 }, "playback_ttl"},
	{"nonce ttl", func(c *Config) { c.NonceTTL = 0 }, "nonce_ttl"},
	{"leeway", func(c *Config) { c.Leeway = -1 }, "leeway"},
	{"max nonces", func(c *Config) { c.MaxNonces = 0 }, "max_nonces"},
	{"body", func(c *Config) { c.MaxBodyBytes = 10 }, "max_body_bytes"},
	{"rate", func(c *Config) { c.Rate.PerIPPerMin = -1 }, "rate.per_ip_per_min"},
	{"burst", func(c *Config) { c.Rate.Burst = 0 }, "rate.burst"},
	{"no regions", func(c *Config) { c.Origin.Regions = nil }, "origin.regions"},
	{"asset ttl", func(c *Config) { c.Origin.AssetTTL = 0 }, "origin.asset_ttl"},
	{"ownership", func(c *Config) { c.Ownership.CallTimeout = 0 }, "ownership.call_timeout"},
	{"shutdown", func(c *Config) { c.HTTP.ShutdownTimeout = 0 }, "http.shutdown_timeout"},
	{"header budget", func(c *Config) { c.HTTP.MaxHeaderBytes = 1 << 30 }, "http.max_header_bytes"},
	{"conns per ip", func(c *Config) { c.HTTP.MaxConnsPerIP = -1 }, "http.max_conns_per_ip"},
	{"concurrency", func(c *Config) { c.HTTP.Concurrency = 0 }, "http.concurrency"},
}

func TestValidateNamesTheKey(t *testing.T) {
	c := validConfig()
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults with a domain: %v", err)
	}
	k, _ := token.GenerateKey()
	c.Keys.Files, c.Keys.PEM, c.Rate.PerIPPerMin, c.Rate.Burst = nil, pemOf(t, k), 0, 0
	if err := c.Validate(); err != nil {
		t.Fatalf("keys from the environment, no rate limit: %v", err)
	}
	c.Keys.PEM = "not pem"
	if err := c.Validate(); err == nil || !strings.HasPrefix(err.Error(), EnvKeysPEM) {
		t.Fatalf("mangled %s: err = %v", EnvKeysPEM, err)
	}
	for _, tc := range badConfigs {
		c := validConfig()
		tc.edit(&c)
		if err := c.Validate(); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to start with %q", tc.name, err, tc.want)
		}
	}
}
