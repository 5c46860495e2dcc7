package ownership

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"
)

// Indexed ownership state (docs/protocol.md §8): the indexer keeps, per
// ERC-721 and ERC-1155 contract it follows, every holder's balance and every
// token's owner in Redis, exact through the block in StateSyncedKey. The
// checker answers from it with no RPC call while the indexer is live and
// caught up; everything else goes to the chain.

// StateSyncedKey is chain's "<number>:<hash>": the block through which every
// live contract's state is exact.
func StateSyncedKey(prefix string, chain int64) string {
	return prefix + "idx:" + strconv.FormatInt(chain, 10) + ":synced"
}

// StateLiveKey is chain's heartbeat "<head>:<synced>:<target>" (head seen,
// state synced block, head minus confirmations), written by the indexer at
// every poll with a TTL: absent means no live indexer.
func StateLiveKey(prefix string, chain int64) string {
	return prefix + "idx:" + strconv.FormatInt(chain, 10) + ":live"
}

// StateContractsKey is chain's hash of lowercase contract → status:
// "live:<start>:<from>:<std>" (exact: history read from block start, kept
// up to date since block from), "backfill:<start>:<next>:<std>" (history
// read from start up to block next, exclusive: not answerable yet), "erc20"
// (balances not kept: RPC) or "unsupported:<reason>"; std is the standard
// its events showed, "erc721", "erc1155" or "-" (none yet).
func StateContractsKey(prefix string, chain int64) string {
	return prefix + "idx:" + strconv.FormatInt(chain, 10) + ":contracts"
}

// StateUpdatedKey is chain's hash of lowercase contract → unix ms of the
// last write to its status or holders (observability: checks do not read it).
func StateUpdatedKey(prefix string, chain int64) string {
	return prefix + "idx:" + strconv.FormatInt(chain, 10) + ":updated"
}

// StateKey is one contract's hash: "o:<id>" → owner (lowercase 0x address)
// of an ERC-721 token, "b:<wallet>" → ERC-721 balance, "b:<id>:<wallet>" →
// ERC-1155 balance, decimal; an absent field is 0 (no owner).
func StateKey(prefix string, chain int64, contract common.Address) string {
	return prefix + "idx:" + strconv.FormatInt(chain, 10) + ":" + strings.ToLower(contract.Hex())
}

// OwnerField is the ERC-721 owner field of token id in StateKey.
func OwnerField(id *uint256.Int) string { return "o:" + id.Dec() }

// BalanceField is the ERC-721 balance field of wallet in StateKey.
func BalanceField(wallet common.Address) string { return "b:" + strings.ToLower(wallet.Hex()) }

// BalanceIDField is the ERC-1155 balance field of wallet for id in StateKey.
func BalanceIDField(id *uint256.Int, wallet common.Address) string {
	return "b:" + id.Dec() + ":" + strings.ToLower(wallet.Hex())
}

// StateConfig is `ownership.state`: answering from the indexer's state.
type StateConfig struct {
	// Enabled answers ERC-721 and ERC-1155 checks from the indexed state
	// when it is live (an indexer with indexer.state.enabled on the same
	// Redis). Without redis.addr it is off: checks ask the RPC. On, it
	// costs one Redis pipeline per Refresh (GET, PTTL, HGETALL per chain).
	Enabled bool `yaml:"enabled"`
	// MaxLagBlocks: the state answers only while the indexer is at most this
	// many blocks behind the head minus its confirmations.
	MaxLagBlocks uint64 `yaml:"max_lag_blocks"`
	// MaxTrust bounds how long an answer read from the state is trusted
	// while the indexer stays live (invalidations drop it sooner when the
	// tokens move); once the indexer is not live, it counts for
	// positive_ttl / negative_ttl from its read like an RPC answer.
	MaxTrust time.Duration `yaml:"max_trust"`
	// Refresh is how often the indexer's heartbeat and the contracts'
	// statuses are read from Redis.
	Refresh time.Duration `yaml:"refresh"`
}

// DefaultStateConfig is on (where Redis is configured): it reads the
// heartbeat every 250 ms and trusts an answer for up to an hour.
func DefaultStateConfig() StateConfig {
	return StateConfig{Enabled: true, MaxLagBlocks: 2, MaxTrust: time.Hour, Refresh: 250 * time.Millisecond}
}

func (s *StateConfig) validate() error {
	if s.MaxTrust <= 0 || s.Refresh <= 0 {
		return errors.New("ownership.state.max_trust, refresh: want > 0")
	}
	return nil
}

