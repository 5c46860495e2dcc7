package signer

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/clientip"
	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/origin"
)

// EnvKeysPEM names the environment variable that may hold the signing keys:
// PEM "PRIVATE KEY" blocks (PKCS #8, Ed25519) concatenated, the first
// signing. When set it replaces keys.files, as any variable replaces its key.
const EnvKeysPEM = "SIGNER_KEYS_PEM"

// EnvAllowList is every SIGNER_ variable read outside the config loader;
// any other SIGNER_ variable that names no key is a startup error.
var EnvAllowList = []string{EnvKeysPEM}

// Config is the signer's configuration; configs/signer.yaml documents every
// key at its default.
type Config struct {
	// Listen is the HTTP listener's address (unused when an edge hosts the
	// signer in-process).
	Listen string `yaml:"listen"`
	// Issuer is the iss claim of every token; edges accept any issuer whose
	// key is in the JWKS.
	Issuer string `yaml:"issuer"`
	// Domains are the EIP-4361 domains a message may name: "host[:port]"
	// (any scheme) or "scheme://host[:port]" (that scheme only), e.g.
	// "watch.example.com" or "127.0.0.1:8080". Required: there is no default.
	Domains []string `yaml:"domains"`
	// URIs, when not empty, restricts the message's URI to these origins
	// ("scheme://host[:port]", e.g. "https://watch.example.com").
	URIs []string   `yaml:"uris"`
	Keys KeysConfig `yaml:"keys"`
	// SessionTTL is a session token's lifetime (docs/protocol.md: 24 h).
	SessionTTL time.Duration `yaml:"session_ttl"`
	// PlaybackTTL is a playback token's lifetime (docs/protocol.md: 4 h).
	PlaybackTTL time.Duration `yaml:"playback_ttl"`
	// PlaybackRenewGrace is how long past its exp (beyond leeway) a playback
	// token may still be traded for its successor (POST /playback/{asset}
	// with {"renew": token}): a player paused or offline over its expiry
	// resumes in the same session.
	PlaybackRenewGrace time.Duration `yaml:"playback_renew_grace"`
	// NonceTTL is how long an unused nonce stays valid.
	NonceTTL time.Duration `yaml:"nonce_ttl"`
	// MaxNonces bounds the nonces pending at once in the in-process store
	// (ignored with Redis); beyond it GET /auth/nonce answers 429.
	MaxNonces int `yaml:"max_nonces"`
	// Leeway tolerates clock skew on a message's times and a session
	// token's exp, nbf and iat.
	Leeway time.Duration `yaml:"leeway"`
	// MaxBodyBytes bounds a request body, in bytes; a larger one is
	// answered 413 body_too_large. An edge hosting the signer applies it to
	// its listener: one limit in both modes.
	MaxBodyBytes int          `yaml:"max_body_bytes"`
	Redis        RedisConfig  `yaml:"redis"`
	Rate         RateConfig   `yaml:"rate"`
	Origin       OriginConfig `yaml:"origin"`
	// Ownership lists the chains sign-in messages and policies may name, and
	// the ownership cache's TTLs.
	Ownership ownership.Config `yaml:"ownership"`
	HTTP      HTTPConfig       `yaml:"http"`
	CORS      CORSConfig       `yaml:"cors"`
}

// KeysConfig says where the Ed25519 signing keys are. Secrets come from files
// or the environment (EnvKeysPEM), never from the YAML itself.
type KeysConfig struct {
	// Files are PEM PKCS #8 key files (`streamgate keys gen` writes the
	// first, `keys add` the next). All are published in the JWKS; the one
	// with the latest Sign-From header that has passed signs (the first
	// listed among equals, so with no headers the first signs).
	Files []string `yaml:"files" conf:"path,read"`
	// PEM is EnvKeysPEM's value, set by LoadConfig; it is never read from YAML.
	PEM string `yaml:"-"`
}

// RedisConfig points at the Redis that signers and edges share. Without one
// (no address) nonces stay in process, which is right for one signer only:
// with several, a nonce issued by one must be redeemable at any.
type RedisConfig = redisconf.Config

// RateConfig limits /auth/* per client IP (IPv6 per /64); behind proxies
// the client is found with http.trusted_proxies.
type RateConfig struct {
	// PerIPPerMin is the sustained rate; 0 disables the limit.
	PerIPPerMin int `yaml:"per_ip_per_min"`
	// Burst is how many requests may come at once before the rate applies.
	Burst int `yaml:"burst"`
}

// OriginConfig lists the regions asset.json is read from, own region first:
// the shared origin block plus the signer's own key. Unused when Deps.Assets
// is set.
type OriginConfig struct {
	origin.Config `yaml:",inline"`
	// AssetTTL is how long a parsed asset.json (existence and policy) is trusted.
	AssetTTL time.Duration `yaml:"asset_ttl"`
	// AssetStaleIfError is how long past asset_ttl the last good asset.json
	// stays in use while the origin fails (errors, timeouts; a 404 takes
	// effect at once); 0 never.
	AssetStaleIfError time.Duration `yaml:"asset_stale_if_error"`
}

