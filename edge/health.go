package edge

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/fasthttpadaptor"

	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/origin"
)

// readyProbeKey is looked up to prove some region answers: not-found counts
// as reachable.
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
	// Long enough to try every region in full: a probe cut short at a hung
	// primary would neither eject it nor reach the live fallback.
	o := s.cfg.Origin
	ctx, cancel := context.WithTimeout(s.ctx, time.Duration(len(o.Regions)*(o.Retries+1))*(o.Timeout+o.Backoff<<o.Retries))
	defer cancel()
	err := s.origin.Reachable(ctx, readyProbeKey)
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
		// Ready means "can serve": a region that answers (ejected ones are
		// skipped) or asset metadata in memory, fresh or stale, with its
		// cached objects. A regional blip must not drain every edge.
		err := s.originReady()
		rc.SetContentType("text/plain; charset=utf-8")
		switch {
		case err == nil:
			rc.SetBodyString("ready\n")
		case s.assets.Usable(time.Now()):
			rc.SetBodyString("ready (degraded: the origin is not reachable; serving cached assets)\n")
		default:
			s.log.Warn("not ready", "err", err)
			httperr.Write(rc, fasthttp.StatusServiceUnavailable, "origin_unavailable", "the origin is not reachable")
		}
	case "/statusz":
		s.writeStatus(rc)
	case "/metrics":
		s.metricsHandler()(rc)
	default:
		return false
	}
	return true
}

// originStatus is /statusz's body.
type originStatus struct {
	// Ready is /readyz's origin probe: some region answers.
	Ready bool `json:"origin_reachable"`
	// Regions are the origin regions in order, with their ejection state.
	Regions []origin.RegionStatus `json:"regions"`
	// StaleAssets counts assets served from their last good asset.json
	// because the origin could not answer.
	StaleAssets int `json:"stale_assets"`
}

// writeStatus answers /statusz: JSON of the origin's health as this edge
// sees it.
func (s *Server) writeStatus(rc *fasthttp.RequestCtx) {
	now := time.Now()
	body, err := json.Marshal(originStatus{Ready: s.originReady() == nil, Regions: s.origin.Status(), StaleAssets: s.assets.Stale(now)})
	if err != nil {
		httperr.Write(rc, fasthttp.StatusInternalServerError, "internal", "status could not be encoded")
		return
	}
	rc.SetContentType("application/json")
	rc.SetBody(append(body, '\n'))
}

// handleOther serves everything but delivery: operator endpoints, teaser
// posters, the watch page, then the in-process signer's routes when there
// is one.
func (s *Server) handleOther(rc *fasthttp.RequestCtx) {
	switch {
	case s.handleAdmin(rc), s.handleTeaser(rc), s.handleSDK(rc), s.handlePage(rc):
	case s.routes != nil:
		s.routes(rc)
	default:
		httperr.Write(rc, fasthttp.StatusNotFound, "not_found", "no such route")
	}
}

// handleAdminOnly is the admin listener's handler.
func (s *Server) handleAdminOnly(rc *fasthttp.RequestCtx) {
	if !s.handleAdmin(rc) && !s.handlePProf(rc) {
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
