// Package edge is the delivery server: it checks a playback token and the
// asset's policy on every request, then serves HLS/DASH objects from memory,
// reading misses from the origin once however many players ask at once.
package edge

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"
	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/clientip"
	"github.com/streamgate/streamgate/internal/cors"
	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/origin"
	"github.com/streamgate/streamgate/signer/token"
)

// Server is one edge node.
type Server struct {
	cfg          Config
	log          *slog.Logger
	ctx          context.Context // canceled once shutdown finished; fills run on it
	cancel       context.CancelFunc
	metrics      *metrics
	origin       *origin.Regions
	auth         *auth
	assets       *asset.Cache
	gate         gate
	own          *ownership.Checker
	names        *ownership.Names      // collections' names for the page's listing
	rdb          redis.UniversalClient // nil without Redis
	seats        *seats
	invalidated  *ownership.Subscriber // nil without Redis
	objects      *objects
	keys         *keyring // key schedules of CDN-mode assets
	cacheControl [asset.NumKinds][]byte
	http         *fasthttp.Server
	limits       httperr.Limits     // of both listeners
	clients      *clientip.Resolver // who a request is from, behind trusted proxies
	cors         *cors.Policy       // of the delivery routes
	admin        *fasthttp.Server
	ready        readiness
	routes       fasthttp.RequestHandler
	extraMetrics prometheus.Gatherer
	closers      []func() error // run after shutdown, last first
	metricsOnce  sync.Once
	metricsHTTP  fasthttp.RequestHandler
	failLog      failLog // rate-limits the log of 5xx answers
}

// Deps are parts a caller shares with the edge; zero values are built from
// the config. The one-machine composition (cmd/streamgate) builds the
// origin, asset cache, Redis client and ownership checker once and passes
// them to both the edge and the signer it hosts, with the signer's keys and
// routes. The caller keeps ownership of what it passes: the edge does not
// close it.
type Deps struct {
	// Origin is read instead of regions opened from cfg.Origin; the edge
	// sets its Observe to record origin metrics.
	Origin *origin.Regions
	// Assets is the asset.json cache (see Config.NewAssets).
	Assets *asset.Cache
	// Redis is the shared client (seats, invalidations) instead of one
	// dialed to cfg.Redis.Addr; nil with cfg.Redis.Addr set still dials.
	Redis redis.UniversalClient
	// Ownership answers policies instead of a checker built from
	// cfg.Ownership (one cache for the edge and the hosted signer).
	Ownership *ownership.Checker
	// JWKS, when set, replaces token.jwks: the signer's own keys.
	JWKS *token.JWKS
	// Routes serves what the edge does not (/auth/*, /playback/*,
	// /.well-known/jwks.json); nil answers them 404.
	Routes fasthttp.RequestHandler
	// Metrics are served on /metrics beside the edge's own.
	Metrics prometheus.Gatherer
	// MaxBodyBytes is the hosted signer's max_body_bytes, the one request
	// body limit; 0 (no signer: the edge reads no body) keeps
	// httperr.DefaultMaxBodyBytes, so an oversized body still gets JSON 413.
	MaxBodyBytes int
}

// New validates cfg, loads the token keys and opens the origin.
func New(cfg Config, log *slog.Logger, deps Deps) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: log, metrics: newMetrics(), routes: deps.Routes, extraMetrics: deps.Metrics}
	s.clients, _ = clientip.New(cfg.HTTP.Proxies) // Validate checked it
	s.cors, _ = cfg.HTTP.corsPolicy()             // Validate checked it
	s.limits = httperr.Limits{
		MaxHeaderBytes: cfg.HTTP.MaxHeaderBytes,
		MaxBodyBytes:   deps.MaxBodyBytes,
		MaxConnsPerIP:  cfg.HTTP.MaxConnsPerIP,
		Concurrency:    cfg.HTTP.Concurrency,
		ReadTimeout:    cfg.HTTP.ReadTimeout,
		WriteTimeout:   cfg.HTTP.WriteTimeout,
		IdleTimeout:    cfg.HTTP.IdleTimeout,
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	var err error
	if s.origin = deps.Origin; s.origin == nil {
		if s.origin, err = cfg.Origin.Open(); err != nil {
			return nil, err
		}
		s.closers = append(s.closers, s.origin.Close)
	}
	s.origin.Observe = s.metrics.observeOrigin
	if err := s.origin.Register(s.metrics.registry, "streamgate_edge_origin"); err != nil {
		return nil, err
	}
	if s.auth, err = newAuth(cfg.Token, s.metrics, deps.JWKS); err != nil {
		return nil, err
	}
	if s.rdb = deps.Redis; s.rdb == nil {
		if s.rdb, err = s.newRedis(); err != nil {
			return nil, err
		}
	}
	if s.own = deps.Ownership; s.own == nil {
		if s.own, err = s.newOwnership(); err != nil {
			return nil, err
		}
	}
	s.gate = s.own
	s.names = ownership.NewNames(s.own.Chains(), ownership.NamesConfig{})
	s.initSeats()
	if s.objects, err = newObjects(s.ctx, cfg.Cache, cfg.Origin.StreamTimeout, s.origin, s.metrics); err != nil {
		return nil, err
	}
	s.keys = newKeyring(s.ctx, s.origin, cfg.Cache.AssetTTL, cfg.Origin.StreamTimeout)
	if s.assets = deps.Assets; s.assets == nil {
		s.assets = cfg.NewAssets(s.origin, log)
		if err := s.assets.Register(s.metrics.registry); err != nil {
			return nil, err
		}
	}
	s.cacheControl = [asset.NumKinds][]byte{
		asset.Playlist: []byte(cfg.HTTP.PlaylistCacheControl),
		asset.Segment:  []byte(cfg.HTTP.SegmentCacheControl),
		asset.Other:    []byte(cfg.HTTP.SegmentCacheControl),
	}
	s.http = s.newHTTP(s.handle)
	if cfg.AdminListen != "" {
		s.admin = s.newHTTP(s.handleAdminOnly)
	}
	return s, nil
}