// RegionConfig is one origin: a local folder or an S3 bucket.
type RegionConfig = origin.RegionConfig

// HTTPConfig tunes the listener.
type HTTPConfig struct {
	// ReadTimeout and WriteTimeout bound one request; IdleTimeout a
	// kept-alive connection between requests.
	ReadTimeout  time.Duration `yaml:"read_timeout"`
	WriteTimeout time.Duration `yaml:"write_timeout"`
	IdleTimeout  time.Duration `yaml:"idle_timeout"`
	// ShutdownTimeout is how long in-flight requests get on SIGTERM.
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
	// MaxHeaderBytes bounds a request's line and headers together, in
	// bytes; over it a request gets 431 header_too_large. Unused when an
	// edge hosts the signer (the edge's http block applies).
	MaxHeaderBytes int `yaml:"max_header_bytes"`
	// MaxConnsPerIP limits one client address's open connections (0: no
	// limit); over it a connection gets 429 too_many_requests. It acts at
	// accept, before any header is read: it counts per TCP peer, a proxy
	// included, whatever trusted_proxies says.
	MaxConnsPerIP int `yaml:"max_conns_per_ip"`
	// Concurrency caps connections served at once; beyond it a connection
	// gets 503 overloaded.
	Concurrency int `yaml:"concurrency"`
	// Proxies (trusted_proxies, client_header) say which peers' forwarding
	// header names the client, for the /auth/* rate limit and the logs.
	// Unused when an edge hosts the signer (the edge's http block applies).
	Proxies clientip.Config `yaml:",inline"`
}

// DefaultConfig returns the defaults that configs/signer.yaml shows. It has
// no domains: Validate fails until some are set.
func DefaultConfig() Config {
	return Config{
		Listen:      "127.0.0.1:8081",
		Issuer:      "streamgate",
		Keys:        KeysConfig{Files: []string{".streamgate/keys/signing.pem"}},
		SessionTTL:  24 * time.Hour,
		PlaybackTTL: 4 * time.Hour,
		// Longer than a paused tab or a network change; short enough that a
		// leaked old token is soon useless even for a renewal.
		PlaybackRenewGrace: 10 * time.Minute,
		NonceTTL:           5 * time.Minute,
		MaxNonces:          100_000,
		Leeway:             30 * time.Second,
		MaxBodyBytes:       httperr.DefaultMaxBodyBytes,
		Redis:              redisconf.Default(""),
		Rate:               RateConfig{PerIPPerMin: 60, Burst: 20},
		Origin: OriginConfig{
			Config: origin.Config{
				Regions: []RegionConfig{{Name: "local", Dir: ".streamgate/origin"}},
				Timeout: 2 * time.Second,
				Retries: 2,
				Backoff: 50 * time.Millisecond,
				Eject:   origin.DefaultEject,
			},
			AssetTTL: 10 * time.Second,
			// As the edge's cache.asset_stale_if_error: outlasts an origin
			// restart or failover, bounds how long a policy change goes unseen.
			AssetStaleIfError: 10 * time.Minute,
		},
		Ownership: ownership.DefaultConfig(),
		HTTP: HTTPConfig{
			ReadTimeout:     10 * time.Second,
			WriteTimeout:    10 * time.Second,
			IdleTimeout:     2 * time.Minute,
			ShutdownTimeout: 15 * time.Second,
			MaxHeaderBytes:  httperr.DefaultMaxHeaderBytes,
			Concurrency:     256 << 10,
			Proxies:         clientip.Config{ClientHeader: clientip.XForwardedFor},
		},
	}
}

