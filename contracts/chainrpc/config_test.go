package chainrpc

import (
	"strings"
	"testing"
)

// TestValidateChains: every invalid entry is refused with its YAML path,
// and an endpoint's key never appears in the message.
func TestValidateChains(t *testing.T) {
	ok := ChainConfig{ID: 1, RPC: []string{"https://eth.example/v3/KEY", "WSS://eth.example/ws/KEY"}}
	for _, tc := range []struct {
		name    string
		chains  []ChainConfig
		needRPC bool
		want    string // "" = valid
	}{
		{"valid", []ChainConfig{ok, {ID: 2, RPC: []string{"http://127.0.0.1:8545"}, Multicall3: "NONE", Contracts: []string{"0x00000000000000000000000000000000000000aa"}}}, true, ""},
		{"no rpc where optional", []ChainConfig{{ID: 1}}, false, ""},
		{"canonical and custom multicall3", []ChainConfig{{ID: 1, RPC: ok.RPC, Multicall3: "0xcA11bde05977b3631167028862bE2a173976CA11"}}, true, ""},
		{"id zero", []ChainConfig{{ID: 0, RPC: ok.RPC}}, true, "x.chains[0].id"},
		{"negative id", []ChainConfig{{ID: -5, RPC: ok.RPC}}, true, "x.chains[0].id"},
		{"listed twice", []ChainConfig{ok, ok}, true, "x.chains[1].id"},
		{"no rpc where needed", []ChainConfig{{ID: 1}}, true, "x.chains[0].rpc"},
		{"no scheme", []ChainConfig{{ID: 1, RPC: []string{"eth.example/v3/KEY"}}}, true, "x.chains[0].rpc"},
		{"unknown scheme", []ChainConfig{{ID: 1, RPC: []string{"ftp://eth.example/v3/KEY"}}}, true, "x.chains[0].rpc"},
		{"ipc path", []ChainConfig{{ID: 1, RPC: []string{"/var/run/geth.ipc"}}}, true, "x.chains[0].rpc"},
		{"empty url", []ChainConfig{{ID: 1, RPC: []string{""}}}, true, "x.chains[0].rpc"},
		{"short contract", []ChainConfig{{ID: 1, RPC: ok.RPC, Contracts: []string{"0x12"}}}, true, "x.chains[0].contracts"},
		{"multicall3 word", []ChainConfig{{ID: 1, RPC: ok.RPC, Multicall3: "canonical"}}, true, "x.chains[0].multicall3"},
		{"multicall3 short", []ChainConfig{{ID: 1, RPC: ok.RPC, Multicall3: "0xcA11"}}, true, "x.chains[0].multicall3"},
	} {
		err := ValidateChains("x", tc.chains, tc.needRPC)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)):
			t.Errorf("%s: err = %v, want one naming %s", tc.name, err, tc.want)
		case err != nil && strings.Contains(err.Error(), "KEY"):
			t.Errorf("%s: the message leaks the endpoint's key: %v", tc.name, err)
		}
	}
}
