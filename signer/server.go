// Package signer is the service a wallet signs in to and a player gets
// playback tokens from: Sign-In with Ethereum (EOAs, EIP-1271 and ERC-6492
// contract wallets), single-use nonces, asset policies checked against
// on-chain ownership, and the JWKS that edges verify tokens with.
package signer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/redis/go-redis/v9"
	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttpadaptor"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/contracts/chainrpc"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/clientip"
	"github.com/streamgate/streamgate/internal/cors"
	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/origin"
	"github.com/streamgate/streamgate/signer/token"
)

// Server is one signer. Its handler is safe for concurrent use.
type Server struct {
	cfg      Config
	log      *slog.Logger
	ctx      context.Context // canceled by Close; outgoing calls derive from it
	cancel   context.CancelFunc
	now      func() time.Time
	metrics  *metrics
	issuer   *token.Issuer
	verifier *token.Verifier
	// renewVerifier checks tokens offered for renewal: its leeway adds
	// playback_renew_grace.
	renewVerifier *token.Verifier
	jwksJSON      []byte
	domains       []domain
	uris          map[string]bool
	nonces        nonceStore
	limiter       *limiter
	clients       *clientip.Resolver // who a request is from, behind trusted proxies
	apiCORS       *cors.Policy       // /auth/*, /playback/*
	jwksCORS      *cors.Policy
	gate          *ownership.Checker
	chains        chainrpc.Chains // the chains sign-in messages may name
	assets        *asset.Cache
	http          *fasthttp.Server

	metricsHTTP fasthttp.RequestHandler
	closers     []func() error // run by Close, last first
	closeOnce   sync.Once
	closeErr    error
}

// domain is one parsed domains entry.
type domain struct{ scheme, authority string }

// Deps are parts a caller shares with the signer; zero values are built from
// the config. The one-machine composition (cmd/streamgate) passes the
// ownership checker, asset cache and Redis client it also gives the edge,
// so that both use one of each. The caller keeps ownership of what it
// passes: Close does not close it.
type Deps struct {
	// Ownership answers policies and contract-wallet checks instead of a
	// checker built from cfg.Ownership; its chains are the ones sign-in
	// messages may name.
	Ownership *ownership.Checker
	// Assets reads asset.json instead of a cache over cfg.Origin's regions
	// (the origin block and origin.asset_ttl are then unused).
	Assets *asset.Cache
	// Redis holds the nonces (and, for a checker built here, the shared
	// ownership answers) instead of a client dialed to cfg.Redis.Addr.
	Redis redis.UniversalClient
}

// New validates cfg, loads the signing keys, dials Redis when configured and
// builds what deps does not provide. Call Close when done (Serve does).
func New(cfg Config, log *slog.Logger, deps Deps) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: log, now: time.Now, metrics: newMetrics(), limiter: newLimiter(cfg.Rate)}
	s.clients, _ = clientip.New(cfg.HTTP.Proxies) // Validate checked it
	s.ctx, s.cancel = context.WithCancel(context.Background())
	for _, step := range []func(Deps) error{s.initKeys, s.initBindings, s.initCORS, s.initRedis, s.initOwnership, s.initOrigin} {
		if err := step(deps); err != nil {
			s.Close()
			return nil, err
		}
	}
	s.http = s.newHTTP()
	s.metricsHTTP = fasthttpadaptor.NewFastHTTPHandler(promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}))
	return s, nil
}

func (s *Server) initKeys(Deps) error {
	keys, err := loadKeys(s.cfg.Keys)
	if err != nil {
		return err
	}
	if s.issuer, err = token.NewIssuerKeys(s.cfg.Issuer, keys); err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	jwks := s.issuer.JWKS()
	if s.verifier, err = token.NewVerifier(jwks); err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	s.verifier.Leeway = s.cfg.Leeway
	if s.renewVerifier, err = token.NewVerifier(jwks); err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	s.renewVerifier.Leeway = s.cfg.Leeway + s.cfg.PlaybackRenewGrace
	s.jwksJSON, err = json.Marshal(jwks)
	return err
}