// newRedis dials the shared Redis when configured (a nil interface when
// not); a refusal at start is an error naming the redis key at fault, while
// a Redis not there yet degrades the edge (seats counted alone) until it is.
func (s *Server) newRedis() (redis.UniversalClient, error) {
	c, err := redisconf.DialDegraded(s.ctx, s.cfg.Redis, s.metrics.registry, s.log)
	if c != nil {
		s.closers = append(s.closers, c.Close)
	}
	return c, err
}

// newOwnership builds the edge's own checker, sharing answers through Redis
// when configured.
func (s *Server) newOwnership() (*ownership.Checker, error) {
	c, err := ownership.New(s.cfg.Ownership, s.rdb, s.cfg.Redis.Prefix, ownership.NewMetrics(s.metrics.registry), s.log)
	if err != nil {
		return nil, err
	}
	s.closers = append(s.closers, func() error { c.Close(); return nil })
	return c, nil
}

// newHTTP builds a listener's server; its refusals, fasthttp's own
// included, are JSON, and its timeouts are armed by the connections
// (s.limits, enforced with the listener Serve wraps).
func (s *Server) newHTTP(h fasthttp.RequestHandler) *fasthttp.Server {
	srv := &fasthttp.Server{
		Handler:                      h,
		Name:                         "streamgate",
		DisablePreParseMultipartForm: true,
		Logger:                       httperr.Logger{Log: s.log},
	}
	s.limits.Apply(srv)
	return srv
}

// Run serves until ctx is canceled, then lets in-flight requests finish
// within the shutdown timeout and releases everything.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve is Run on a listener the caller opened (tests use port 0).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	errc := make(chan error, 2)
	if n := s.cfg.HTTP.NotSentLowat; n > 0 {
		ln = lowatListener{ln, n}
	}
	ln = s.limits.Listener(ln)
	go func() { errc <- s.http.Serve(ln) }()
	if s.admin != nil {
		aln, err := net.Listen("tcp", s.cfg.AdminListen)
		if err != nil {
			ln.Close()
			return fmt.Errorf("admin_listen: %w", err)
		}
		go func() { errc <- s.admin.Serve(s.limits.Listener(aln)) }()
	}
	stop := make(chan struct{})
	go s.auth.watch(stop, func(err error) {
		s.log.Error("reloading jwks; keeping the previous keys", "err", err)
	})
	go s.sweep(stop)
	subscribed := s.subscribe()
	s.log.Info("edge listening", "addr", ln.Addr().String(), "admin", s.cfg.AdminListen)
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	close(stop)
	return errors.Join(err, s.shutdown(subscribed))
}

func (s *Server) shutdown(subscribed <-chan struct{}) error {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.HTTP.ShutdownTimeout)
	defer cancel()
	err := s.http.ShutdownWithContext(ctx)
	if s.admin != nil {
		err = errors.Join(err, s.admin.ShutdownWithContext(ctx))
	}
	s.cancel()
	<-subscribed
	s.objects.close()
	for i := len(s.closers) - 1; i >= 0; i-- {
		err = errors.Join(err, s.closers[i]())
	}
	return err
}

func (s *Server) sweep(stop <-chan struct{}) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case now := <-t.C:
			s.assets.Sweep(now)
			s.keys.sweep(now)
			s.seats.sweep(now)
		}
	}
}

// Handler returns the delivery handler, for tests and benchmarks.
func (s *Server) Handler() fasthttp.RequestHandler { return s.handle }

func (s *Server) handle(rc *fasthttp.RequestCtx) {
	uri := rc.Request.Header.RequestURI()
	if len(uri) >= 3 && uri[1] == 'c' && uri[2] == '/' {
		s.handleCDN(rc, uri)
		return
	}
	if len(uri) < 3 || uri[1] != 't' || uri[2] != '/' {
		s.handleOther(rc)
		return
	}
	if rc.IsOptions() && cors.IsPreflight(rc) {
		s.preflight(rc, uri)
		return
	}
	k, n, err := s.serve(rc, uri)
	if err != nil {
		s.fail(rc, k, err)
		s.cors.Headers(rc)
		return
	}
	s.cors.Headers(rc)
	if rc.IsHead() {
		n = 0
	}
	s.metrics.request(k, rc.Response.StatusCode(), n)
}

