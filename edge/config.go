package edge

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/clientip"
	"github.com/streamgate/streamgate/internal/cors"
	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/origin"
)

// Config is the edge's configuration; configs/edge.yaml documents every key
// at its default.
type Config struct {
	// Listen is the delivery listener's address.
	Listen string `yaml:"listen"`
	// AdminListen, when set, serves /metrics, /healthz and /readyz on a
	// separate listener; they are always on Listen too.
	AdminListen string       `yaml:"admin_listen"`
	Origin      OriginConfig `yaml:"origin"`
	Token       TokenConfig  `yaml:"token"`
	Cache       CacheConfig  `yaml:"cache"`
	HTTP        HTTPConfig   `yaml:"http"`
	// Ownership lists the chains policies may name and the cache TTLs.
	Ownership ownership.Config `yaml:"ownership"`
	Redis     RedisConfig      `yaml:"redis"`
	Seats     SeatsConfig      `yaml:"seats"`
	Page      PageConfig       `yaml:"page"`
	SDK       SDKConfig        `yaml:"sdk"`
	Debug     DebugConfig      `yaml:"debug"`
	// The one-machine keys of configs/edge.yaml (signer, indexer) belong to
	// the composition that hosts a signer beside the edge: cmd/streamgate.
}

// DebugConfig holds operator diagnostics, all off by default.
type DebugConfig struct {
	// PProf serves Go's runtime profiles (the routes of net/http/pprof under
	// /debug/pprof/, e.g. /debug/pprof/profile?seconds=5 for a CPU profile)
	// on admin_listen only, never on listen: they expose internals, and a
	// profile costs CPU. Needs admin_listen.
	PProf bool `yaml:"pprof"`
}

// RedisConfig points at the Redis that edges and signers share (ownership
// answers, revocations, seats); without one (no address) each edge keeps
// its own answers and seats.
type RedisConfig = redisconf.Config

// SeatsConfig tunes the concurrent-session limit of conditions with
// max_streams: each playback session holds a seat on the pass while it plays.
type SeatsConfig struct {
	// Idle is how long a session keeps its seat after its last request:
	// about two segment durations, so a player between segments keeps it.
	Idle time.Duration `yaml:"idle"`
	// Renew is how often, at most, a playing session renews its seat in
	// Redis; requests in between are answered from memory.
	Renew time.Duration `yaml:"renew"`
	// Timeout bounds one Redis seat call; past it this edge decides alone.
	Timeout time.Duration `yaml:"timeout"`
}

func (c *SeatsConfig) validate() error {
	switch {
	case c.Renew <= 0 || c.Timeout <= 0:
		return errors.New("seats.renew, seats.timeout: want > 0")
	case c.Idle <= c.Renew:
		return fmt.Errorf("seats.idle: want > seats.renew (%s), got %s", c.Renew, c.Idle)
	}
	return nil
}

// OriginConfig lists the regions to read from, own region first: the
// shared origin block plus the edge's own key.
type OriginConfig struct {
	origin.Config `yaml:",inline"`
	// StreamTimeout bounds a whole origin read (a cache fill or a streamed
	// large object).
	StreamTimeout time.Duration `yaml:"stream_timeout"`
}

// RegionConfig is one origin: a local folder or an S3 bucket.
type RegionConfig = origin.RegionConfig

// TokenConfig says how playback tokens are checked.
type TokenConfig struct {
	// JWKS is where the signer's public keys are: a jwks.json path, or the
	// signer's http(s)://…/.well-known/jwks.json. Ignored when the edge
	// hosts the signer.
	JWKS string `yaml:"jwks" conf:"path,read"`
	// JWKSRefresh is how often JWKS is re-read; a failed read keeps the
	// previous keys.
	JWKSRefresh time.Duration `yaml:"jwks_refresh"`
	// Leeway tolerates clock skew on exp, nbf and iat.
	Leeway time.Duration `yaml:"leeway"`
	// CacheEntries bounds how many verified tokens are remembered.
	CacheEntries int `yaml:"cache_entries"`
}