// LoadConfig returns the defaults overlaid with the YAML file at path ("" for
// none), the SIGNER_* environment and EnvKeysPEM, validated. The in-process
// edge loads its signer's config with it too.
func LoadConfig(path string) (Config, error) {
	cfg := DefaultConfig()
	cfg.Keys.PEM = os.Getenv(EnvKeysPEM)
	// SIGNER_KEYS_PEM is read above, not by the loader: the one variable
	// outside the key set (EnvAllowList).
	if err := conf.Load(path, "SIGNER", &cfg, conf.AllowEnv(EnvAllowList...)); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// Validate reports the first invalid field by its YAML path.
func (c *Config) Validate() error {
	for _, check := range []func() error{c.validateIdentity, c.validateTimes, c.validateLimits, c.Origin.validate, c.Redis.Validate, c.Ownership.Validate} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (c *Config) validateIdentity() error {
	switch {
	case c.Listen == "":
		return errors.New("listen: want host:port")
	case c.Issuer == "":
		return errors.New("issuer: want a name, e.g. streamgate")
	case len(c.Domains) == 0:
		return errors.New("domains: want at least one SIWE domain, e.g. watch.example.com or 127.0.0.1:8080")
	case len(c.Keys.Files) == 0 && c.Keys.PEM == "":
		return fmt.Errorf("keys.files: want at least one key file, or the keys in %s", EnvKeysPEM)
	}
	if c.Keys.PEM != "" {
		if _, err := parseKeysPEM([]byte(c.Keys.PEM)); err != nil {
			return fmt.Errorf("%s: %w", EnvKeysPEM, err)
		}
	}
	for i, d := range c.Domains {
		if _, _, err := splitDomain(d); err != nil {
			return fmt.Errorf("domains[%d]: %w", i, err)
		}
	}
	if err := c.validateCORS(); err != nil {
		return err
	}
	for i, u := range c.URIs {
		o, err := uriOrigin(u)
		if err == nil && !strings.EqualFold(strings.TrimSuffix(u, "/"), o) {
			err = fmt.Errorf("want an origin, scheme://host[:port] without a path, got %q", u)
		}
		if err != nil {
			return fmt.Errorf("uris[%d]: %w", i, err)
		}
	}
	return nil
}

func (c *Config) validateTimes() error {
	switch {
	case c.SessionTTL <= 0:
		return fmt.Errorf("session_ttl: want > 0, got %s", c.SessionTTL)
	case c.PlaybackTTL <= 0:
		return fmt.Errorf("playback_ttl: want > 0, got %s", c.PlaybackTTL)
	case c.PlaybackRenewGrace < 0 || c.PlaybackRenewGrace > 24*time.Hour:
		return fmt.Errorf("playback_renew_grace: want 0..24h, got %s", c.PlaybackRenewGrace)
	case c.NonceTTL < time.Second || c.NonceTTL > time.Hour:
		return fmt.Errorf("nonce_ttl: want 1s..1h, got %s", c.NonceTTL)
	case c.Leeway < 0 || c.Leeway > 5*time.Minute:
		return fmt.Errorf("leeway: want 0..5m, got %s", c.Leeway)
	case c.HTTP.ReadTimeout <= 0 || c.HTTP.WriteTimeout <= 0 || c.HTTP.IdleTimeout <= 0:
		return errors.New("http.read_timeout, write_timeout, idle_timeout: want > 0")
	case c.HTTP.ShutdownTimeout <= 0:
		return fmt.Errorf("http.shutdown_timeout: want > 0, got %s", c.HTTP.ShutdownTimeout)
	}
	return nil
}

func (c *Config) validateLimits() error {
	if err := c.HTTP.Proxies.Validate("http."); err != nil {
		return err
	}
	switch {
	case c.MaxNonces <= 0:
		return fmt.Errorf("max_nonces: want > 0, got %d", c.MaxNonces)
	case c.MaxBodyBytes < 1<<10 || c.MaxBodyBytes > 1<<20:
		return fmt.Errorf("max_body_bytes: want 1024..1048576, got %d", c.MaxBodyBytes)
	case c.HTTP.MaxHeaderBytes < httperr.MinMaxHeaderBytes || c.HTTP.MaxHeaderBytes > httperr.MaxMaxHeaderBytes:
		return fmt.Errorf("http.max_header_bytes: want %d..%d, got %d", httperr.MinMaxHeaderBytes, httperr.MaxMaxHeaderBytes, c.HTTP.MaxHeaderBytes)
	case c.HTTP.MaxConnsPerIP < 0:
		return fmt.Errorf("http.max_conns_per_ip: want >= 0 (0 = no limit), got %d", c.HTTP.MaxConnsPerIP)
	case c.HTTP.Concurrency <= 0:
		return fmt.Errorf("http.concurrency: want > 0, got %d", c.HTTP.Concurrency)
	case c.Rate.PerIPPerMin < 0:
		return fmt.Errorf("rate.per_ip_per_min: want >= 0 (0 = no limit), got %d", c.Rate.PerIPPerMin)
	case c.Rate.PerIPPerMin > 0 && c.Rate.Burst <= 0:
		return fmt.Errorf("rate.burst: want > 0, got %d", c.Rate.Burst)
	}
	return nil
}

func (o *OriginConfig) validate() error {
	if err := o.Config.Validate(); err != nil {
		return err
	}
	if o.AssetTTL <= 0 {
		return fmt.Errorf("origin.asset_ttl: want > 0, got %s", o.AssetTTL)
	}
	if o.AssetStaleIfError < 0 {
		return fmt.Errorf("origin.asset_stale_if_error: want >= 0 (0 = never), got %s", o.AssetStaleIfError)
	}
	return nil
}

// splitDomain splits a domains entry into its optional scheme and the
// authority a message's domain must equal.
func splitDomain(d string) (scheme, authority string, err error) {
	scheme, authority, ok := strings.Cut(d, "://")
	if !ok {
		scheme, authority = "", d
	}
	if authority == "" || strings.ContainsAny(authority, "/?# \t") || ok && scheme == "" {
		return "", "", fmt.Errorf("want host[:port] or scheme://host[:port], got %q", d)
	}
	return scheme, authority, nil
}

// uriOrigin returns "scheme://host[:port]" of an absolute URI, lowercased.
func uriOrigin(u string) (string, error) {
	p, err := url.Parse(u)
	if err != nil || p.Scheme == "" || p.Host == "" {
		return "", fmt.Errorf("want an absolute URI such as https://watch.example.com, got %q", u)
	}
	return strings.ToLower(p.Scheme + "://" + p.Host), nil
}
