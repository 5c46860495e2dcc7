package ownership

import (
	"errors"
	"fmt"
	"time"
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
}

// ChainConfig is one chain.
type ChainConfig struct {
	// ID is the EIP-155 chain id.
	ID int64 `yaml:"id"`
	// RPC lists JSON-RPC endpoints (http, https, ws, wss), tried in order.
	RPC []string `yaml:"rpc"`
	// Multicall3 is the Multicall3 address used to batch calls: "" for the
	// canonical 0xcA11bde05977b3631167028862bE2a173976CA11, "none" to make
	// parallel calls instead. Absent code is detected and falls back.
	Multicall3 string `yaml:"multicall3"`
}

// DefaultConfig has no chains: only public assets play until some are added.
func DefaultConfig() Config {
	return Config{
		PositiveTTL:  60 * time.Second,
		NegativeTTL:  10 * time.Second,
		CallTimeout:  3 * time.Second,
		Grace:        5 * time.Minute,
		CacheEntries: 1_000_000,
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
	}
	seen := map[int64]bool{}
	for i, ch := range c.Chains {
		switch {
		case ch.ID <= 0:
			return fmt.Errorf("ownership.chains[%d].id: want > 0, got %d", i, ch.ID)
		case seen[ch.ID]:
			return fmt.Errorf("ownership.chains[%d].id: chain %d listed twice", i, ch.ID)
		case len(ch.RPC) == 0:
			return fmt.Errorf("ownership.chains[%d].rpc: want at least one endpoint", i)
		}
		seen[ch.ID] = true
	}
	return nil
}
