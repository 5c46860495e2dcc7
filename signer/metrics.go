package signer

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamgate/streamgate/internal/cors"
)

// metrics are the signer's Prometheus series, in their own registry (with
// the ownership series when the signer builds its own checker).
type metrics struct {
	registry    *prometheus.Registry
	signIns     *prometheus.CounterVec
	playbacks   *prometheus.CounterVec
	renewals    *prometheus.CounterVec
	issued      *prometheus.CounterVec
	rateLimited prometheus.Counter
	preflights  *cors.Preflights
}

func newMetrics() *metrics {
	r := prometheus.NewRegistry()
	m := &metrics{
		registry: r,
		signIns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "streamgate_signer_sign_ins_total",
			Help: "POST /auth/verify answers by result: ok, or the error code.",
		}, []string{"result"}),
		playbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "streamgate_signer_playback_requests_total",
			Help: "POST /playback/{asset} answers by result: ok, or the error code.",
		}, []string{"result"}),
		renewals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "streamgate_signer_playback_renewals_total",
			Help: `POST /playback/{asset} with a {"renew"} body, by result: ok, or the error code (also counted in playback_requests_total).`,
		}, []string{"result"}),
		issued: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "streamgate_signer_tokens_issued_total",
			Help: "Tokens minted, by kind (session, playback).",
		}, []string{"kind"}),
		rateLimited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "streamgate_signer_rate_limited_total",
			Help: "/auth/* requests refused by the per-IP rate limit.",
		}),
	}
	r.MustRegister(m.signIns, m.playbacks, m.renewals, m.issued, m.rateLimited)
	m.preflights = cors.NewPreflights(r, "streamgate_signer_cors_preflights_total")
	return m
}

// result labels an answer: "ok" or the error code statusOf gives.
func result(err error) string {
	if err == nil {
		return "ok"
	}
	_, code := statusOf(err)
	return code
}
