package indexer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/contracts/ownership"
)

// Sink receives each processed range's invalidations: *ownership.Publisher
// with Redis, a SinkFunc over (*ownership.Checker).Apply in one process. An
// error makes the indexer retry the range; invalidations are idempotent.
type Sink interface {
	Publish(ctx context.Context, invs ...ownership.Invalidation) error
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(ctx context.Context, invs ...ownership.Invalidation) error

// Publish calls f.
func (f SinkFunc) Publish(ctx context.Context, invs ...ownership.Invalidation) error {
	return f(ctx, invs...)
}

var _ Sink = (*ownership.Publisher)(nil)

// Deps are what the indexer publishes to and keeps its place in.
type Deps struct {
	// Sink receives the invalidations (required).
	Sink Sink
	// Redis, when set, keeps each chain's last processed block
	// ({prefix}indexer:{chain}:block) and lease ({prefix}indexer:{chain}:lease:
	// of the indexers sharing it, only the holder follows and publishes the
	// chain) and names the contracts checkers read ({prefix}own:contracts);
	// nil keeps the place in memory only, without a lease.
	Redis  redis.UniversalClient
	Prefix string
	// Metrics registers the indexer's series (nil: a private registry).
	Metrics prometheus.Registerer
	// LogInvalidations logs one INFO line per invalidation read from a
	// block (chain, contract, token, from, to, block; repeats and reorg
	// undos are not logged). Local sets it: one machine's operator sees a
	// transfer revoke; a busy standalone indexer stays quiet.
	LogInvalidations bool
}

// Indexer follows token transfers on the configured chains and publishes
// the invalidations they imply. It is safe for concurrent use.
type Indexer struct {
	cfg       Config
	deps      Deps
	log       *slog.Logger
	followers map[int64]*follower
	unknown   sync.Map // chain ids Add was given but that are not followed
}

// New checks cfg and prepares one follower per chain; nothing is dialed
// until Run.
func New(cfg Config, deps Deps, log *slog.Logger) (*Indexer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if deps.Sink == nil {
		return nil, errors.New("indexer: no sink to publish to")
	}
	var store cursors = &memCursors{}
	if deps.Redis != nil {
		store = redisCursors{rdb: deps.Redis, prefix: deps.Prefix}
	}
	if cfg.State.Enabled && deps.Redis == nil && len(cfg.Chains) > 0 {
		// On by default: one line, not a warning per chain, says why it is off.
		log.Info("indexer.state off: no Redis to keep the holders in; checks ask the RPC")
	}
	m := newMetrics(deps.Metrics)
	x := &Indexer{cfg: cfg, deps: deps, log: log, followers: map[int64]*follower{}}
	for i, ch := range cfg.Chains {
		if len(ch.RPC) == 0 {
			return nil, fmt.Errorf("indexer.chains[%d].rpc: want at least one endpoint", i)
		}
		cm := m.chain(ch.ID)
		f := newFollower(&x.cfg, ch, deps.Sink, store, cm, log.With("chain", ch.ID))
		if cfg.State.Enabled && deps.Redis != nil {
			f.keeper = newKeeper(&x.cfg.State, deps.Redis, deps.Prefix, ch.ID)
		}
		f.logInvs = deps.LogInvalidations
		if deps.Redis != nil {
			f.lease = &lease{rdb: deps.Redis, key: LeaseKey(deps.Prefix, ch.ID), ttl: cfg.LeaseTTL, held: cm.leaseHeld, takeovers: cm.takeovers, log: f.log}
		} else {
			cm.leaseHeld.Set(1)
		}
		for _, a := range ch.Contracts {
			f.watch(common.HexToAddress(a))
		}
		x.followers[ch.ID] = f
	}
	return x, nil
}

// Local returns an indexer for one process without Redis: it applies
// invalidations straight to c and follows the contracts c reads. Its place
// is kept in memory: after a restart c's cache is empty too.
func Local(cfg Config, c *ownership.Checker, reg prometheus.Registerer, log *slog.Logger) (*Indexer, error) {
	sink := SinkFunc(func(_ context.Context, invs ...ownership.Invalidation) error {
		c.Apply(invs...)
		return nil
	})
	cfg.State.Enabled = false // no Redis to keep it in: c's own line says the state is off
	x, err := New(cfg, Deps{Sink: sink, Metrics: reg, LogInvalidations: true}, log)
	if err != nil {
		return nil, err
	}
	c.OnContract(x.Add)
	return x, nil
}

// Add follows contract on chainID from now on, first reading its transfers
// of the last cfg.Backfill blocks. It is cheap for a contract already
// followed; (*ownership.Checker).OnContract calls it in-process.
func (x *Indexer) Add(chainID int64, contract common.Address) {
	f := x.followers[chainID]
	if f == nil {
		if _, dup := x.unknown.LoadOrStore(chainID, true); !dup {
			x.log.Warn("not following a contract on a chain the indexer does not know", "chain", chainID, "contract", contract)
		}
		return
	}
	f.watch(contract)
}

// Processed returns the last block processed on chainID (0 before the first).
func (x *Indexer) Processed(chainID int64) uint64 {
	if f := x.followers[chainID]; f != nil {
		return f.processed.Load()
	}
	return 0
}

// Run follows every chain until ctx is canceled. Chain and Redis failures
// are logged, counted and retried; they never end Run.
func (x *Indexer) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for _, f := range x.followers {
		wg.Go(func() { f.run(ctx) })
	}
	if x.deps.Redis != nil && len(x.followers) > 0 {
		wg.Go(func() { x.refreshContracts(ctx) })
	}
	wg.Wait()
	return nil
}

// refreshContracts follows the contracts that checkers announce in Redis.
func (x *Indexer) refreshContracts(ctx context.Context) {
	t := time.NewTicker(x.cfg.ContractsRefresh)
	defer t.Stop()
	failing := false
	for {
		members, err := x.deps.Redis.SMembers(ctx, ownership.ContractsKey(x.deps.Prefix)).Result()
		if err != nil && !failing && ctx.Err() == nil {
			x.log.Warn("reading the announced contracts; following the known ones", "err", err)
		}
		failing = err != nil
		for _, m := range members {
			if id, addr, ok := parseMember(m); ok {
				x.Add(id, addr)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// parseMember reads a "chain:0xcontract" member of ownership.ContractsKey.
func parseMember(m string) (int64, common.Address, bool) {
	chain, addr, ok := strings.Cut(m, ":")
	id, err := strconv.ParseInt(chain, 10, 64)
	if !ok || err != nil || !common.IsHexAddress(addr) {
		return 0, common.Address{}, false
	}
	return id, common.HexToAddress(addr), true
}