// CacheConfig sizes the in-memory caches.
type CacheConfig struct {
	// MaxBytes is the object cache's budget (bytes of bodies held).
	MaxBytes int64 `yaml:"max_bytes"`
	// MaxObjectBytes: larger objects stream through without being cached.
	MaxObjectBytes int64 `yaml:"max_object_bytes"`
	// SendfileMinBytes: cached objects at least this big are kept in memfds
	// and sent with sendfile (Linux); 0 keeps every body in Go memory.
	SendfileMinBytes int64 `yaml:"sendfile_min_bytes"`
	// AssetTTL is how long a parsed asset.json is trusted.
	AssetTTL time.Duration `yaml:"asset_ttl"`
	// AssetStaleIfError is how long past asset_ttl the last good asset.json
	// stays in use while the origin fails (errors, timeouts; a 404 takes
	// effect at once); 0 never.
	AssetStaleIfError time.Duration `yaml:"asset_stale_if_error"`
	// NotFoundTTL is how long an origin 404 is remembered.
	NotFoundTTL time.Duration `yaml:"not_found_ttl"`
}

// HTTPConfig tunes the listener and the response headers.
type HTTPConfig struct {
	// PlaylistCacheControl is sent with .m3u8 and .mpd.
	PlaylistCacheControl string `yaml:"playlist_cache_control"`
	// SegmentCacheControl is sent with media and init segments and the rest.
	SegmentCacheControl string `yaml:"segment_cache_control"`
	// ReadTimeout and WriteTimeout bound one request; IdleTimeout a kept-alive
	// connection between requests.
	ReadTimeout  time.Duration `yaml:"read_timeout"`
	WriteTimeout time.Duration `yaml:"write_timeout"`
	IdleTimeout  time.Duration `yaml:"idle_timeout"`
	// MaxHeaderBytes bounds a request's line and headers together, in
	// bytes; over it a request gets 431 header_too_large. Each open
	// connection holds a read buffer of this size.
	MaxHeaderBytes int `yaml:"max_header_bytes"`
	// MaxConnsPerIP limits one client address's open connections (0: no
	// limit); over it a connection gets 429 too_many_requests. It acts at
	// accept, before any header is read: it counts per TCP peer, a proxy
	// included, whatever trusted_proxies says.
	MaxConnsPerIP int `yaml:"max_conns_per_ip"`
	// Concurrency caps connections served at once; beyond it a connection
	// gets 503 overloaded.
	Concurrency int `yaml:"concurrency"`
	// NotSentLowat sets TCP_NOTSENT_LOWAT on accepted connections (0: the
	// kernel's default). It bounds the bytes queued but not yet sent, not
	// the window, so long fat links keep their throughput.
	NotSentLowat int `yaml:"not_sent_lowat"`
	// ShutdownTimeout is how long in-flight requests get on SIGTERM.
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
	// CORSOrigins are the page origins ("scheme://host[:port]") that may
	// read delivery responses, or ["*"] (default): any origin, never with
	// credentials. Tokens travel in the path and no cookie is read, so a
	// page gains nothing from CORS that it could not fetch without it.
	CORSOrigins []string `yaml:"cors_origins"`
	// Proxies (trusted_proxies, client_header) say which peers' forwarding
	// header names the client, for the logs and for the /auth/* rate limit
	// of a signer this edge hosts.
	Proxies clientip.Config `yaml:",inline"`
}