// initBindings parses the domains and URIs messages are checked against.
func (s *Server) initBindings(Deps) error {
	for _, d := range s.cfg.Domains {
		scheme, authority, _ := splitDomain(d) // Validate checked them
		s.domains = append(s.domains, domain{scheme, authority})
	}
	s.uris = make(map[string]bool, len(s.cfg.URIs))
	for _, u := range s.cfg.URIs {
		o, _ := uriOrigin(u)
		s.uris[o] = true
	}
	return nil
}

// initRedis picks the nonce store: Redis (shared, dialed now so that a
// refusal fails at start, naming the redis key at fault) or in-process. A
// client in deps is checked and reported by whoever dialed it.
func (s *Server) initRedis(deps Deps) error {
	rdb := deps.Redis
	if rdb == nil {
		c, err := redisconf.Dial(s.ctx, s.cfg.Redis, s.metrics.registry, s.log)
		if err != nil {
			return err
		}
		if c != nil {
			s.closers = append(s.closers, c.Close)
			rdb = c
		}
	}
	if rdb == nil {
		s.nonces = newMemNonces(s.cfg.NonceTTL, s.cfg.MaxNonces)
		return nil
	}
	s.nonces = &redisNonces{rdb: rdb, prefix: s.cfg.Redis.Prefix, ttl: s.cfg.NonceTTL}
	return nil
}

func (s *Server) initOwnership(deps Deps) error {
	c := deps.Ownership
	if c == nil {
		var rdb redis.UniversalClient // a nil *redis.Client would not be a nil interface
		if r, ok := s.nonces.(*redisNonces); ok {
			rdb = r.rdb
		}
		var err error
		if c, err = ownership.New(s.cfg.Ownership, rdb, s.cfg.Redis.Prefix, ownership.NewMetrics(s.metrics.registry), s.log); err != nil {
			return err
		}
		s.closers = append(s.closers, func() error { c.Close(); return nil })
		if rdb != nil {
			s.subscribe(ownership.NewSubscriber(rdb, s.cfg.Redis.Prefix, c, s.log))
		}
	}
	s.gate, s.chains = c, c.Chains()
	return nil
}

func (s *Server) initOrigin(deps Deps) error {
	if s.assets = deps.Assets; s.assets != nil {
		return nil
	}
	store, err := s.newOrigin()
	if err != nil {
		return err
	}
	s.assets = asset.NewCache(origin.Objects(store), asset.CacheConfig{
		TTL: s.cfg.Origin.AssetTTL, Timeout: maxAssetLoad, StaleIfError: s.cfg.Origin.AssetStaleIfError, Log: s.log,
	})
	return s.assets.Register(s.metrics.registry)
}

// maxAssetLoad bounds one load of asset.json, all regions and retries
// included (each attempt is bounded by origin.timeout).
const maxAssetLoad = 10 * time.Second

// newOrigin opens the configured regions; Close releases them.
func (s *Server) newOrigin() (*origin.Regions, error) {
	rs, err := s.cfg.Origin.Open()
	if err != nil {
		return nil, err
	}
	s.closers = append(s.closers, rs.Close)
	return rs, rs.Register(s.metrics.registry, "streamgate_signer_origin")
}

// newHTTP builds the standalone listener's server; its refusals, fasthttp's
// own included, are JSON, and its timeouts are armed by the connections
// (limits, enforced with the listener Serve wraps).
func (s *Server) newHTTP() *fasthttp.Server {
	srv := &fasthttp.Server{
		Handler:                      s.handle,
		Name:                         "streamgate",
		DisablePreParseMultipartForm: true,
		Logger:                       httperr.Logger{Log: s.log},
	}
	s.limits().Apply(srv)
	return srv
}

