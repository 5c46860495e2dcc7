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
	"golang.org/x/sync/errgroup"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/rpcfault"
)

// CanonicalMulticall3 is where Multicall3 lives on most EVM chains.
var CanonicalMulticall3 = common.HexToAddress("0xcA11bde05977b3631167028862bE2a173976CA11")

// ErrReverted marks a call the contract refused: an on-chain answer, not an
// RPC failure (ownerOf of a burned token reverts).
var ErrReverted = errors.New("ownership: call reverted")

// caller is the RPC the checks need; ethclient.Client has it.
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
	failures  func(i int, err error)
	answered  func(i int)
}

const (
	mcUnknown int32 = iota
	mcPresent
	mcAbsent
)

func dialChain(cfg ChainConfig, timeout time.Duration) (*chain, error) {
	c := &chain{id: cfg.ID, urls: cfg.RPC, timeout: timeout, calls: func() {}, failures: func(int, error) {}, answered: func(int) {}}
	for _, u := range cfg.RPC {
		cl, err := rpcfault.Dial(context.Background(), u)
		if err != nil {
			return nil, fmt.Errorf("chains[%d].rpc %s: %w", cfg.ID, rpcfault.Redact(u), err)
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

// each runs f against the endpoints in order until one answers; a revert is
// an answer. f checks what it got (rpcfault): an impossible answer is the
// endpoint's failure like a timeout, so the next endpoint is asked. It
// fails with ErrUnavailable when none answers.
func (c *chain) each(ctx context.Context, f func(context.Context, caller) error) error {
	var last error
	for i, rpc := range c.rpcs {
		actx, cancel := context.WithTimeout(ctx, c.timeout)
		c.calls()
		err := f(actx, rpc)
		cancel()
		if err == nil || errors.Is(err, ErrReverted) {
			c.answered(i)
			return err
		}
		c.failures(i, err)
		last = err
		if ctx.Err() != nil {
			break
		}
	}
	return fmt.Errorf("%w: chain %d: %w", ErrUnavailable, c.id, last)
}

// call makes one eth_call whose conforming answer has at least want bytes;
// shorter data is an answer only from an address without code
// (rpcfault.ReturnData). to == nil runs data as creation code
// ("deployless": nothing is deployed outside the call), which must answer
// exactly want bytes.
func (c *chain) call(ctx context.Context, to *common.Address, data []byte, want int) ([]byte, error) {
	var out []byte
	err := c.each(ctx, func(ctx context.Context, rpc caller) error {
		var err error
		out, err = callOne(ctx, rpc, to, data)
		if err != nil {
			return err
		}
		if to == nil { // our own creation code: its answer's length is known
			if len(out) != want {
				return rpcfault.Bad("deployless eth_call returned %d bytes, want %d", len(out), want)
			}
			return nil
		}
		return rpcfault.ReturnData(out, want, func() ([]byte, error) {
			c.calls()
			return rpc.CodeAt(ctx, *to, nil)
		})
	})
	return out, err
}

// callOne makes one eth_call on one endpoint; a revert wraps ErrReverted.
func callOne(ctx context.Context, rpc caller, to *common.Address, data []byte) ([]byte, error) {
	out, err := rpc.CallContract(ctx, ethereum.CallMsg{To: to, Data: data}, nil)
	if rpcfault.IsRevert(err) {
		return nil, fmt.Errorf("%w: %w", ErrReverted, err)
	}
	return out, err
}

// request is one call of a batch, whose conforming answer has at least
// want bytes; reply its outcome.
type request struct {
	to   common.Address
	data []byte
	want int
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
			data, err := c.call(gctx, &r.to, r.data, r.want)
			out[i] = reply{data: data, reverted: errors.Is(err, ErrReverted)}
			if out[i].reverted {
				return nil
			}
			return err
		})
	}
	return out, g.Wait()
}

// aggregate makes reqs in one Multicall3 aggregate3 call. Its answer is
// checked whole on the endpoint that gave it: one result per call, and each
// successful call's data as long as the call's answer is, unless its
// target has no code on that endpoint.
func (c *chain) aggregate(ctx context.Context, reqs []request) ([]reply, error) {
	calls := make([]bindings.Multicall3Call3, len(reqs))
	for i, r := range reqs {
		calls[i] = bindings.Multicall3Call3{Target: r.to, AllowFailure: true, CallData: r.data}
	}
	data, err := multicall3.TryPackAggregate3(calls)
	if err != nil {
		return nil, fmt.Errorf("packing aggregate3: %w", err)
	}
	var out []reply
	err = c.each(ctx, func(ctx context.Context, rpc caller) error {
		raw, err := callOne(ctx, rpc, &c.multicall, data)
		if err != nil {
			if errors.Is(err, ErrReverted) { // aggregate3 with AllowFailure never reverts
				return rpcfault.Bad("aggregate3 reverted: %v", err)
			}
			return err
		}
		results, err := multicall3.UnpackAggregate3(raw)
		if err != nil || len(results) != len(reqs) {
			return rpcfault.Bad("aggregate3 answered %d bytes, %d results for %d calls (%v)", len(raw), len(results), len(reqs), err)
		}
		out = make([]reply, len(reqs))
		for i, r := range results {
			out[i] = reply{data: r.ReturnData, reverted: !r.Success}
			if r.Success {
				if err := rpcfault.ReturnData(r.ReturnData, reqs[i].want, func() ([]byte, error) {
					c.calls()
					return rpc.CodeAt(ctx, reqs[i].to, nil)
				}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return out, err
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
