package edge

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttpadaptor"

	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/origin"
)

// readyProbeKey is looked up to prove the origin answers: not-found counts as
// reachable.
const readyProbeKey = ".streamgate-ready"

// readiness remembers the last origin probe for a second, so a load
// balancer's checks cannot hammer the origin.
type readiness struct {
	mu      sync.Mutex
	checked time.Time
	err     error
}

func (s *Server) originReady() error {
	s.ready.mu.Lock()
	defer s.ready.mu.Unlock()
	if time.Since(s.ready.checked) < time.Second {
		return s.ready.err
	}
	ctx, cancel := context.WithTimeout(s.ctx, s.cfg.Origin.Timeout)
	defer cancel()
	_, err := s.origin.Stat(ctx, readyProbeKey)
	if errors.Is(err, origin.ErrNotFound) {
		err = nil
	}
	s.ready.checked, s.ready.err = time.Now(), err
	return err
}

// handleAdmin serves the operator endpoints and reports whether path was one.
func (s *Server) handleAdmin(rc *fasthttp.RequestCtx) bool {
	switch string(rc.Path()) {
	case "/healthz":
		rc.SetContentType("text/plain; charset=utf-8")
		rc.SetBodyString("ok\n")
	case "/readyz":
		if err := s.originReady(); err != nil {
			s.log.Warn("not ready", "err", err)
			httperr.Write(rc, fasthttp.StatusServiceUnavailable, "origin_unavailable", "the origin is not reachable")
			return true
		}
		rc.SetContentType("text/plain; charset=utf-8")
		rc.SetBodyString("ready\n")
	case "/metrics":
		s.metricsHandler()(rc)
	default:
		return false
	}
	return true
}

// handleOther serves everything but delivery: operator endpoints, then the
// in-process signer's routes when there is one.
func (s *Server) handleOther(rc *fasthttp.RequestCtx) {
	switch {
	case s.handleAdmin(rc), s.handlePage(rc):
	case s.routes != nil:
		s.routes(rc)
	default:
		httperr.Write(rc, fasthttp.StatusNotFound, "not_found", "no such route")
	}
}

// handleAdminOnly is the admin listener's handler.
func (s *Server) handleAdminOnly(rc *fasthttp.RequestCtx) {
	if !s.handleAdmin(rc) {
		httperr.Write(rc, fasthttp.StatusNotFound, "not_found", "no such route")
	}
}

func (s *Server) metricsHandler() fasthttp.RequestHandler {
	s.metricsOnce.Do(func() {
		g := prometheus.Gatherers{s.metrics.registry}
		if s.extraMetrics != nil {
			g = append(g, s.extraMetrics)
		}
		s.metricsHTTP = fasthttpadaptor.NewFastHTTPHandler(promhttp.HandlerFor(g, promhttp.HandlerOpts{}))
	})
	return s.metricsHTTP
}