// DefaultConfig returns the defaults that configs/edge.yaml shows.
func DefaultConfig() Config {
	return Config{
		Listen: "127.0.0.1:8080",
		Origin: OriginConfig{
			Config: origin.Config{
				Regions: []RegionConfig{{Name: "local", Dir: ".streamgate/origin"}},
				Timeout: 2 * time.Second,
				Retries: 2,
				Backoff: 50 * time.Millisecond,
				Eject:   origin.DefaultEject,
			},
			StreamTimeout: 5 * time.Minute,
		},
		Token: TokenConfig{
			JWKS:         ".streamgate/keys/jwks.json",
			JWKSRefresh:  time.Minute,
			Leeway:       30 * time.Second,
			CacheEntries: 100_000,
		},
		Ownership: ownership.DefaultConfig(),
		Redis:     redisconf.Default(""),
		Page:      PageConfig{VendorDir: "node_modules"},
		SDK:       SDKConfig{Enabled: true},
		Cache: CacheConfig{
			MaxBytes:         512 << 20,
			MaxObjectBytes:   16 << 20,
			SendfileMinBytes: 64 << 10,
			AssetTTL:         10 * time.Second,
			// Outlasts a MinIO restart or a regional failover (minutes) while
			// bounding how long a policy changed meanwhile goes unseen.
			AssetStaleIfError: 10 * time.Minute,
			NotFoundTTL:       2 * time.Second,
		},
		HTTP: HTTPConfig{
			PlaylistCacheControl: "private, no-store",
			SegmentCacheControl:  "private, max-age=86400",
			ReadTimeout:          10 * time.Second,
			WriteTimeout:         60 * time.Second,
			IdleTimeout:          120 * time.Second,
			MaxHeaderBytes:       httperr.DefaultMaxHeaderBytes,
			Concurrency:          256 * 1024,
			Proxies:              clientip.Config{ClientHeader: clientip.XForwardedFor},
			NotSentLowat:         16 << 10,
			ShutdownTimeout:      15 * time.Second,
			CORSOrigins:          []string{cors.Any},
		},
		Seats: defaultSeats,
	}
}

// defaultSeats: two 4–5 s segments idle, one Redis write per second per
// playing session.
var defaultSeats = SeatsConfig{Idle: 10 * time.Second, Renew: time.Second, Timeout: 250 * time.Millisecond}

// Validate reports the first invalid field by its YAML path.
func (c *Config) Validate() error {
	proxies := func() error { return c.HTTP.Proxies.Validate("http.") }
	corsOrigins := func() error {
		_, err := c.HTTP.corsPolicy()
		return err
	}
	for _, v := range []func() error{c.Origin.validate, c.Redis.Validate, c.Ownership.Validate, c.Seats.validate, proxies, corsOrigins} {
		if err := v(); err != nil {
			return err
		}
	}
	switch {
	case c.Listen == "":
		return errors.New("listen: want host:port")
	case c.Debug.PProf && c.AdminListen == "":
		return errors.New("debug.pprof: profiles are served on admin_listen only: set admin_listen")
	case c.Page.Enabled && !c.SDK.Enabled:
		return errors.New("sdk.enabled: the watch page (page.enabled) imports the player SDK from " + SDKPath + ": want true")
	case c.Token.JWKS == "":
		return errors.New("token.jwks: want the path of the signer's jwks.json")
	case c.Token.JWKSRefresh <= 0:
		return fmt.Errorf("token.jwks_refresh: want > 0, got %s", c.Token.JWKSRefresh)
	case c.Token.Leeway < 0 || c.Token.Leeway > 5*time.Minute:
		return fmt.Errorf("token.leeway: want 0..5m, got %s", c.Token.Leeway)
	case c.Token.CacheEntries <= 0:
		return fmt.Errorf("token.cache_entries: want > 0, got %d", c.Token.CacheEntries)
	case c.Cache.MaxBytes <= 0:
		return fmt.Errorf("cache.max_bytes: want > 0, got %d", c.Cache.MaxBytes)
	case c.Cache.MaxObjectBytes <= 0 || c.Cache.MaxObjectBytes > c.Cache.MaxBytes:
		return fmt.Errorf("cache.max_object_bytes: want 1..cache.max_bytes, got %d", c.Cache.MaxObjectBytes)
	case c.Cache.SendfileMinBytes < 0:
		return fmt.Errorf("cache.sendfile_min_bytes: want >= 0, got %d", c.Cache.SendfileMinBytes)
	case c.Cache.AssetTTL <= 0:
		return fmt.Errorf("cache.asset_ttl: want > 0, got %s", c.Cache.AssetTTL)
	case c.Cache.AssetStaleIfError < 0:
		return fmt.Errorf("cache.asset_stale_if_error: want >= 0 (0 = never), got %s", c.Cache.AssetStaleIfError)
	case c.Cache.NotFoundTTL < 0:
		return fmt.Errorf("cache.not_found_ttl: want >= 0, got %s", c.Cache.NotFoundTTL)
	case c.HTTP.ReadTimeout <= 0 || c.HTTP.WriteTimeout <= 0 || c.HTTP.IdleTimeout <= 0:
		return errors.New("http.read_timeout, write_timeout, idle_timeout: want > 0")
	case c.HTTP.MaxHeaderBytes < httperr.MinMaxHeaderBytes || c.HTTP.MaxHeaderBytes > httperr.MaxMaxHeaderBytes:
		return fmt.Errorf("http.max_header_bytes: want %d..%d, got %d", httperr.MinMaxHeaderBytes, httperr.MaxMaxHeaderBytes, c.HTTP.MaxHeaderBytes)
	case c.HTTP.MaxConnsPerIP < 0:
		return fmt.Errorf("http.max_conns_per_ip: want >= 0 (0 = no limit), got %d", c.HTTP.MaxConnsPerIP)
	case c.HTTP.Concurrency <= 0:
		return fmt.Errorf("http.concurrency: want > 0, got %d", c.HTTP.Concurrency)
	case c.HTTP.NotSentLowat < 0:
		return fmt.Errorf("http.not_sent_lowat: want >= 0, got %d", c.HTTP.NotSentLowat)
	case c.HTTP.ShutdownTimeout <= 0:
		return fmt.Errorf("http.shutdown_timeout: want > 0, got %s", c.HTTP.ShutdownTimeout)
	}
	return nil
}

