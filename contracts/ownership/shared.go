package ownership

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/holiman/uint256"
	"github.com/redis/go-redis/v9"
)

// shared is the Redis layer that edges and signers share. Values are
// "<decimal balance>:<fresh-until unix ms>", so every reader honours the
// writer's TTL rather than restarting it. Redis trouble is never fatal: the
// caller falls through to the chain.
type shared struct {
	rdb    redis.UniversalClient
	prefix string
}

// get fills found[i] and vals[i] for the facts Redis knows fresh.
func (s *shared) get(ctx context.Context, facts []fact, now time.Time) ([]uint256.Int, []int64, error) {
	keys := make([]string, len(facts))
	for i := range facts {
		keys[i] = facts[i].redisKey(s.prefix)
	}
	raw, err := s.rdb.MGet(ctx, keys...).Result()
	if err != nil {
		return nil, nil, err
	}
	vals := make([]uint256.Int, len(facts))
	fresh := make([]int64, len(facts)) // 0: not found
	for i, r := range raw {
		str, ok := r.(string)
		if !ok {
			continue
		}
		bal, until, ok := strings.Cut(str, ":")
		ms, err := strconv.ParseInt(until, 10, 64)
		if !ok || err != nil || vals[i].SetFromDecimal(bal) != nil || ms <= now.UnixMilli() {
			continue
		}
		fresh[i] = ms * int64(time.Millisecond)
	}
	return vals, fresh, nil
}

// put stores fetched entries with their TTL.
func (s *shared) put(ctx context.Context, entries []*entry, now time.Time) error {
	pipe := s.rdb.Pipeline()
	for _, e := range entries {
		ttl := time.Duration(e.fresh - now.UnixNano())
		val := e.value.Dec() + ":" + strconv.FormatInt(e.fresh/int64(time.Millisecond), 10)
		pipe.Set(ctx, e.fact.redisKey(s.prefix), val, ttl)
	}
	_, err := pipe.Exec(ctx)
	return err
}

func (s *shared) del(ctx context.Context, facts []fact) error {
	keys := make([]string, len(facts))
	for i := range facts {
		keys[i] = facts[i].redisKey(s.prefix)
	}
	return s.rdb.Del(ctx, keys...).Err()
}