// limits are the standalone listener's; an edge hosting the signer applies
// its own http block with MaxBodyBytes.
func (s *Server) limits() httperr.Limits {
	c := s.cfg.HTTP
	return httperr.Limits{
		MaxHeaderBytes: c.MaxHeaderBytes, MaxBodyBytes: s.cfg.MaxBodyBytes, MaxConnsPerIP: c.MaxConnsPerIP, Concurrency: c.Concurrency,
		ReadTimeout: c.ReadTimeout, WriteTimeout: c.WriteTimeout, IdleTimeout: c.IdleTimeout,
	}
}

// MaxBodyBytes is max_body_bytes, the request body limit an edge hosting
// the signer must apply to its listener.
func (s *Server) MaxBodyBytes() int { return s.cfg.MaxBodyBytes }

// Run serves on cfg.Listen until ctx is canceled, then lets in-flight
// requests finish within http.shutdown_timeout and closes the server.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		s.Close()
		return fmt.Errorf("listen: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve is Run on a listener the caller opened (tests use port 0).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(s.limits().Listener(ln)) }()
	s.log.Info("signer listening", "addr", ln.Addr().String())
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.HTTP.ShutdownTimeout)
	defer cancel()
	err = errors.Join(err, s.http.ShutdownWithContext(sctx))
	return errors.Join(err, s.Close())
}

// Close releases what New built (Redis client, ownership checker, origin
// folders) and cancels outgoing calls. Serve calls it; an edge hosting the
// signer in-process calls it after its own shutdown. It is safe to call twice.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.cancel()
		for i := len(s.closers) - 1; i >= 0; i-- {
			s.closeErr = errors.Join(s.closeErr, s.closers[i]())
		}
	})
	return s.closeErr
}

// Handler returns the signer's routes, for an edge that hosts it in-process:
// /auth/nonce, /auth/verify, /playback/{asset}, JWKSPath, /healthz, /metrics.
func (s *Server) Handler() fasthttp.RequestHandler { return s.handle }

// Issuer returns the token issuer; an in-process edge verifies with its
// JWKS, so it needs no key file.
func (s *Server) Issuer() *token.Issuer { return s.issuer }

// JWKS returns the public keys that verify the signer's tokens.
func (s *Server) JWKS() token.JWKS { return s.issuer.JWKS() }

// Metrics returns the signer's registry (its series and, when it built its
// own checker, the ownership ones), for an edge to merge or serve.
func (s *Server) Metrics() *prometheus.Registry { return s.metrics.registry }

// handle answers CORS preflights before the routes (and their rate limit:
// a preflight costs nothing), and adds CORS headers to every answer of a
// route that has them, errors included.
func (s *Server) handle(rc *fasthttp.RequestCtx) {
	p := s.corsOf(rc.Path())
	if p != nil && cors.IsPreflight(rc) {
		s.preflight(rc, p)
		return
	}
	if err := s.serve(rc); err != nil {
		s.fail(rc, err)
	}
	if p != nil {
		p.Headers(rc)
	}
}

// serve routes a request; /auth/* is rate-limited per client IP first (the
// viewer's behind http.trusted_proxies).
func (s *Server) serve(rc *fasthttp.RequestCtx) error {
	path := string(rc.Path())
	if strings.HasPrefix(path, "/auth/") {
		if err := s.limiter.allow(s.clients.Client(rc), s.now()); err != nil {
			s.metrics.rateLimited.Inc()
			return err
		}
	}
	switch {
	case path == "/auth/nonce":
		return s.nonce(rc)
	case path == "/auth/verify":
		return s.verify(rc)
	case strings.HasPrefix(path, "/playback/"):
		return s.playback(rc, path[len("/playback/"):])
	case path == JWKSPath:
		return s.jwks(rc)
	case path == "/healthz":
		return s.health(rc)
	case path == "/metrics":
		s.metricsHTTP(rc)
		return nil
	}
	return errNoRoute
}