func (o *OriginConfig) validate() error {
	if err := o.Config.Validate(); err != nil {
		return err
	}
	if o.StreamTimeout < o.Timeout {
		return fmt.Errorf("origin.stream_timeout: want >= origin.timeout, got %s", o.StreamTimeout)
	}
	return nil
}

// NewAssets builds the asset.json cache over store: entries live
// cache.asset_ttl, the last good one up to cache.asset_stale_if_error more
// while the origin fails (logged to log), and one load (all regions and
// retries) is bounded by origin.stream_timeout.
func (c *Config) NewAssets(store origin.Store, log *slog.Logger) *asset.Cache {
	return asset.NewCache(origin.Objects(store), asset.CacheConfig{
		TTL: c.Cache.AssetTTL, Timeout: c.Origin.StreamTimeout, StaleIfError: c.Cache.AssetStaleIfError, Log: log,
	})
}

// corsMaxAge is how long a browser may reuse a preflight answer: Chromium's
// cap (2 h); Firefox's is 24 h.
const corsMaxAge = 2 * time.Hour

// exposeHeaders are the response headers a player reads on both delivery
// routes, gated and token-free.
var exposeHeaders = []string{"Content-Range", "Content-Length", "Accept-Ranges", "ETag"}

// corsPolicy is the delivery routes' CORS: GET and HEAD, the Range request
// header, and the headers a player reads (Content-Range, Content-Length,
// Accept-Ranges, ETag).
func (c *HTTPConfig) corsPolicy() (*cors.Policy, error) {
	if len(c.CORSOrigins) == 0 {
		return nil, errors.New(`http.cors_origins: want ["*"] or at least one origin scheme://host[:port]`)
	}
	p, err := cors.New(cors.Config{
		Origins: c.CORSOrigins,
		Methods: []string{fasthttp.MethodGet, fasthttp.MethodHead},
		Headers: []string{"Range"},
		Expose:  exposeHeaders,
		MaxAge:  corsMaxAge,
	})
	if err != nil {
		return nil, fmt.Errorf("http.cors_origins%w", err)
	}
	return p, nil
}
