package indexer

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/streamgate/streamgate/contracts/chainrpc"
	"github.com/streamgate/streamgate/internal/redisconf"
)

// Config configures an indexer: `streamgate indexer` reads it under
// `indexer:` in configs/indexer.yaml, an edge that runs one in-process under
// `indexer:` in configs/edge.yaml.
type Config struct {
	// Chains lists the chains to follow. In-process, an edge follows every
	// ownership chain, with these entries' settings where listed.
	Chains []ChainConfig `yaml:"chains"`
	// PollInterval is how often each chain's head is read when the RPC
	// offers no subscription (http); over ws a new head wakes the indexer
	// at once and polling is only a safety net. One eth_getBlockByNumber
	// per poll and chain.
	PollInterval time.Duration `yaml:"poll_interval"`
	// MaxRange bounds the blocks one eth_getLogs covers while catching up;
	// providers cap it (often 1000–10000).
	MaxRange uint64 `yaml:"max_range"`
	// Backfill is how many blocks back a newly seen contract is read, and
	// where a first start without a saved block begins: transfers between
	// a cached read and the moment the indexer learns the contract.
	Backfill uint64 `yaml:"backfill"`
	// ReorgWindow is how many processed ranges are remembered to undo a
	// reorg: their invalidations are published again when their blocks
	// leave the canonical chain.
	ReorgWindow int `yaml:"reorg_window"`
	// RepeatAfter publishes each invalidation a second time after this long
	// (0: never), to drop an answer read from an RPC node that had not seen
	// the transfer's block yet, or stored back by a read that raced it.
	RepeatAfter time.Duration `yaml:"repeat_after"`
	// ContractsRefresh is how often the Redis set sg:own:contracts (the
	// contracts edges and signers read) is read again.
	ContractsRefresh time.Duration `yaml:"contracts_refresh"`
	// CallTimeout bounds one RPC call to one endpoint.
	CallTimeout time.Duration `yaml:"call_timeout"`
	// LeaseTTL is how long a chain's Redis lease lasts unless renewed (its
	// holder renews it every third of this): a dead indexer is replaced
	// within about 1.1 × LeaseTTL. Shorter trades more Redis writes and
	// spurious handovers on Redis hiccups for faster takeover.
	LeaseTTL time.Duration `yaml:"lease_ttl"`
	// State keeps the holders of the ERC-721 and ERC-1155 contracts
	// followed, for checks to answer from without RPC.
	State StateConfig `yaml:"state"`
}

// ChainConfig is one chain to follow: the shape ownership.chains has too
// (the indexer reads id, rpc, confirmations and contracts).
type ChainConfig = chainrpc.ChainConfig

// DefaultConfig follows no chain until some are listed (or inherited).
func DefaultConfig() Config {
	return Config{
		PollInterval:     200 * time.Millisecond,
		MaxRange:         1000,
		Backfill:         64,
		ReorgWindow:      256,
		RepeatAfter:      2 * time.Second,
		ContractsRefresh: time.Second,
		CallTimeout:      5 * time.Second,
		// Two renewals may fail (a Redis failover takes a few seconds)
		// before the lease lapses; a takeover delays revocation on that
		// chain by at most ~11 s, well under the ownership cache's TTLs.
		LeaseTTL: 10 * time.Second,
		State:    DefaultStateConfig(),
	}
}

// Validate reports the first invalid field by its YAML path (under indexer.).
func (c *Config) Validate() error {
	switch {
	case c.PollInterval <= 0:
		return fmt.Errorf("indexer.poll_interval: want > 0, got %s", c.PollInterval)
	case c.MaxRange == 0:
		return errors.New("indexer.max_range: want > 0")
	case c.Backfill > c.MaxRange:
		return fmt.Errorf("indexer.backfill: want <= max_range (%d), got %d", c.MaxRange, c.Backfill)
	case c.ReorgWindow <= 0:
		return fmt.Errorf("indexer.reorg_window: want > 0, got %d", c.ReorgWindow)
	case c.RepeatAfter < 0:
		return fmt.Errorf("indexer.repeat_after: want >= 0, got %s", c.RepeatAfter)
	case c.ContractsRefresh <= 0 || c.CallTimeout <= 0:
		return errors.New("indexer.contracts_refresh, call_timeout: want > 0")
	case c.LeaseTTL < 100*time.Millisecond:
		return fmt.Errorf("indexer.lease_ttl: want >= 100ms, got %s", c.LeaseTTL)
	}
	if err := c.State.validate(); err != nil {
		return err
	}
	if c.State.Enabled && c.State.LiveTTL <= c.PollInterval {
		return fmt.Errorf("indexer.state.live_ttl: want > poll_interval (%s), got %s (raise live_ttl, or set indexer.state.enabled: false)", c.PollInterval, c.State.LiveTTL)
	}
	return chainrpc.ValidateChains("indexer", c.Chains, false)
}

// Inherit returns c following every chain in own too (the edge's
// ownership.chains, one shape with c.Chains): chains c lists take their
// missing RPC endpoints from own, the others are own's entries as they are.
// An edge running the indexer in-process calls it.
func (c Config) Inherit(own []ChainConfig) Config {
	chains := slices.Clone(c.Chains)
	for _, oc := range own {
		i := slices.IndexFunc(chains, func(ch ChainConfig) bool { return ch.ID == oc.ID })
		switch {
		case i < 0:
			chains = append(chains, oc)
		case len(chains[i].RPC) == 0:
			chains[i].RPC = oc.RPC
		}
	}
	c.Chains = chains
	return c
}

// ServiceConfig is `streamgate indexer`'s configuration (configs/indexer.yaml).
type ServiceConfig struct {
	Indexer Config      `yaml:"indexer"`
	Redis   RedisConfig `yaml:"redis"`
	// MetricsListen serves /metrics (lag per chain) and /healthz.
	MetricsListen string `yaml:"metrics_listen"`
}

// RedisConfig is the Redis that edges and signers subscribe to; the indexer
// publishes there and keeps its place (required).
type RedisConfig = redisconf.Config

// DefaultServiceConfig returns the defaults that configs/indexer.yaml shows.
func DefaultServiceConfig() ServiceConfig {
	return ServiceConfig{
		Indexer:       DefaultConfig(),
		Redis:         redisconf.Default("127.0.0.1:6379"),
		MetricsListen: "127.0.0.1:9102",
	}
}

// Validate reports the first invalid field by its YAML path.
func (c *ServiceConfig) Validate() error {
	if err := c.Indexer.Validate(); err != nil {
		return err
	}
	if !c.Redis.Enabled() {
		return errors.New("redis.addr: want host:port (without Redis, run the indexer inside an edge that hosts the signer)")
	}
	if err := c.Redis.Validate(); err != nil {
		return err
	}
	for i, ch := range c.Indexer.Chains {
		if len(ch.RPC) == 0 {
			return fmt.Errorf("indexer.chains[%d].rpc: want at least one endpoint", i)
		}
	}
	return nil
}
