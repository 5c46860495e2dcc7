package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/bench/internal/proc"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/testenv"
)

// The premiere's asset: a media playlist naming one segment of 256 KiB.
const (
	assetID     = "premiere"
	segmentName = "seg00000.m4s"
	segmentSize = 256 << 10
	playlist    = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n" +
		"#EXTINF:4.000000,\n" + segmentName + "\n#EXT-X-ENDLIST\n"
)

// stack is one run's servers: the chain, the rate-limited RPC in front of
// it, Redis, the edge hosting the signer, and the indexer.
type stack struct {
	chain   *chain
	rpc     *testenv.RateLimitedRPC
	redis   *server
	edge    *server
	indexer *server
	base    string // http://host:port of the edge (and its signer)
	idxMet  string // the indexer's /metrics URL
	segment []byte
}

// RPC labels: the checks (edge and signer, one ownership checker) and the
// indexer reach the proxy on their own paths, so their calls count apart.
const (
	labelChecks  = "checks"
	labelIndexer = "indexer"
)

func (s *stack) close() {
	for _, p := range []*server{s.indexer, s.edge, s.redis} {
		if p != nil {
			p.Stop()
		}
	}
	if s.rpc != nil {
		_ = s.rpc.Close() // the run is over either way
	}
	if s.chain != nil {
		s.chain.close()
	}
}

// startStack starts everything for one run in dir; the caller closes it,
// also on error.
func startStack(ctx context.Context, o options, bin, dir string, w *wallets, s *stack) error {
	pt := &ports{next: o.portBase}
	port := func() int {
		p, err := pt.take()
		if err != nil {
			panic(err) // only when the kernel has no free port
		}
		return p
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var err error
	fmt.Fprintf(os.Stderr, "premiere: minting %d passes…\n", len(w.addrs))
	if s.chain, err = startChain(ctx, port(), w.addrs); err != nil {
		return err
	}
	if s.rpc, err = testenv.NewRateLimitedRPC(fmt.Sprintf("%s:%d", loopback, port()), s.chain.url, o.rate, max(1, int(o.rate))); err != nil {
		return err
	}
	redisPort := port()
	if s.redis, err = proc.Start("redis", filepath.Join(dir, "redis.log"), os.Environ(), o.redisServer,
		"--bind", loopback, "--port", strconv.Itoa(redisPort), "--save", "", "--appendonly", "no"); err != nil {
		return err
	}
	redisAddr := fmt.Sprintf("%s:%d", loopback, redisPort)
	rdb := redis.NewClient(&redis.Options{Addr: redisAddr})
	defer rdb.Close()
	if err := s.redis.WaitFor(ctx, "PING", func() error { return rdb.Ping(ctx).Err() }); err != nil {
		return err
	}

	origin := filepath.Join(dir, "origin")
	if s.segment, err = writeAsset(origin, s.chain.policy()); err != nil {
		return err
	}
	keys := filepath.Join(dir, "keys")
	if _, err := proc.Output(ctx, bin, "keys", "gen", "--out", keys); err != nil {
		return err
	}

	// The indexer first: the indexed state must be live before viewers come.
	idxMetrics := fmt.Sprintf("%s:%d", loopback, port())
	s.idxMet = "http://" + idxMetrics + "/metrics"
	if err := write(dir, "indexer.yaml", indexerConfig(o, redisAddr, idxMetrics, s)); err != nil {
		return err
	}
	if s.indexer, err = proc.Start("indexer", filepath.Join(dir, "indexer.log"), os.Environ(), bin, "indexer", "--config", filepath.Join(dir, "indexer.yaml")); err != nil {
		return err
	}
	head, err := s.chain.head(ctx)
	if err != nil {
		return err
	}
	if err := s.indexer.WaitFor(ctx, "indexer at the chain's head", func() error { return caughtUp(s.idxMet, head) }); err != nil {
		return err
	}
	if o.indexed {
		if err := s.indexer.WaitFor(ctx, "indexed state live", stateLive(ctx, rdb, s.chain.pass)); err != nil {
			return err
		}
	}

	edgeAddr := fmt.Sprintf("%s:%d", loopback, port())
	s.base = "http://" + edgeAddr
	if err := write(dir, "signer.yaml", signerConfig(o, edgeAddr, keys, s)); err != nil {
		return err
	}
	if err := write(dir, "edge.yaml", edgeConfig(o, edgeAddr, origin, keys, filepath.Join(dir, "signer.yaml"), redisAddr, s)); err != nil {
		return err
	}
	if s.edge, err = proc.Start("edge", filepath.Join(dir, "edge.log"), os.Environ(), bin, "edge", "--config", filepath.Join(dir, "edge.yaml")); err != nil {
		return err
	}
	return s.edge.WaitFor(ctx, "edge /readyz", httpOK(s.base+"/readyz"))
}

// caughtUp: the indexer's streamgate_indexer_processed_block for the chain
// has reached head.
func caughtUp(metricsURL string, head uint64) error {
	resp, err := http.Get(metricsURL) //nolint:noctx // a short probe under waitFor's deadline
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	m := processedRe.FindSubmatch(body)
	if m == nil {
		return fmt.Errorf("no processed block for chain %d yet", chainID)
	}
	n, _ := strconv.ParseFloat(string(m[1]), 64)
	if uint64(n) < head {
		return fmt.Errorf("processed block %d of %d", uint64(n), head)
	}
	return nil
}

var processedRe = regexp.MustCompile(`(?m)^streamgate_indexer_processed_block\{chain="` + strconv.Itoa(chainID) + `"\} (\S+)$`)

// writeAsset writes origin/premiere/{asset.json,master.m3u8,segment}.
func writeAsset(origin, policy string) ([]byte, error) {
	seg := make([]byte, segmentSize)
	if _, err := rand.Read(seg); err != nil {
		return nil, err
	}
	files := map[string][]byte{
		"asset.json":  fmt.Appendf(nil, `{"id":%q,"title":"Premiere","policy":%s}`, assetID, policy),
		"master.m3u8": []byte(playlist),
		segmentName:   seg,
	}
	for name, body := range files {
		if err := write(filepath.Join(origin, assetID), name, body); err != nil {
			return nil, err
		}
	}
	return seg, nil
}

func write[T string | []byte](dir, name string, body T) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
}

