package indexer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"
)

// errLeaseLost: a cursor write found another holder's token in the lease.
var errLeaseLost = errors.New("indexer: the chain's lease is held by another indexer")

// LeaseKey is the Redis key of chainID's lease: the token of the one
// indexer that follows and publishes the chain, with a TTL it renews.
func LeaseKey(prefix string, chainID int64) string {
	return prefix + "indexer:" + strconv.FormatInt(chainID, 10) + ":lease"
}

var (
	// renewLease extends the lease only while it still holds our token.
	renewLease = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
	return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`)
	// releaseLease deletes the lease only while it still holds our token.
	releaseLease = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
	return redis.call('DEL', KEYS[1])
end
return 0`)
	// fencedSet writes KEYS[2] only while the lease KEYS[1] holds our
	// token: a holder that lost the lease (paused past its TTL) cannot move
	// the place back under the new holder.
	fencedSet = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
	return 0
end
redis.call('SET', KEYS[2], ARGV[2])
return 1`)
)

// lease is one chain's lease in Redis (SET NX PX with a random token,
// renewed every third of its TTL by compare-and-extend, released by
// compare-and-delete): of several indexers, only its holder follows and
// publishes the chain; the others wait and take over when it expires.
type lease struct {
	rdb       redis.UniversalClient
	key       string
	ttl       time.Duration
	held      prometheus.Gauge
	takeovers prometheus.Counter
	log       *slog.Logger
}

// retry is how often a waiting indexer tries to take the lease: a tenth of
// the TTL, so a dead holder is replaced at most 1.1 TTL after its last
// renewal.
func (l *lease) retry() time.Duration { return max(l.ttl/10, 10*time.Millisecond) }

// acquire waits until it holds the lease and returns its token and the
// time until which it is surely held (the TTL from before the request was
// sent), or ctx's error.
func (l *lease) acquire(ctx context.Context) (string, time.Time, error) {
	token := newToken()
	failing, waiting := false, false
	for {
		began := time.Now()
		ok, err := l.rdb.SetNX(ctx, l.key, token, l.ttl).Result()
		if ok {
			l.held.Set(1)
			l.takeovers.Inc()
			l.log.Info("indexer lease taken: following the chain", "key", l.key, "waited", waiting)
			return token, began.Add(l.ttl), nil
		}
		switch {
		case err != nil && !failing && ctx.Err() == nil:
			l.log.Warn("taking the indexer lease; retrying", "key", l.key, "err", err)
		case err == nil && !waiting:
			l.log.Info("another indexer holds the lease; standing by", "key", l.key)
			waiting = true
		}
		failing = err != nil
		select {
		case <-ctx.Done():
			return "", time.Time{}, ctx.Err()
		case <-time.After(l.retry()):
		}
	}
}

// keep renews the lease every third of its TTL until ctx is done (then it
// releases it) or the lease is lost: another token holds it, or Redis did
// not confirm a renewal before the lease surely held until expired.
func (l *lease) keep(ctx context.Context, token string, until time.Time) {
	defer l.held.Set(0)
	t := time.NewTicker(l.ttl / 3)
	defer t.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			l.release(token)
			return
		case <-t.C:
		}
		began := time.Now()
		n, err := renewLease.Run(ctx, l.rdb, []string{l.key}, token, l.ttl.Milliseconds()).Int()
		switch {
		case err == nil && n == 1:
			until, failing = began.Add(l.ttl), false
		case err == nil:
			l.log.Warn("indexer lease lost to another indexer; standing by", "key", l.key)
			return
		case ctx.Err() != nil:
		case time.Now().After(until):
			l.log.Warn("indexer lease not renewed before it expired; standing by", "key", l.key, "err", err)
			return
		case !failing:
			l.log.Warn("renewing the indexer lease; retrying until it expires", "key", l.key, "err", err)
			failing = true
		}
	}
}

// release gives the lease up at shutdown so that a waiting indexer takes
// over at once rather than after the TTL.
func (l *lease) release(token string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := releaseLease.Run(ctx, l.rdb, []string{l.key}, token).Err(); err != nil {
		l.log.Warn("releasing the indexer lease; it expires on its own", "key", l.key, "err", err)
	}
}

func newToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}
