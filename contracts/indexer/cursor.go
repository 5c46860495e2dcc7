package indexer

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/common"
	"github.com/redis/go-redis/v9"
)

// cursor is the last block processed: its number and hash, so that the
// next block's parent hash tells whether the chain reorganized meanwhile.
type cursor struct {
	num  uint64
	hash common.Hash
}

// cursors keep each chain's place across restarts. save writes only while
// token holds the chain's lease (Redis), else fails with errLeaseLost.
type cursors interface {
	load(ctx context.Context, chainID int64) (cursor, bool, error)
	save(ctx context.Context, chainID int64, c cursor, token string) error
}

// redisCursors keep the place in {prefix}indexer:{chain}:block as
// "<number>:<hash>".
type redisCursors struct {
	rdb    redis.UniversalClient
	prefix string
}

// CursorKey is the Redis key of chainID's last processed block.
func CursorKey(prefix string, chainID int64) string {
	return prefix + "indexer:" + strconv.FormatInt(chainID, 10) + ":block"
}

func (r redisCursors) load(ctx context.Context, chainID int64) (cursor, bool, error) {
	v, err := r.rdb.Get(ctx, CursorKey(r.prefix, chainID)).Result()
	if errors.Is(err, redis.Nil) {
		return cursor{}, false, nil
	}
	if err != nil {
		return cursor{}, false, err
	}
	num, hash, ok := strings.Cut(v, ":")
	n, perr := strconv.ParseUint(num, 10, 64)
	if !ok || perr != nil || len(hash) != 66 {
		return cursor{}, false, fmt.Errorf("%s: malformed %q", CursorKey(r.prefix, chainID), v)
	}
	return cursor{num: n, hash: common.HexToHash(hash)}, true, nil
}

// save is fenced by the lease in the same script: with a Redis Cluster the
// prefix must carry a hash tag ({sg}:) so both keys share a slot.
func (r redisCursors) save(ctx context.Context, chainID int64, c cursor, token string) error {
	keys := []string{LeaseKey(r.prefix, chainID), CursorKey(r.prefix, chainID)}
	n, err := fencedSet.Run(ctx, r.rdb, keys, token, strconv.FormatUint(c.num, 10)+":"+c.hash.Hex()).Int()
	if err == nil && n == 0 {
		err = errLeaseLost
	}
	return err
}

// memCursors serve an in-process indexer without Redis (so without a
// lease: it is the only one publishing to its process): after a restart it
// starts near the head, which is right because the caches it protects
// restart empty too.
type memCursors struct {
	mu sync.Mutex
	m  map[int64]cursor
}

func (m *memCursors) load(_ context.Context, chainID int64) (cursor, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.m[chainID]
	return c, ok, nil
}

func (m *memCursors) save(_ context.Context, chainID int64, c cursor, _ string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[int64]cursor{}
	}
	m.m[chainID] = c
	return nil
}
