package ownership

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"time"

	"github.com/redis/go-redis/v9"
)

// Subscriber listens on {prefix}own:invalidate and applies each message to a
// Checker at once. When Redis goes away it says so (log line and the
// streamgate_ownership_invalidate_subscribed gauge), keeps the checker
// answering from its cache and TTLs, and resubscribes when Redis returns.
type Subscriber struct {
	rdb     redis.UniversalClient
	channel string
	c       *Checker
	log     *slog.Logger
	// Ping is how long the channel may stay silent before the subscriber
	// pings Redis; two unanswered pings count as a lost connection.
	Ping time.Duration
	// MaxBackoff bounds the wait between resubscription attempts.
	MaxBackoff time.Duration
	lost       bool // a previous subscription failed: reset on the next
}

// NewSubscriber applies the invalidations published under prefix to c.
func NewSubscriber(rdb redis.UniversalClient, prefix string, c *Checker, log *slog.Logger) *Subscriber {
	return &Subscriber{rdb: rdb, channel: InvalidateChannel(prefix), c: c, log: log, Ping: 2 * time.Second, MaxBackoff: 5 * time.Second}
}

// Run subscribes until ctx is canceled, resubscribing after any failure.
func (s *Subscriber) Run(ctx context.Context) {
	backoff := 50 * time.Millisecond
	for {
		err := s.session(ctx)
		if ctx.Err() != nil {
			return
		}
		if errors.Is(err, errSubscribed) {
			backoff = 50 * time.Millisecond // it worked for a while: retry soon
		}
		s.down(err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, s.MaxBackoff)
	}
}

// errSubscribed wraps the error that ended a subscription that had started.
var errSubscribed = errors.New("subscription lost")

// session subscribes once and applies messages until the connection fails.
func (s *Subscriber) session(ctx context.Context) error {
	ps := s.rdb.Subscribe(ctx, s.channel)
	defer ps.Close()
	// Reads do not watch ctx: closing the connection ends a blocked read.
	stop := context.AfterFunc(ctx, func() { ps.Close() })
	defer stop()
	if _, err := ps.ReceiveTimeout(ctx, s.Ping); err != nil {
		return err
	}
	s.up()
	unanswered := 0
	for {
		msg, err := ps.ReceiveTimeout(ctx, s.Ping)
		var ne net.Error
		switch {
		case errors.As(err, &ne) && ne.Timeout():
			if unanswered++; unanswered > 2 {
				return errors.Join(errSubscribed, errors.New("redis did not answer pings"))
			}
			if err := ps.Ping(ctx); err != nil {
				return errors.Join(errSubscribed, err)
			}
			continue
		case err != nil:
			return errors.Join(errSubscribed, err)
		}
		unanswered = 0
		if m, ok := msg.(*redis.Message); ok {
			s.apply(m.Payload)
		}
	}
}

func (s *Subscriber) apply(payload string) {
	invs, err := ParseInvalidations([]byte(payload))
	if err != nil {
		s.c.metrics.badInvalidations.Inc()
		s.log.Warn("ignoring a malformed invalidation", "channel", s.channel, "err", err)
		return
	}
	s.c.Apply(invs...)
}

// up marks the subscription live. After an outage the local facts may have
// missed invalidations, so they are dropped and refetched on demand.
func (s *Subscriber) up() {
	if !s.lost {
		s.log.Info("subscribed to ownership invalidations", "channel", s.channel)
	} else {
		s.lost = false
		s.c.Reset()
		s.log.Info("resubscribed to ownership invalidations; dropped cached ownership", "channel", s.channel)
	}
	s.c.metrics.subscribed.Set(1)
}

// down logs the first failure of an outage; retries stay quiet.
func (s *Subscriber) down(err error) {
	s.c.metrics.subscribed.Set(0)
	s.c.metrics.subscribeFailures.Inc()
	if !s.lost {
		s.log.Warn("ownership invalidations unavailable: revocation falls back to cache TTLs until redis returns", "channel", s.channel, "err", err)
	}
	s.lost = true
}
