package redisconf

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"
)

// scrapeTimeout bounds the PING behind streamgate_redis_up, so a hung
// Redis delays a scrape by at most this.
const scrapeTimeout = time.Second

// outageReplies are Redis replies that mean the server cannot serve now,
// unlike a reply about the command itself (WRONGTYPE, BUSYGROUP, NOSCRIPT).
var outageReplies = []string{"NOAUTH", "WRONGPASS", "LOADING", "CLUSTERDOWN", "MASTERDOWN", "READONLY", "TRYAGAIN", "BUSY ", "OOM"}

// Instrument reports rdb's health on reg (skipped when nil): streamgate_redis_up (1 when a
// PING made at scrape time answers within 1 s, else 0) and
// streamgate_redis_errors_total (commands that failed because Redis was
// unreachable or unable to serve). It logs the change when Redis stops or
// starts answering again: after start an outage degrades a service, which
// keeps running, so it shows here and not in /readyz.
func Instrument(rdb redis.UniversalClient, reg prometheus.Registerer, log *slog.Logger) error {
	h := &health{log: log}
	h.up.Store(true) // Dial has just had an answer
	h.errors = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "streamgate_redis_errors_total",
		Help: "Redis commands that failed because Redis was unreachable or unable to serve.",
	})
	up := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "streamgate_redis_up",
		Help: "1 when Redis answers a PING made at scrape time within 1s, else 0.",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
		defer cancel()
		if rdb.Ping(ctx).Err() != nil {
			return 0
		}
		return 1
	})
	for _, c := range []prometheus.Collector{h.errors, up} {
		if reg == nil {
			break
		}
		if err := reg.Register(c); err != nil {
			return err
		}
	}
	rdb.AddHook(h)
	return nil
}

// health is the hook behind Instrument.
type health struct {
	log    *slog.Logger
	errors prometheus.Counter
	up     atomic.Bool
}

func (h *health) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := next(ctx, network, addr)
		h.observe(err)
		return c, err
	}
}

func (h *health) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		h.observe(err)
		return err
	}
}

func (h *health) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		h.observe(err)
		return err
	}
}

// observe counts an outage and logs each change between answering and not.
func (h *health) observe(err error) {
	if !IsOutage(err) || errors.Is(err, context.Canceled) { // the caller gave up, not Redis
		if err == nil && !h.up.Swap(true) && h.log != nil {
			h.log.Info("redis answers again")
		}
		return
	}
	h.errors.Inc()
	if h.up.Swap(false) && h.log != nil {
		h.log.Warn("redis unavailable; degraded until it answers", "err", err)
	}
}

// IsOutage reports whether err means Redis could not serve (unreachable,
// timed out, refusing, loading, failing over) rather than an answer about
// the command: redis.Nil and replies such as WRONGTYPE are not outages.
func IsOutage(err error) bool {
	if err == nil || errors.Is(err, redis.Nil) {
		return false
	}
	var reply redis.Error
	if !errors.As(err, &reply) {
		return true
	}
	for _, p := range outageReplies {
		if redis.HasErrorPrefix(err, p) {
			return true
		}
	}
	return false
}
