package signer

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// nonceStore holds the nonces GET /auth/nonce issued until they are used or
// expire. take is atomic: of two requests with one nonce, one wins.
type nonceStore interface {
	// put stores a fresh nonce; it fails with errBusy when the store is full
	// and errNonceStore when the store cannot be reached.
	put(ctx context.Context, nonce string, now time.Time) error
	// take consumes nonce: nil the first time within its TTL, errNonce after.
	take(ctx context.Context, nonce string, now time.Time) error
}

var (
	_ nonceStore = (*memNonces)(nil)
	_ nonceStore = (*redisNonces)(nil)
)

// memNonces is the in-process store, for a single signer. Every nonce has
// the same TTL, so issue order is expiry order: a queue expires them in
// O(1) per nonce, and its length (nonces issued within one TTL, used or not)
// is what max bounds, which bounds memory however requests interleave.
type memNonces struct {
	ttl time.Duration
	max int

	mu    sync.Mutex
	live  map[string]time.Time // unused nonce → expiry
	queue []queuedNonce        // issued within the last TTL, oldest at head
	head  int
}

type queuedNonce struct {
	nonce   string
	expires time.Time
}

func newMemNonces(ttl time.Duration, limit int) *memNonces {
	return &memNonces{ttl: ttl, max: limit, live: make(map[string]time.Time)}
}

func (m *memNonces) put(_ context.Context, nonce string, now time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.expire(now)
	if len(m.queue)-m.head >= m.max {
		return fmt.Errorf("%w: %d nonces issued in the last %s", errBusy, m.max, m.ttl)
	}
	exp := now.Add(m.ttl)
	m.live[nonce] = exp
	m.queue = append(m.queue, queuedNonce{nonce, exp})
	return nil
}

func (m *memNonces) take(_ context.Context, nonce string, now time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	exp, ok := m.live[nonce]
	if !ok || !now.Before(exp) {
		return errNonce
	}
	delete(m.live, nonce)
	return nil
}

// expire drops the nonces whose TTL has passed, and compacts the queue once
// half of it is spent so that it does not grow without bound.
func (m *memNonces) expire(now time.Time) {
	for m.head < len(m.queue) && !now.Before(m.queue[m.head].expires) {
		delete(m.live, m.queue[m.head].nonce)
		m.queue[m.head] = queuedNonce{}
		m.head++
	}
	if m.head > 64 && m.head > len(m.queue)/2 {
		n := copy(m.queue, m.queue[m.head:])
		clear(m.queue[n:])
		m.queue, m.head = m.queue[:n], 0
	}
}

// redisNonces keeps nonces in Redis (docs/protocol.md: {prefix}nonce:{nonce}), so
// that any signer redeems a nonce any other issued. Redis expires them.
type redisNonces struct {
	rdb    redis.UniversalClient
	prefix string
	ttl    time.Duration
}

func (r *redisNonces) key(nonce string) string { return r.prefix + "nonce:" + nonce }

func (r *redisNonces) put(ctx context.Context, nonce string, _ time.Time) error {
	ok, err := r.rdb.SetNX(ctx, r.key(nonce), 1, r.ttl).Result()
	switch {
	case err != nil:
		return fmt.Errorf("%w: storing nonce: %w", errNonceStore, err)
	case !ok: // 130 random bits: a collision means a broken random source
		return fmt.Errorf("%w: nonce already stored", errNonceStore)
	}
	return nil
}

func (r *redisNonces) take(ctx context.Context, nonce string, _ time.Time) error {
	err := r.rdb.GetDel(ctx, r.key(nonce)).Err()
	switch {
	case errors.Is(err, redis.Nil):
		return errNonce
	case err != nil:
		return fmt.Errorf("%w: consuming nonce: %w", errNonceStore, err)
	}
	return nil
}
