package chainrpc

import (
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// CanonicalMulticall3 is where Multicall3 lives on most EVM chains.
var CanonicalMulticall3 = common.HexToAddress("0xcA11bde05977b3631167028862bE2a173976CA11")

// ChainConfig is one chain, the entry of both `ownership.chains` and
// `indexer.chains`: each reader uses the keys it needs and ignores the rest.
type ChainConfig struct {
	// ID is the EIP-155 chain id.
	ID int64 `yaml:"id"`
	// RPC lists JSON-RPC endpoints (http, https, ws, wss), tried in order;
	// the indexer subscribes to new heads on the first ws(s) one. An
	// indexer running inside an edge takes ownership's when empty.
	RPC []string `yaml:"rpc"`
	// Multicall3 is the Multicall3 address used to batch ownership calls:
	// "" for CanonicalMulticall3, "none" to make parallel calls instead.
	// Absent code is detected and falls back.
	Multicall3 string `yaml:"multicall3"`
	// Confirmations is how many blocks a transfer waits before the indexer
	// revokes: 0 revokes at once (a reorg then gives access back); more
	// trades revocation delay for fewer reorg flip-flops.
	Confirmations uint64 `yaml:"confirmations"`
	// Contracts (0x addresses) the indexer always follows, beside those
	// that checkers announce.
	Contracts []string `yaml:"contracts"`
}

// ValidateChains reports the first invalid entry of a chain list by its
// YAML path under section (e.g. "ownership"): ids > 0 and unique, rpc
// URLs with a scheme the client speaks, contracts as 0x addresses, and
// multicall3 "", "none" or an address. needRPC also requires an endpoint
// per chain.
func ValidateChains(section string, chains []ChainConfig, needRPC bool) error {
	seen := map[int64]bool{}
	for i, ch := range chains {
		at := fmt.Sprintf("%s.chains[%d]", section, i)
		switch {
		case ch.ID <= 0:
			return fmt.Errorf("%s.id: want > 0, got %d", at, ch.ID)
		case seen[ch.ID]:
			return fmt.Errorf("%s.id: chain %d listed twice", at, ch.ID)
		case needRPC && len(ch.RPC) == 0:
			return fmt.Errorf("%s.rpc: want at least one endpoint", at)
		}
		seen[ch.ID] = true
		for j, u := range ch.RPC {
			if !hasScheme(u, "http://", "https://", "ws://", "wss://") {
				// Only the scheme is shown: the rest may hold an API key.
				scheme, _, found := strings.Cut(u, "://")
				if !found {
					scheme = "none"
				}
				return fmt.Errorf("%s.rpc[%d]: want an http(s):// or ws(s):// URL, got scheme %q", at, j, scheme)
			}
		}
		for _, a := range ch.Contracts {
			if !common.IsHexAddress(a) {
				return fmt.Errorf("%s.contracts: want 0x addresses, got %q", at, a)
			}
		}
		if m := strings.ToLower(ch.Multicall3); m != "" && m != "none" && !common.IsHexAddress(m) {
			return fmt.Errorf("%s.multicall3: want \"\", \"none\" or a 0x address, got %q", at, ch.Multicall3)
		}
	}
	return nil
}

func hasScheme(u string, schemes ...string) bool {
	for _, s := range schemes {
		if strings.HasPrefix(strings.ToLower(u), s) {
			return true
		}
	}
	return false
}
