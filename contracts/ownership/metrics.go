package ownership

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamgate/streamgate/contracts/chainrpc"
)

// Metrics are the ownership series; NewMetrics registers them.
type Metrics struct {
	hits, misses, rpcCalls, redisHits, redisErrors, graceUsed, stateAnswers prometheus.Counter
	rpcFailures                                                             *prometheus.CounterVec
	stateLag                                                                *prometheus.GaugeVec

	invalidations, badInvalidations, subscribeFailures prometheus.Counter
	subscribed                                         prometheus.Gauge
}

type metrics = Metrics

// NewMetrics registers the series on r (nil: a private registry).
func NewMetrics(r prometheus.Registerer) *Metrics {
	if r == nil {
		r = prometheus.NewRegistry()
	}
	c := func(name, help string) prometheus.Counter {
		ctr := prometheus.NewCounter(prometheus.CounterOpts{Name: "streamgate_ownership_" + name, Help: help})
		r.MustRegister(ctr)
		return ctr
	}
	subscribed := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "streamgate_ownership_invalidate_subscribed",
		Help: "1 while subscribed to the invalidation channel; 0 while Redis is unreachable (revocation then waits for cache TTLs).",
	})
	r.MustRegister(subscribed)
	rpcFailures := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "streamgate_ownership_rpc_failures_total",
		Help: "RPC requests that failed, before failover, by reason: timeout, http_429, http_5xx, http_status, rpc_error (not a revert), transport, bad_answer (not JSON-RPC, another id, or return data too short from a contract).",
	}, []string{"reason"})
	r.MustRegister(rpcFailures)
	stateLag := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "streamgate_ownership_state_lag_blocks",
		Help: "Blocks the indexed ownership state is behind the head minus confirmations, from the chain's last heartbeat read; -1 while there is no live heartbeat (checks ask the chain).",
	}, []string{"chain"})
	r.MustRegister(stateLag)
	for _, reason := range chainrpc.Reasons {
		rpcFailures.WithLabelValues(reason)
	}
	return &Metrics{
		subscribed:        subscribed,
		invalidations:     c("invalidations_total", "Invalidations applied to the in-process cache (token transfers)."),
		badInvalidations:  c("invalidations_malformed_total", "Invalidation messages ignored as malformed."),
		subscribeFailures: c("invalidate_subscribe_failures_total", "Lost or failed subscriptions to the invalidation channel."),
		hits:              c("cache_hits_total", "Policy checks answered from memory."),
		misses:            c("cache_misses_total", "Policy checks that needed Redis or the chain."),
		rpcCalls:          c("rpc_calls_total", "eth_call and eth_getCode requests sent."),
		rpcFailures:       rpcFailures,
		stateLag:          stateLag,
		redisHits:         c("redis_hits_total", "Facts found fresh in Redis."),
		redisErrors:       c("redis_errors_total", "Redis operations that failed (the chain answered instead)."),
		graceUsed:         c("grace_answers_total", "Checks passed on a recent positive while the chain was unavailable."),
		stateAnswers:      c("state_answers_total", "Facts answered from the indexer's ownership state (no RPC call)."),
	}
}

func (m *Metrics) or() *Metrics {
	if m == nil {
		return NewMetrics(nil)
	}
	return m
}