// chainState is what the checker knows of one chain's indexer.
type chainState struct {
	liveUntil atomic.Int64                              // unix ns; past it the state does not answer
	atHead    atomic.Bool                               // synced == head at the last heartbeat
	contracts atomic.Pointer[map[common.Address]string] // live contracts → standard shown
	lag       prometheus.Gauge                          // streamgate_ownership_state_lag_blocks{chain}
}

// stateReader polls the indexer's heartbeat and contract statuses.
type stateReader struct {
	rdb    redis.UniversalClient
	prefix string
	cfg    StateConfig
	chains map[int64]*chainState // fixed at New: read without a lock
	stop   context.CancelFunc
	done   chan struct{}
}

func newStateReader(rdb redis.UniversalClient, prefix string, cfg StateConfig, chains []ChainConfig, m *Metrics) *stateReader {
	r := &stateReader{rdb: rdb, prefix: prefix, cfg: cfg, chains: map[int64]*chainState{}, done: make(chan struct{})}
	for _, ch := range chains {
		lag := m.stateLag.WithLabelValues(strconv.FormatInt(ch.ID, 10))
		lag.Set(-1) // no heartbeat read yet
		r.chains[ch.ID] = &chainState{lag: lag}
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.stop = cancel
	go r.run(ctx)
	return r
}

func (r *stateReader) close() {
	r.stop()
	<-r.done
}

func (r *stateReader) run(ctx context.Context) {
	defer close(r.done)
	t := time.NewTicker(r.cfg.Refresh)
	defer t.Stop()
	for {
		r.poll(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// poll reads every chain's heartbeat (and its remaining TTL) and contract
// statuses. A chain whose read fails stops answering once its last
// heartbeat's TTL runs out.
func (r *stateReader) poll(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, max(r.cfg.Refresh, 100*time.Millisecond))
	defer cancel()
	type cmds struct {
		live      *redis.StringCmd
		ttl       *redis.DurationCmd
		contracts *redis.MapStringStringCmd
	}
	pipe := r.rdb.Pipeline()
	got := map[int64]cmds{}
	for id := range r.chains {
		got[id] = cmds{
			live:      pipe.Get(ctx, StateLiveKey(r.prefix, id)),
			ttl:       pipe.PTTL(ctx, StateLiveKey(r.prefix, id)),
			contracts: pipe.HGetAll(ctx, StateContractsKey(r.prefix, id)),
		}
	}
	began := time.Now()
	_, _ = pipe.Exec(ctx) // each command's own error is read below
	for id, c := range got {
		r.chains[id].update(c.live, c.ttl, c.contracts, r.cfg.MaxLagBlocks, began)
	}
}

func (s *chainState) update(live *redis.StringCmd, ttl *redis.DurationCmd, contracts *redis.MapStringStringCmd, maxLag uint64, began time.Time) {
	if err := live.Err(); err != nil && !errors.Is(err, redis.Nil) || ttl.Err() != nil || contracts.Err() != nil {
		// Not read: the last heartbeat read stays good until its TTL ran
		// out, which it can only have done later than liveUntil.
		return
	}
	head, synced, target, ok := parseLive(live.Val())
	d := ttl.Val()
	if !ok || d <= 0 {
		s.lag.Set(-1)
		s.liveUntil.Store(0)
		return
	}
	s.lag.Set(float64(target - min(synced, target)))
	if synced+maxLag < target {
		s.liveUntil.Store(0)
		return
	}
	m := map[common.Address]string{}
	for c, status := range contracts.Val() {
		// "live:<start>:<from>:<std>"
		if f := strings.Split(status, ":"); len(f) == 4 && f[0] == "live" && common.IsHexAddress(c) {
			m[common.HexToAddress(c)] = f[3]
		}
	}
	s.contracts.Store(&m)
	s.atHead.Store(synced >= head)
	// The heartbeat's TTL counted from before the read: never later than
	// the key really expires.
	s.liveUntil.Store(began.Add(d).UnixNano())
}

// parseLive reads StateLiveKey's "<head>:<synced>:<target>".
func parseLive(v string) (head, synced, target uint64, ok bool) {
	f := strings.Split(v, ":")
	if len(f) != 3 {
		return 0, 0, 0, false
	}
	var err [3]error
	head, err[0] = strconv.ParseUint(f[0], 10, 64)
	synced, err[1] = strconv.ParseUint(f[1], 10, 64)
	target, err[2] = strconv.ParseUint(f[2], 10, 64)
	return head, synced, target, err[0] == nil && err[1] == nil && err[2] == nil
}

// live reports whether chain's state answers at t (unix ns). It allocates
// nothing: the edge asks it on cache hits.
func (r *stateReader) live(chain int64, t int64) bool {
	s := r.chains[chain]
	return s != nil && t < s.liveUntil.Load()
}

// answers reports whether f can be read from the state at t, and whether a
// zero read there is final (the state is at the head: nothing newer could
// have given the wallet a token).
func (r *stateReader) answers(f *fact, t int64) (ok, zeroFinal bool) {
	s := r.chains[f.chain]
	if s == nil || t >= s.liveUntil.Load() {
		return false, false
	}
	m := s.contracts.Load()
	if m == nil {
		return false, false
	}
	std, ok := (*m)[f.contract]
	switch {
	case !ok:
		return false, false
	case f.kind == balanceOf && std != StdERC721, // an ERC-20 answers balanceOf too
		f.kind == ownerOf && std == StdERC1155,
		f.kind == balanceOfID && std == StdERC721:
		return false, false
	}
	return true, s.atHead.Load()
}

// field is f's field in StateKey.
func (f *fact) field() string {
	switch f.kind {
	case ownerOf:
		return OwnerField(&f.id)
	case balanceOfID:
		return BalanceIDField(&f.id, f.wallet)
	}
	return BalanceField(f.wallet)
}

// fromState answers the facts the indexed state can and returns the rest.
// A zero is kept for the chain unless the state is at the head, so a wallet
// that just received a token is asked about before a 403. A Redis failure
// or a malformed value leaves the facts to the chain.
func (c *Checker) fromState(ctx context.Context, facts []fact, now time.Time) []fact {
	if c.state == nil {
		return facts
	}
	t := now.UnixNano()
	var ask []int
	final := make([]bool, len(facts))
	for i := range facts {
		if ok, zeroFinal := c.state.answers(&facts[i], t); ok {
			ask = append(ask, i)
			final[i] = zeroFinal
		}
	}
	if len(ask) == 0 {
		return facts
	}
	gen := c.hooks.gen.Load()
	pipe := c.state.rdb.Pipeline()
	cmds := make([]*redis.StringCmd, len(ask))
	for j, i := range ask {
		f := &facts[i]
		cmds[j] = pipe.HGet(ctx, StateKey(c.state.prefix, f.chain, f.contract), f.field())
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		c.metrics.redisErrors.Inc()
		c.log.Warn("indexed ownership state unavailable; asking the chain", "err", err)
		return facts
	}
	answered := make([]bool, len(facts))
	var stored []*entry
	for j, i := range ask {
		f := &facts[i]
		v, err := stateValue(f, cmds[j])
		if err != nil {
			c.metrics.redisErrors.Inc()
			c.log.Warn("malformed indexed ownership state; asking the chain", "contract", f.contract, "err", err)
			continue
		}
		if v.IsZero() && !final[i] {
			continue
		}
		e := c.newEntry(*f, v, now)
		e.trusted = now.Add(c.cfg.State.MaxTrust).UnixNano()
		c.store(e, now)
		stored = append(stored, e)
		answered[i] = true
		c.metrics.stateAnswers.Inc()
	}
	c.local.cache.Wait()
	c.raced(gen, stored) // a transfer during the read: the next request reads again
	var rest []fact
	for i := range facts {
		if !answered[i] {
			rest = append(rest, facts[i])
		}
	}
	return rest
}

// stateValue turns an HGET of f's field into f's value.
func stateValue(f *fact, cmd *redis.StringCmd) (uint256.Int, error) {
	var v uint256.Int
	s, err := cmd.Result()
	switch {
	case errors.Is(err, redis.Nil):
		return v, nil
	case err != nil:
		return v, err
	case f.kind == ownerOf:
		if !common.IsHexAddress(s) {
			return v, fmt.Errorf("owner %q is not an address", s)
		}
		if common.HexToAddress(s) == f.wallet {
			v.SetOne()
		}
		return v, nil
	}
	if err := v.SetFromDecimal(s); err != nil {
		return v, fmt.Errorf("balance %q: %w", s, err)
	}
	return v, nil
}

// The standard a contract's events showed, the last field of a live or
// backfill status in StateContractsKey: checks of an ERC-721 balance ask the
// state only about a contract that showed ERC-721 events (an ERC-20 shares
// balanceOf), of a token's owner or an ERC-1155 balance one that showed no
// other standard.
const (
	StdNone    = "-"
	StdERC721  = "erc721"
	StdERC1155 = "erc1155"
)
