package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/clientip"
	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer"
	"github.com/streamgate/streamgate/signer/siwe"
	"github.com/streamgate/streamgate/signer/token"
)

// hostingModes start the signer both ways it is hosted, on a loopback
// listener, from one signer config; each returns host:port.
var hostingModes = []struct {
	name  string
	start func(t *testing.T, ln net.Listener, scfg signer.Config, edit func(*edgeConfig)) string
}{
	{"standalone signer", func(t *testing.T, ln net.Listener, scfg signer.Config, _ func(*edgeConfig)) string {
		srv, err := signer.New(scfg, quietLog, signer.Deps{})
		if err != nil {
			t.Fatal(err)
		}
		serveUntilCleanup(t, func(ctx context.Context) error { return srv.Serve(ctx, ln) })
		return ln.Addr().String()
	}},
	{"edge hosting the signer", func(t *testing.T, ln net.Listener, scfg signer.Config, edit func(*edgeConfig)) string {
		cfg := defaultEdgeConfig()
		cfg.Origin.Regions = []edge.RegionConfig{{Name: "local", Dir: t.TempDir()}}
		cfg.Ownership = scfg.Ownership
		if edit != nil {
			edit(&cfg)
		}
		deps, closeDeps, err := edgeDeps(cfg, &scfg, quietLog)
		if err != nil {
			t.Fatal(err)
		}
		srv, err := edge.New(cfg.Config, quietLog, deps)
		if err != nil {
			t.Fatal(errors.Join(err, closeDeps()))
		}
		serveUntilCleanup(t, func(ctx context.Context) error { return errors.Join(srv.Serve(ctx, ln), closeDeps()) })
		return ln.Addr().String()
	}},
}

var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

// serveUntilCleanup runs serve until the test ends, then checks its error.
func serveUntilCleanup(t *testing.T, serve func(context.Context) error) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
}

// signerConfig is a signer accepting ln's address as its domain, with chain
// as its one chain and a fresh key.
func signerConfig(t *testing.T, ln net.Listener, chain *testenv.ChainEnv) signer.Config {
	key, err := token.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "signing.pem")
	if err := token.WritePrivateKeyFile(keyFile, key); err != nil {
		t.Fatal(err)
	}
	scfg := signer.DefaultConfig()
	scfg.Listen = ln.Addr().String()
	scfg.Domains = []string{ln.Addr().String()}
	scfg.Keys.Files = []string{keyFile}
	scfg.Rate.PerIPPerMin = 0
	scfg.Origin.Regions = []signer.RegionConfig{{Name: "local", Dir: t.TempDir()}}
	scfg.Ownership.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{chain.RPCURL}, Multicall3: "none"}}
	return scfg
}

// TestSignInBodySizes: a smart wallet's ERC-6492 sign-in (a counterfactual
// wallet: factory, deployment calldata, owner's signature) is verified
// whatever its size up to max_body_bytes (16 KiB by default), in both
// hosting modes; one byte more is the JSON 413 body_too_large, not
// fasthttp's text.
func TestSignInBodySizes(t *testing.T) {
	chain := testenv.Chain(t)
	factory := chain.Deploy(t, chain.Accounts[0], &bindings.TestWalletFactoryMetaData, nil)
	owner := chain.Accounts[3]
	salt := [32]byte{1, 6, 3, 8, 4}
	f := bindings.NewTestWalletFactory()
	wallet, err := bind.Call(f.Instance(chain.Client, factory), &bind.CallOpts{Context: t.Context()}, f.PackPredict(owner.Address, salt), f.UnpackPredict)
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range hostingModes {
		t.Run(mode.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			host := mode.start(t, ln, signerConfig(t, ln, chain), nil)
			for _, size := range []int{4097, 9000, httperr.DefaultMaxBodyBytes, httperr.DefaultMaxBodyBytes + 1} {
				body := signIn6492(t, host, owner, wallet, factory, f.PackDeploy(owner.Address, salt), size)
				resp, got := postJSON(t, "http://"+host+"/auth/verify", body)
				if size > httperr.DefaultMaxBodyBytes {
					testenv.WantJSONError(t, resp, got, 413, "body_too_large")
					continue
				}
				var v struct{ Address, Session string }
				if err := json.Unmarshal(got, &v); err != nil || resp.StatusCode != 200 || v.Address != wallet.Hex() || v.Session == "" {
					t.Fatalf("%d-byte sign-in: %d %s", size, resp.StatusCode, got)
				}
			}
		})
	}
}

