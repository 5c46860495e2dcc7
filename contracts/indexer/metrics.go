package indexer

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the indexer's series, labelled by chain id.
type metrics struct {
	head, processed, lagBlocks, lagSeconds, leaseHeld                     *prometheus.GaugeVec
	invalidations, reorgs, rpcErrors, publishErrors, malformed, takeovers *prometheus.CounterVec
}

func newMetrics(r prometheus.Registerer) *metrics {
	if r == nil {
		r = prometheus.NewRegistry()
	}
	g := func(name, help string) *prometheus.GaugeVec {
		v := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "streamgate_indexer_" + name, Help: help}, []string{"chain"})
		r.MustRegister(v)
		return v
	}
	c := func(name, help string) *prometheus.CounterVec {
		v := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "streamgate_indexer_" + name, Help: help}, []string{"chain"})
		r.MustRegister(v)
		return v
	}
	return &metrics{
		head:          g("head_block", "Latest block number the chain's RPC reported."),
		processed:     g("processed_block", "Last block whose transfers were published."),
		lagBlocks:     g("lag_blocks", "Blocks old enough to process (past the confirmation depth) but not processed yet; 0 when caught up."),
		lagSeconds:    g("lag_seconds", "Age of the oldest block old enough to process but not processed yet; 0 when caught up."),
		invalidations: c("invalidations_total", "Invalidations published (each transfer's contract, id, from and to), repeats and reorg undos included."),
		reorgs:        c("reorgs_total", "Reorganizations detected (a processed block left the canonical chain)."),
		rpcErrors:     c("rpc_errors_total", "Indexer steps that failed on the chain's RPC (retried at the next poll)."),
		publishErrors: c("publish_errors_total", "Publications that failed (Redis down); the range is retried and the block not advanced."),
		malformed:     c("malformed_logs_total", "Logs under a transfer topic that did not decode."),
		leaseHeld:     g("lease_held", "1 while this indexer holds the chain's Redis lease and so follows and publishes it (always 1 without Redis); 0 while it stands by."),
		takeovers:     c("lease_takeovers_total", "Times this indexer took the chain's lease: at start, or from a holder that released it or stopped renewing it."),
	}
}

// chainMetrics are the series of one chain, resolved once.
type chainMetrics struct {
	head, processed, lagBlocks, lagSeconds, leaseHeld                     prometheus.Gauge
	invalidations, reorgs, rpcErrors, publishErrors, malformed, takeovers prometheus.Counter
}

func (m *metrics) chain(id int64) chainMetrics {
	l := strconv.FormatInt(id, 10)
	return chainMetrics{
		head: m.head.WithLabelValues(l), processed: m.processed.WithLabelValues(l),
		lagBlocks: m.lagBlocks.WithLabelValues(l), lagSeconds: m.lagSeconds.WithLabelValues(l),
		invalidations: m.invalidations.WithLabelValues(l), reorgs: m.reorgs.WithLabelValues(l),
		rpcErrors: m.rpcErrors.WithLabelValues(l), publishErrors: m.publishErrors.WithLabelValues(l),
		malformed: m.malformed.WithLabelValues(l),
		leaseHeld: m.leaseHeld.WithLabelValues(l), takeovers: m.takeovers.WithLabelValues(l),
	}
}