// ownershipYAML is the ownership block of the edge and the signer: the
// chain through the proxy's checks path, with its Multicall3.
func ownershipYAML(o options, s *stack) string {
	return fmt.Sprintf(`ownership:
  chains:
    - id: %d
      rpc: [%q]
      multicall3: %q
  batch_window: %s
%s`, chainID, s.rpc.URL+"/"+labelChecks, s.chain.multicall.Hex(), o.batchWindow, ownershipStateYAML(o.indexed))
}

func edgeConfig(o options, listen, origin, keys, signerPath, redisAddr string, s *stack) string {
	return fmt.Sprintf(`listen: %s
signer: %q
origin:
  regions:
    - name: local
      dir: %q
token:
  jwks: %q
redis:
  addr: %s
%s`, listen, signerPath, origin, filepath.Join(keys, "jwks.json"), redisAddr, ownershipYAML(o, s))
}

// signerConfig: the sign-in rate limit is per client IP, and each viewer
// comes from its own address, so the default budget (2 /auth calls per
// viewer) fits; it is spelled out because a premiere behind one NAT or
// proxy is the case to size it for.
func signerConfig(o options, domain, keys string, s *stack) string {
	return fmt.Sprintf(`domains: [%q]
keys:
  files: [%q]
rate:
  per_ip_per_min: 60
  burst: 20
%s`, domain, filepath.Join(keys, "signing.pem"), ownershipYAML(o, s))
}

// indexerConfig: calls over the proxy's indexer path (counted apart, and
// limited with everyone else), new heads by subscription over its
// websocket; the 1 s poll (one call a second) is a safety net and the
// state's heartbeat, which must beat within indexer.state.live_ttl (3 s).
func indexerConfig(o options, redisAddr, metrics string, s *stack) string {
	return fmt.Sprintf(`redis:
  addr: %s
metrics_listen: %s
indexer:
  chains:
    - id: %d
      rpc: [%q, %q]
      contracts: [%q]
  poll_interval: 1s
%s`, redisAddr, metrics, chainID, s.rpc.URL+"/"+labelIndexer, s.rpc.WSURL+"/"+labelIndexer, s.chain.pass.Hex(), indexerStateYAML(o.indexed))
}

// ownershipStateYAML and indexerStateYAML switch the indexed ownership
// state (docs/protocol.md §5, §8) on or off.
func ownershipStateYAML(indexed bool) string {
	return fmt.Sprintf("  state:\n    enabled: %v\n", indexed)
}

func indexerStateYAML(indexed bool) string {
	return fmt.Sprintf("  state:\n    enabled: %v\n", indexed)
}

// stateLive: the indexer reports the pass's holder state live (backfilled
// and kept up to date) in Redis.
func stateLive(ctx context.Context, rdb *redis.Client, pass common.Address) func() error {
	return func() error {
		st, err := rdb.HGet(ctx, ownership.StateContractsKey(redisPrefix, chainID), strings.ToLower(pass.Hex())).Result()
		if err != nil {
			return fmt.Errorf("the pass's state status: %w", err)
		}
		if !strings.HasPrefix(st, "live:") {
			return fmt.Errorf("the pass's state is %q, not live", st)
		}
		return nil
	}
}

// redisPrefix is the default key prefix of every service (configs/*.yaml).
const redisPrefix = "{sg}:"