// signIn6492 takes a nonce from host and returns a /auth/verify body of
// exactly size bytes: the wallet's EIP-4361 message, signed by owner and
// wrapped per ERC-6492 with factory's deploy calldata, the calldata grown
// (the factory ignores trailing bytes, as wallets' init code often carries
// more) and the JSON padded with whitespace to the size.
func signIn6492(t *testing.T, host string, owner *testenv.Account, wallet, factory common.Address, deploy []byte, size int) []byte {
	resp, got := getJSON(t, "http://"+host+"/auth/nonce")
	var n struct{ Nonce string }
	if err := json.Unmarshal(got, &n); err != nil || resp.StatusCode != 200 {
		t.Fatalf("nonce: %d %s", resp.StatusCode, got)
	}
	m := siwe.Message{Domain: host, Address: wallet, URI: "http://" + host, Version: "1", ChainID: testenv.ChainID,
		Nonce: n.Nonce, IssuedAt: time.Now().Add(-time.Second).UTC().Truncate(time.Second)}
	text := m.String()
	sig, err := crypto.Sign(accounts.TextHash([]byte(text)), owner.Key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	encode := func(calldata []byte) []byte {
		args := abi.Arguments{{Type: abiType(t, "address")}, {Type: abiType(t, "bytes")}, {Type: abiType(t, "bytes")}}
		enc, err := args.Pack(factory, calldata, sig)
		if err != nil {
			t.Fatal(err)
		}
		enc = append(enc, bytes.Repeat([]byte{0x64, 0x92}, 16)...) // ERC-6492's magic suffix
		b, _ := json.Marshal(map[string]string{"message": text, "signature": "0x" + hex.EncodeToString(enc)})
		return b
	}
	base := len(encode(deploy))
	// Each 32 bytes of calldata add 64 hex digits; the rest is whitespace.
	grown := append(append([]byte{}, deploy...), make([]byte, max(0, size-base)/64*32)...)
	body := encode(grown)
	if len(body) > size {
		t.Fatalf("base body is %d bytes, over %d", len(body), size)
	}
	return append(body, bytes.Repeat([]byte{' '}, size-len(body))...)
}

func abiType(t *testing.T, name string) abi.Type {
	typ, err := abi.NewType(name, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	return typ
}

func getJSON(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func postJSON(t *testing.T, url string, body []byte) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// TestRefusalsAreJSONInBothModes: fasthttp's own refusals are the JSON
// error body whether the signer runs alone or inside an edge, and the body
// limit is the signer's max_body_bytes in both.
func TestRefusalsAreJSONInBothModes(t *testing.T) {
	chain := testenv.Chain(t)
	for _, mode := range hostingModes {
		t.Run(mode.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			scfg := signerConfig(t, ln, chain)
			scfg.MaxBodyBytes = 12_000
			scfg.HTTP.ReadTimeout = 300 * time.Millisecond
			host := mode.start(t, ln, scfg, func(c *edgeConfig) { c.HTTP.ReadTimeout = 300 * time.Millisecond })
			testenv.CheckRefusals(t, host, testenv.Refusals{
				OKPath: "/healthz", BodyPath: "/auth/verify", MaxHeaderBytes: httperr.DefaultMaxHeaderBytes,
				MaxBodyBytes: 12_000, ReadTimeout: 300 * time.Millisecond,
			})
		})
	}
}

// TestConnectionLimitsInBothModes: a connection over the per-address or the
// concurrency limit gets the JSON 429 or 503, whichever server hosts the
// signer (an edge applies its http block, a standalone signer its own).
func TestConnectionLimitsInBothModes(t *testing.T) {
	chain := testenv.Chain(t)
	for _, mode := range hostingModes {
		for _, lim := range []struct {
			name          string
			perIP, conns  int
			limit, status int
			code          string
		}{
			{"max_conns_per_ip", 2, 256 << 10, 2, 429, "too_many_requests"},
			{"concurrency", 0, 3, 3, 503, "overloaded"},
		} {
			t.Run(mode.name+"/"+lim.name, func(t *testing.T) {
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					t.Fatal(err)
				}
				scfg := signerConfig(t, ln, chain)
				scfg.HTTP.MaxConnsPerIP, scfg.HTTP.Concurrency = lim.perIP, lim.conns
				host := mode.start(t, ln, scfg, func(c *edgeConfig) { c.HTTP.MaxConnsPerIP, c.HTTP.Concurrency = lim.perIP, lim.conns })
				testenv.CheckConnLimit(t, host, "/healthz", lim.limit, lim.status, lim.code)
			})
		}
	}
}

// TestSignInLimitBehindProxyInBothModes: the /auth/* limit counts the client
// its host's http.trusted_proxies names. The test client stands where a
// trusted proxy on 127.0.0.1 would and appends the viewer to
// X-Forwarded-For as one does. An edge hosting the signer applies its own
// http block: the signer file's trusted_proxies is then unused.
func TestSignInLimitBehindProxyInBothModes(t *testing.T) {
	chain := testenv.Chain(t)
	const burst = 5
	trusted := clientip.Config{TrustedProxies: []string{"127.0.0.1/32"}, ClientHeader: clientip.XForwardedFor}
	for _, mode := range hostingModes {
		t.Run(mode.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			scfg := signerConfig(t, ln, chain)
			scfg.Rate = signer.RateConfig{PerIPPerMin: 1, Burst: burst} // no refill during the test
			scfg.HTTP.Proxies = trusted
			host := mode.start(t, ln, scfg, func(c *edgeConfig) { c.HTTP.Proxies = trusted })
			nonces := func(viewer string, n int) (ok, limited int) {
				for range n {
					req, err := http.NewRequest("GET", "http://"+host+"/auth/nonce", nil)
					if err != nil {
						t.Fatal(err)
					}
					req.Header.Set("X-Forwarded-For", "10.9.9.9, "+viewer) // the viewer's own entry first
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						t.Fatal(err)
					}
					body, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					switch resp.StatusCode {
					case 200:
						ok++
					case 429:
						testenv.WantJSONError(t, resp, body, 429, "rate_limited")
						limited++
					default:
						t.Fatalf("GET /auth/nonce: %d %s", resp.StatusCode, body)
					}
				}
				return ok, limited
			}
			if ok, limited := nonces("198.51.100.1", burst+3); ok != burst || limited != 3 {
				t.Fatalf("viewer A: %d × 200, %d × 429; want %d, 3", ok, limited, burst)
			}
			if ok, limited := nonces("198.51.100.2", burst); ok != burst || limited != 0 {
				t.Fatalf("viewer B after A spent its burst: %d × 200, %d × 429; want %d, 0", ok, limited, burst)
			}
		})
	}
	// The hosting edge's block decides: untrusted there, every viewer is the
	// proxy, whatever the signer file says.
	t.Run("edge without trusted_proxies", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		scfg := signerConfig(t, ln, chain)
		scfg.Rate = signer.RateConfig{PerIPPerMin: 1, Burst: burst}
		scfg.HTTP.Proxies = trusted
		host := hostingModes[1].start(t, ln, scfg, nil) // the edge hosting the signer
		limited := 0
		for i := range burst + 1 {
			req, _ := http.NewRequest("GET", "http://"+host+"/auth/nonce", nil)
			req.Header.Set("X-Forwarded-For", "198.51.100."+strconv.Itoa(i+1))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 429 {
				limited++
			}
		}
		if limited != 1 {
			t.Fatalf("%d × 429 over %d requests from one peer naming %d viewers, want 1: the edge trusts no proxy", limited, burst+1, burst+1)
		}
	})
}