// preflight answers a CORS preflight of a delivery route; the route must
// parse, but the token is not checked (a preflight reveals nothing).
func (s *Server) preflight(rc *fasthttp.RequestCtx, uri []byte) {
	k := asset.Other
	r, err := parseRoute(uri)
	if err == nil {
		k, _ = asset.TypeOf(r.path)
		err = s.cors.Preflight(rc)
	}
	s.metrics.preflights.Count(err)
	if err != nil {
		s.fail(rc, k, err)
		cors.Vary(rc)
		return
	}
	s.metrics.request(k, rc.Response.StatusCode(), 0)
}

// serve is the delivery pipeline: route, token, asset policy, object, reply.
func (s *Server) serve(rc *fasthttp.RequestCtx, uri []byte) (asset.Kind, int, error) {
	r, err := parseRoute(uri)
	if err != nil {
		return asset.Other, 0, err
	}
	k, n, err := s.serveRoute(rc, &r)
	if r.kind == routeKey {
		s.metrics.keyRequest(err, rc.Response.StatusCode())
	}
	return k, n, err
}

func (s *Server) serveRoute(rc *fasthttp.RequestCtx, r *route) (asset.Kind, int, error) {
	k, ctype := asset.TypeOf(r.path)
	if !rc.IsGet() && !rc.IsHead() {
		return k, 0, errMethod
	}
	now := requestTime(rc)
	g, err := s.auth.check(r.token, r.asset, now)
	if err != nil {
		return k, 0, err
	}
	a, err := s.allow(g, r.asset, now)
	if err != nil {
		return k, 0, err
	}
	switch r.kind {
	case routeHidden:
		return k, 0, fmt.Errorf("%w: reserved names (asset.json, keys.json, versions.json, aes/) are not served", origin.ErrNotFound)
	case routeKey:
		n, err := s.serveKey(rc, r, a, now)
		return k, n, err
	}
	return s.serveObject(rc, r, k, ctype)
}

// serveObject answers with the origin object r.key.
func (s *Server) serveObject(rc *fasthttp.RequestCtx, r *route, k asset.Kind, ctype string) (asset.Kind, int, error) {
	obj, err := s.objects.get(r.key)
	if err != nil {
		return k, 0, err
	}
	n, err := s.respondPinned(rc, r, k, ctype, obj)
	if errors.Is(err, errChanged) {
		rc.Response.Reset() // the first attempt's status and headers may not hold for the new object
		if obj, err = s.objects.refetch(r.key); err != nil {
			return k, 0, err
		}
		n, err = s.respondPinned(rc, r, k, ctype, obj)
	}
	return k, n, err
}

// respondPinned answers with obj, pinned by objects.get, and unpins it: a
// memfd body sent after this holds its own pin.
func (s *Server) respondPinned(rc *fasthttp.RequestCtx, r *route, k asset.Kind, ctype string, obj *object) (int, error) {
	defer obj.unpin()
	if obj.missing {
		return 0, fmt.Errorf("%w: %s", origin.ErrNotFound, r.key)
	}
	return s.respond(rc, r, k, ctype, obj)
}

// requestTime is the clock reading fasthttp takes just before it calls the
// handler (RequestCtx.Time), so a request reads the clock once, not twice;
// a context not served by a fasthttp.Server (the package's benchmarks) has
// none and reads the clock.
func requestTime(rc *fasthttp.RequestCtx) time.Time {
	if t := rc.Time(); !t.IsZero() {
		return t
	}
	return time.Now()
}

// allow loads the asset's manifest, asks the gate and, for conditions with
// max_streams, the seats, and returns the manifest. All answer from memory
// on the hot path and set their own deadlines when they must go out, so no
// per-request context (and its timer) is made here. A CDN-mode session
// reaches the edge only for playlists and keys, so its seat is held for
// cdnIdle, which outlasts the wait between two key requests.
func (s *Server) allow(g *grant, id []byte, now time.Time) (*asset.Asset, error) {
	a, err := s.assets.Get(s.ctx, id, now)
	if err != nil {
		return nil, err
	}
	if err := s.gate.AllowAt(s.ctx, g.wallet, a.Policy, now); err != nil {
		err = g.refused(err)
		if errors.Is(err, errRevoked) && g.firstRevocation() {
			// INFO once per session: the operator sees a transfer take effect.
			s.log.Info("session revoked: the pass no longer meets the policy", "session", g.sid, "wallet", g.wallet.Hex(), "asset", g.asset, "err", err)
		}
		return nil, err
	}
	idle := s.cfg.Seats.Idle
	if a.CDN() {
		idle = max(idle, cdnIdle(a))
	}
	if err := s.seats.admit(g, a.Policy, idle, now); err != nil {
		return nil, err
	}
	g.admitted()
	return a, nil
}

// lowatListener sets TCP_NOTSENT_LOWAT on each accepted connection.
type lowatListener struct {
	net.Listener
	bytes int
}

func (l lowatListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		setNotSentLowat(tc, l.bytes)
	}
	return c, err
}
