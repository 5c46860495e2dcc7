package ownership

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"golang.org/x/sync/errgroup"

	"github.com/streamgate/streamgate/contracts/bindings"
)

// CanonicalMulticall3 is where Multicall3 lives on most EVM chains.
var CanonicalMulticall3 = common.HexToAddress("0xcA11bde05977b3631167028862bE2a173976CA11")

// ErrReverted marks a call the contract refused: an on-chain answer, not an
// RPC failure (ownerOf of a burned token reverts).
var ErrReverted = errors.New("ownership: call reverted")

// caller is the one RPC method the checks need; ethclient.Client has it.
type caller interface {
	CallContract(ctx context.Context, msg ethereum.CallMsg, block *big.Int) ([]byte, error)
	CodeAt(ctx context.Context, account common.Address, block *big.Int) ([]byte, error)
}

// chain reads one chain through its RPC endpoints, first to last.
type chain struct {
	id        int64
	urls      []string
	rpcs      []caller
	timeout   time.Duration
	multicall common.Address
	mcState   atomic.Int32 // mcUnknown, mcPresent, mcAbsent
	calls     func()       // counts RPC calls (metrics)
	failures  func(url string)
}

const (
	mcUnknown int32 = iota
	mcPresent
	mcAbsent
)

func dialChain(cfg ChainConfig, timeout time.Duration) (*chain, error) {
	c := &chain{id: cfg.ID, urls: cfg.RPC, timeout: timeout, calls: func() {}, failures: func(string) {}}
	for _, u := range cfg.RPC {
		cl, err := ethclient.Dial(u)
		if err != nil {
			return nil, fmt.Errorf("chains[%d].rpc %s: %w", cfg.ID, redact(u), err)
		}
		c.rpcs = append(c.rpcs, cl)
	}
	switch strings.ToLower(cfg.Multicall3) {
	case "":
		c.multicall = CanonicalMulticall3
	case "none":
		c.mcState.Store(mcAbsent)
	default:
		c.multicall = common.HexToAddress(cfg.Multicall3)
	}
	return c, nil
}

// redact keeps API keys that providers put in URLs out of logs.
func redact(url string) string {
	if i := strings.Index(url, "://"); i >= 0 {
		if j := strings.IndexByte(url[i+3:], '/'); j >= 0 {
			return url[:i+3+j] + "/…"
		}
	}
	return url
}

// each runs f against the endpoints in order until one answers; a revert is
// an answer. It fails with ErrUnavailable when none does.
func (c *chain) each(ctx context.Context, f func(context.Context, caller) error) error {
	var last error
	for i, rpc := range c.rpcs {
		actx, cancel := context.WithTimeout(ctx, c.timeout)
		c.calls()
		err := f(actx, rpc)
		cancel()
		if err == nil || errors.Is(err, ErrReverted) {
			return err
		}
		c.failures(c.urls[i])
		last = err
		if ctx.Err() != nil {
			break
		}
	}
	return fmt.Errorf("%w: chain %d: %w", ErrUnavailable, c.id, last)
}

// call makes one eth_call; to == nil runs data as creation code
// ("deployless": nothing is deployed outside the call).
func (c *chain) call(ctx context.Context, to *common.Address, data []byte) ([]byte, error) {
	var out []byte
	err := c.each(ctx, func(ctx context.Context, rpc caller) error {
		var err error
		out, err = rpc.CallContract(ctx, ethereum.CallMsg{To: to, Data: data}, nil)
		if isRevert(err) {
			return fmt.Errorf("%w: %w", ErrReverted, err)
		}
		return err
	})
	return out, err
}

// isRevert tells a contract's refusal from a transport or node failure:
// nodes answer reverts with JSON-RPC error code 3 or "execution reverted".
func isRevert(err error) bool {
	if err == nil {
		return false
	}
	var coded interface{ ErrorCode() int }
	if errors.As(err, &coded) && coded.ErrorCode() == 3 {
		return true
	}
	return strings.Contains(err.Error(), "execution reverted")
}

// request is one call of a batch; reply its outcome.
type request struct {
	to   common.Address
	data []byte
}

type reply struct {
	data     []byte
	reverted bool
}

var multicall3 = bindings.NewMulticall3()

// batch makes several calls: one aggregate3 eth_call where the chain has
// Multicall3, else parallel eth_calls.
func (c *chain) batch(ctx context.Context, reqs []request) ([]reply, error) {
	if len(reqs) > 1 && c.hasMulticall(ctx) {
		return c.aggregate(ctx, reqs)
	}
	out := make([]reply, len(reqs))
	g, gctx := errgroup.WithContext(ctx)
	for i, r := range reqs {
		g.Go(func() error {
			data, err := c.call(gctx, &r.to, r.data)
			out[i] = reply{data: data, reverted: errors.Is(err, ErrReverted)}
			if out[i].reverted {
				return nil
			}
			return err
		})
	}
	return out, g.Wait()
}

func (c *chain) aggregate(ctx context.Context, reqs []request) ([]reply, error) {
	calls := make([]bindings.Multicall3Call3, len(reqs))
	for i, r := range reqs {
		calls[i] = bindings.Multicall3Call3{Target: r.to, AllowFailure: true, CallData: r.data}
	}
	data, err := multicall3.TryPackAggregate3(calls)
	if err != nil {
		return nil, fmt.Errorf("packing aggregate3: %w", err)
	}
	raw, err := c.call(ctx, &c.multicall, data)
	if err != nil {
		return nil, err
	}
	results, err := multicall3.UnpackAggregate3(raw)
	if err != nil || len(results) != len(reqs) {
		return nil, fmt.Errorf("%w: chain %d: malformed aggregate3 answer: %v", ErrUnavailable, c.id, err)
	}
	out := make([]reply, len(reqs))
	for i, r := range results {
		out[i] = reply{data: r.ReturnData, reverted: !r.Success}
	}
	return out, nil
}

// hasMulticall checks once whether Multicall3 has code on this chain.
func (c *chain) hasMulticall(ctx context.Context) bool {
	switch c.mcState.Load() {
	case mcPresent:
		return true
	case mcAbsent:
		return false
	}
	var code []byte
	err := c.each(ctx, func(ctx context.Context, rpc caller) error {
		var err error
		code, err = rpc.CodeAt(ctx, c.multicall, nil)
		return err
	})
	if err != nil {
		return false // ask again next time; parallel calls work meanwhile
	}
	if len(code) > 0 {
		c.mcState.Store(mcPresent)
		return true
	}
	c.mcState.Store(mcAbsent)
	return false
}
