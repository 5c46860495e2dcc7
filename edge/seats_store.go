package edge

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/asset/policy"
)

// seatKey names the pass whose seats sessions share. It is comparable, so it
// keys the memo without allocating.
type seatKey struct {
	chain    int64
	contract common.Address
	id       uint256.Int
	hasID    bool
	wallet   common.Address // zero for a token's seats
}

// seatOf is the seat key of condition c held by wallet: the token for an
// ERC-721 token_ids condition (its seats follow it to a new holder), the
// wallet's balance of the id for ERC-1155, the wallet for ERC-721 and
// ERC-20 balances.
func seatOf(c *policy.Condition, wallet common.Address, owned *uint256.Int) seatKey {
	k := seatKey{chain: c.ChainID, contract: c.Address}
	switch {
	case owned != nil:
		k.id, k.hasID = *owned, true
	case c.Standard == policy.ERC1155:
		k.id, k.hasID, k.wallet = c.IDs[0], true, wallet
	default:
		k.wallet = wallet
	}
	return k
}

// redisKey is {prefix}seat:{chain}:{contract}:{id|_}:{wallet|_}.
func (k *seatKey) redisKey(prefix string) string {
	id, wallet := "_", "_"
	if k.hasID {
		id = k.id.Dec()
	}
	if k.wallet != (common.Address{}) {
		wallet = strings.ToLower(k.wallet.Hex())
	}
	return prefix + "seat:" + strconv.FormatInt(k.chain, 10) + ":" + strings.ToLower(k.contract.Hex()) + ":" + id + ":" + wallet
}

// seatStore holds the leases: take renews sid's lease on k, or takes one if
// fewer than maxStreams are live, and reports whether sid holds one;
// release drops the leases of wallet's sessions on k.
type seatStore interface {
	take(ctx context.Context, k *seatKey, wallet common.Address, sid string, maxStreams int, idle time.Duration, now time.Time) (bool, error)
	release(ctx context.Context, k *seatKey, wallet common.Address) error
}

// takeScript runs the lease decision atomically in Redis, so two edges
// agree: a sorted set per seat key of "wallet:sid" members scored by lease
// expiry (Redis's clock, so the edges' clocks do not matter).
var takeScript = redis.NewScript(`
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`)

// releaseScript drops the members of one wallet (ARGV[1] is "wallet:").
var releaseScript = redis.NewScript(`
for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if string.sub(m, 1, #ARGV[1]) == ARGV[1] then
    redis.call('ZREM', KEYS[1], m)
  end
end
return 0
`)

type redisSeats struct {
	rdb    redis.UniversalClient
	prefix string
}

func member(wallet common.Address) string { return strings.ToLower(wallet.Hex()) + ":" }

func (r redisSeats) take(ctx context.Context, k *seatKey, wallet common.Address, sid string, maxStreams int, idle time.Duration, _ time.Time) (bool, error) {
	n, err := takeScript.Run(ctx, r.rdb, []string{k.redisKey(r.prefix)}, member(wallet)+sid, maxStreams, idle.Milliseconds()).Int()
	return n == 1, err
}

func (r redisSeats) release(ctx context.Context, k *seatKey, wallet common.Address) error {
	return releaseScript.Run(ctx, r.rdb, []string{k.redisKey(r.prefix)}, member(wallet)).Err()
}

// localSeats are the leases of one edge: without Redis, or while it fails.
type localSeats struct {
	mu sync.Mutex
	m  map[seatKey]map[string]lease // by sid
}

type lease struct {
	wallet common.Address
	expiry int64 // unix ns
}

func newLocalSeats() *localSeats { return &localSeats{m: map[seatKey]map[string]lease{}} }

func (l *localSeats) take(_ context.Context, k *seatKey, wallet common.Address, sid string, maxStreams int, idle time.Duration, now time.Time) (bool, error) {
	t := now.UnixNano()
	l.mu.Lock()
	defer l.mu.Unlock()
	leases := l.m[*k]
	for s, ls := range leases {
		if ls.expiry <= t {
			delete(leases, s)
		}
	}
	if _, ok := leases[sid]; !ok && len(leases) >= maxStreams {
		return false, nil
	}
	if leases == nil {
		leases = map[string]lease{}
		l.m[*k] = leases
	}
	leases[sid] = lease{wallet: wallet, expiry: t + int64(idle)}
	return true, nil
}

func (l *localSeats) release(_ context.Context, k *seatKey, wallet common.Address) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for s, ls := range l.m[*k] {
		if ls.wallet == wallet {
			delete(l.m[*k], s)
		}
	}
	return nil
}

// sweep drops expired leases and empty seat keys.
func (l *localSeats) sweep(t int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, leases := range l.m {
		for s, ls := range leases {
			if ls.expiry <= t {
				delete(leases, s)
			}
		}
		if len(leases) == 0 {
			delete(l.m, k)
		}
	}
}
