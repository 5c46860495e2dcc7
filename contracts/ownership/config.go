package ownership

import (
	"errors"
	"fmt"
	"time"

	"github.com/streamgate/streamgate/contracts/chainrpc"
)

// Config configures the ownership checks; the signer's and edge's configs
// embed it under `ownership:`.
type Config struct {
	// Chains lists every chain a policy may name, with its RPC endpoints.
	Chains []ChainConfig `yaml:"chains"`
	// PositiveTTL is how long "holds" is trusted; NegativeTTL "does not".
	PositiveTTL time.Duration `yaml:"positive_ttl"`
	NegativeTTL time.Duration `yaml:"negative_ttl"`
	// CallTimeout bounds one RPC call to one endpoint.
	CallTimeout time.Duration `yaml:"call_timeout"`
	// Grace: when every endpoint of a chain fails, a positive answer this
	// recent still counts (otherwise 503, never 403).
	Grace time.Duration `yaml:"grace"`
	// CacheEntries bounds the in-process cache (facts, ~200 bytes each).
	CacheEntries int64 `yaml:"cache_entries"`
	// BatchWindow: the calls of checks of different wallets that reach one
	// chain within this window go out together, as one Multicall3
	// aggregate3 eth_call where the chain has Multicall3 (a first check
	// waits up to this long for company); 0 sends each check's calls at
	// once.
	BatchWindow time.Duration `yaml:"batch_window"`
	// BatchMax bounds the calls of one aggregate3 (a full batch goes at
	// once); a check needing this many or more calls goes alone.
	BatchMax int `yaml:"batch_max"`
	// State answers ERC-721 and ERC-1155 checks from the indexer's state.
	State StateConfig `yaml:"state"`
}

// ChainConfig is one chain: the shape indexer.chains has too (the checks
// read id, rpc and multicall3).
type ChainConfig = chainrpc.ChainConfig

// DefaultConfig has no chains: only public assets play until some are added.
func DefaultConfig() Config {
	return Config{
		PositiveTTL:  60 * time.Second,
		NegativeTTL:  10 * time.Second,
		CallTimeout:  3 * time.Second,
		Grace:        5 * time.Minute,
		CacheEntries: 1_000_000,
		BatchWindow:  5 * time.Millisecond,
		BatchMax:     256,
		State:        DefaultStateConfig(),
	}
}

// Validate reports the first invalid field by its YAML path.
func (c *Config) Validate() error {
	switch {
	case c.PositiveTTL <= 0 || c.NegativeTTL <= 0:
		return errors.New("ownership.positive_ttl, negative_ttl: want > 0")
	case c.CallTimeout <= 0:
		return fmt.Errorf("ownership.call_timeout: want > 0, got %s", c.CallTimeout)
	case c.Grace < 0:
		return fmt.Errorf("ownership.grace: want >= 0, got %s", c.Grace)
	case c.CacheEntries <= 0:
		return fmt.Errorf("ownership.cache_entries: want > 0, got %d", c.CacheEntries)
	case c.BatchWindow < 0 || c.BatchWindow > time.Second:
		return fmt.Errorf("ownership.batch_window: want 0..1s, got %s", c.BatchWindow)
	case c.BatchMax < 1 || c.BatchMax > 1000:
		return fmt.Errorf("ownership.batch_max: want 1..1000, got %d", c.BatchMax)
	}
	if err := c.State.validate(); err != nil {
		return err
	}
	return chainrpc.ValidateChains("ownership", c.Chains, true)
}
