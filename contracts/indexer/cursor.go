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

// cursors keep each chain's place across restarts.
type cursors interface {
	load(ctx context.Context, chainID int64) (cursor, bool, error)
	save(ctx context.Context, chainID int64, c cursor) error
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

func (r redisCursors) save(ctx context.Context, chainID int64, c cursor) error {
	return r.rdb.Set(ctx, CursorKey(r.prefix, chainID), strconv.FormatUint(c.num, 10)+":"+c.hash.Hex(), 0).Err()
}

// memCursors serve an in-process indexer without Redis: after a restart it
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

func (m *memCursors) save(_ context.Context, chainID int64, c cursor) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = map[int64]cursor{}
	}
	m.m[chainID] = c
	return nil
}
