package edge

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttpadaptor"

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

// handleAdmin serves the operator endpoints.
func (s *Server) handleAdmin(rc *fasthttp.RequestCtx) {
	switch string(rc.Path()) {
	case "/healthz":
		rc.SetContentType("text/plain; charset=utf-8")
		rc.SetBodyString("ok\n")
	case "/readyz":
		if err := s.originReady(); err != nil {
			s.log.Warn("not ready", "err", err)
			writeError(rc, fasthttp.StatusServiceUnavailable, "origin_unavailable", "the origin is not reachable")
			return
		}
		rc.SetContentType("text/plain; charset=utf-8")
		rc.SetBodyString("ready\n")
	case "/metrics":
		s.metricsHandler()(rc)
	default:
		writeError(rc, fasthttp.StatusNotFound, "not_found", "no such route")
	}
}

func (s *Server) metricsHandler() fasthttp.RequestHandler {
	s.metricsOnce.Do(func() {
		s.metricsHTTP = fasthttpadaptor.NewFastHTTPHandler(promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}))
	})
	return s.metricsHTTP
}
