package edge

import (
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/internal/cors"
	"github.com/streamgate/streamgate/origin"
)

// statusCodes are the statuses the edge answers with; each (kind, status)
// counter is resolved once so the hot path only increments.
var statusCodes = []int{200, 204, 206, 304, 400, 401, 403, 404, 405, 413, 416, 429, 500, 502, 503, 504}

// metrics are the edge's Prometheus series, in their own registry.
type metrics struct {
	registry *prometheus.Registry

	requests    [asset.NumKinds][600]prometheus.Counter
	bytesOut    [asset.NumKinds]prometheus.Counter
	cacheHits   prometheus.Counter
	cacheMisses prometheus.Counter

	originFetches prometheus.Counter
	originLatency *prometheus.HistogramVec
	originErrors  *prometheus.CounterVec

	tokenVerifications prometheus.Counter
	tokenHits          prometheus.Counter
	tokenFailures      prometheus.Counter

	preflights *cors.Preflights

	keyRequests *results // key routes, by result
	cdnRequests *results // the token-free route, by result
}

// resultCodes are the results a key or token-free request can end with:
// ok, not_modified (a 304) or any error code statusOf gives, so no answer is
// counted under another answer's label.
func resultCodes() []string {
	codes := []string{resultOK, resultNotModified, cors.CodeOrigin}
	for _, c := range errorClasses {
		if !slices.Contains(codes, c.code) {
			codes = append(codes, c.code)
		}
	}
	return append(codes, codeInternal)
}

const (
	resultOK          = "ok"
	resultNotModified = "not_modified"
)

// results counts requests by result, each counter resolved once; ok, the
// hot path's answer, is a field so that counting it looks nothing up.
type results struct {
	ok prometheus.Counter
	by map[string]prometheus.Counter
}

func newResults(f factory, name, help string) *results {
	v := f.counterVec(name, help, "result")
	codes := resultCodes()
	r := &results{by: make(map[string]prometheus.Counter, len(codes))}
	for _, c := range codes {
		r.by[c] = v.WithLabelValues(c)
	}
	r.ok = r.by[resultOK]
	return r
}

// count counts an answer: err's code, else not_modified for a 304 and ok
// for the rest. resultCodes holds every code statusOf gives; internal is
// only a guard.
func (r *results) count(err error, status int) {
	var code string
	switch {
	case err != nil:
		_, code = statusOf(err)
	case status == fasthttp.StatusNotModified:
		code = resultNotModified
	default:
		r.ok.Inc()
		return
	}
	c, ok := r.by[code]
	if !ok {
		c = r.by[codeInternal]
	}
	c.Inc()
}

// keyRequest counts a key route's answer (err, else the status written).
func (m *metrics) keyRequest(err error, status int) { m.keyRequests.count(err, status) }

// cdnRequest counts a token-free route's answer (err, else the status written).
func (m *metrics) cdnRequest(err error, status int) { m.cdnRequests.count(err, status) }

func newMetrics() *metrics {
	m := &metrics{registry: prometheus.NewRegistry()}
	f := factory{m.registry}
	requests := f.counterVec("streamgate_edge_requests_total", "Requests answered, by object kind and status.", "kind", "status")
	bytes := f.counterVec("streamgate_edge_bytes_out_total", "Body bytes sent, by object kind.", "kind")
	for k := range asset.NumKinds {
		for _, code := range statusCodes {
			m.requests[k][code] = requests.WithLabelValues(asset.KindNames[k], strconv.Itoa(code))
		}
		m.bytesOut[k] = bytes.WithLabelValues(asset.KindNames[k])
	}
	m.cacheHits = f.counter("streamgate_edge_cache_hits_total", "Object requests served from memory.")
	m.cacheMisses = f.counter("streamgate_edge_cache_misses_total", "Object requests that went to the origin (before coalescing).")
	m.originFetches = f.counter("streamgate_edge_origin_fetches_total", "Coalesced origin reads started.")
	m.originLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "streamgate_edge_origin_seconds", Help: "Origin attempt latency until the object starts to arrive, by region.",
		Buckets: prometheus.ExponentialBuckets(0.001, 2, 14),
	}, []string{"region"})
	m.originErrors = f.counterVec("streamgate_edge_origin_errors_total", "Failed origin attempts (not counting not-found), by region.", "region")
	m.registry.MustRegister(m.originLatency)
	m.tokenVerifications = f.counter("streamgate_edge_token_verifications_total", "Signature checks of playback tokens.")
	m.tokenHits = f.counter("streamgate_edge_token_cache_hits_total", "Playback tokens found already verified.")
	m.tokenFailures = f.counter("streamgate_edge_token_failures_total", "Playback tokens refused by the signature or claims check.")
	m.preflights = cors.NewPreflights(m.registry, "streamgate_edge_cors_preflights_total")
	m.keyRequests = newResults(f, "streamgate_edge_key_requests_total",
		"HLS key requests (gated route …/keys/{period}.key), by result: ok or the error code of the answer (revoked, too_many_streams, forbidden, …).")
	m.cdnRequests = newResults(f, "streamgate_edge_cdn_requests_total",
		"Token-free ciphertext requests (/c/…), by result: ok, not_modified or the error code of the answer (not_found for anything the route does not serve, range_not_satisfiable, origin_error, …).")
	return m
}

// request counts one answer. Statuses outside statusCodes count as 500.
func (m *metrics) request(k asset.Kind, status int, bodyBytes int) {
	c := m.requests[k][min(max(status, 0), 599)]
	if c == nil {
		c = m.requests[k][500]
	}
	c.Inc()
	m.bytesOut[k].Add(float64(bodyBytes))
}

// observeOrigin is origin.Regions' Observe hook.
func (m *metrics) observeOrigin(region string, d time.Duration, err error) {
	m.originLatency.WithLabelValues(region).Observe(d.Seconds())
	if err != nil && !errors.Is(err, origin.ErrNotFound) {
		m.originErrors.WithLabelValues(region).Inc()
	}
}

type factory struct{ r *prometheus.Registry }

func (f factory) counter(name, help string) prometheus.Counter {
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
	f.r.MustRegister(c)
	return c
}

func (f factory) counterVec(name, help string, labels ...string) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	f.r.MustRegister(c)
	return c
}
