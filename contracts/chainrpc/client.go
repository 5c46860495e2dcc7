package chainrpc

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
)

var (
	// ErrUnavailable is returned (wrapped, with the chain id and the last
	// endpoint's redacted URL and error) when no endpoint answered.
	ErrUnavailable = errors.New("chainrpc: chain unavailable")
	// ErrReverted marks a call the contract refused: an on-chain answer,
	// not an RPC failure (ownerOf of a burned token reverts).
	ErrReverted = errors.New("chainrpc: call reverted")
)

// Options are what a Client's owner decides: the per-call bound, where
// failures are logged and counted.
type Options struct {
	// Timeout bounds one request to one endpoint, dialing included
	// (required, > 0).
	Timeout time.Duration
	// Log receives one line per endpoint outage and recovery (Bursts);
	// nil discards them. Add the chain id to it.
	Log *slog.Logger
	// Sent, when set, is called for each request sent (metrics).
	Sent func()
	// Failed, when set, is called with Reason(err) for each endpoint
	// failure, before the next endpoint is asked (metrics).
	Failed func(reason string)
}

// Client reads one chain through its RPC endpoints, first to last, with
// the endpoint-failure rule of this package. Endpoints are dialed on first
// use, so a ws endpoint down at start does not stop the next from being
// used. It is safe for concurrent use.
type Client struct {
	id      int64
	urls    []string
	opts    Options
	bursts  *Bursts
	mu      sync.Mutex
	clients []*ethclient.Client

	multicall common.Address
	mcState   atomic.Int32 // mcUnknown, mcPresent, mcAbsent
	mcProbe   sync.Mutex   // one Multicall3 probe at a time
	mcRetryAt atomic.Int64 // unix ns: no probe before, after a failed one
}

const (
	mcUnknown int32 = iota
	mcPresent
	mcAbsent
)

// New returns a client for cfg (checked by ValidateChains); nothing is
// dialed until the first request.
func New(cfg ChainConfig, o Options) *Client {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Sent == nil {
		o.Sent = func() {}
	}
	if o.Failed == nil {
		o.Failed = func(string) {}
	}
	c := &Client{id: cfg.ID, urls: cfg.RPC, opts: o, bursts: NewBursts(cfg.RPC, o.Log), clients: make([]*ethclient.Client, len(cfg.RPC))}
	switch m := cfg.Multicall3; {
	case m == "":
		c.multicall = CanonicalMulticall3
	case strings.EqualFold(m, "none"):
		c.mcState.Store(mcAbsent)
	default:
		c.multicall = common.HexToAddress(m)
	}
	return c
}

// Chains are the clients of several chains by chain id.
type Chains map[int64]*Client

// NewChains returns a client per chain of cfgs, each logging with a chain
// attribute.
func NewChains(cfgs []ChainConfig, o Options) Chains {
	out := make(Chains, len(cfgs))
	log := o.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	for _, cc := range cfgs {
		o.Log = log.With("chain", cc.ID)
		out[cc.ID] = New(cc, o)
	}
	return out
}

// ID is the chain's EIP-155 id.
func (c *Client) ID() int64 { return c.id }

// Endpoints is how many endpoints a request may try: a caller's overall
// deadline is about Endpoints × Options.Timeout.
func (c *Client) Endpoints() int { return len(c.urls) }

func (c *Client) endpoint(ctx context.Context, i int) (*ethclient.Client, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.clients[i] == nil {
		cl, err := dial(ctx, c.urls[i])
		if err != nil {
			return nil, err
		}
		c.clients[i] = cl
	}
	return c.clients[i], nil
}

// each runs f against the endpoints in order until one answers; a revert is
// an answer. f checks what it got: an impossible answer is the endpoint's
// failure like a timeout, so the next endpoint is asked. It fails with
// ErrUnavailable when none answers.
func (c *Client) each(ctx context.Context, f func(context.Context, *ethclient.Client) error) error {
	var last error
	for i := range c.urls {
		actx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
		c.opts.Sent()
		cl, err := c.endpoint(actx, i)
		if err == nil {
			err = f(actx, cl)
		}
		cancel()
		if err == nil || errors.Is(err, ErrReverted) {
			c.bursts.OK(i)
			return err
		}
		c.opts.Failed(Reason(err))
		c.bursts.Failed(i, err)
		last = fmt.Errorf("%s: %w", Redact(c.urls[i]), err)
		if ctx.Err() != nil {
			break
		}
	}
	if last == nil {
		last = errors.New("no endpoints")
	}
	return fmt.Errorf("%w: chain %d: %w", ErrUnavailable, c.id, last)
}

// Call makes one eth_call to `to` at the latest block and returns its
// return data, whose conforming answer is at least want bytes long (32 for
// one ABI word). Shorter data from a contract with code is an endpoint
// failure and the next endpoint is asked; from an address without code it
// is returned (EVM calls to such an address answer nothing). A revert is
// an error wrapping ErrReverted; no answer one wrapping ErrUnavailable.
func (c *Client) Call(ctx context.Context, to common.Address, data []byte, want int) ([]byte, error) {
	return c.call(ctx, &to, data, want)
}

// CallCreation runs creation code in an eth_call without deploying it
// ("deployless", as ERC-6492 checks do) and returns what its constructor
// returned. The caller's code returns exactly want bytes, so any other
// length is an endpoint failure and the next endpoint is asked. Errors are
// as Call's.
func (c *Client) CallCreation(ctx context.Context, code []byte, want int) ([]byte, error) {
	return c.call(ctx, nil, code, want)
}

// Code returns the code at addr at the latest block (empty for an EOA or a
// wallet not deployed yet); ErrUnavailable (wrapped) when no endpoint
// answered.
func (c *Client) Code(ctx context.Context, addr common.Address) ([]byte, error) {
	var code []byte
	err := c.each(ctx, func(ctx context.Context, rpc *ethclient.Client) error {
		var err error
		code, err = rpc.CodeAt(ctx, addr, nil)
		return err
	})
	return code, err
}

// CodeAt returns the code at addr as of block n (empty before its
// deployment); nodes without the block's state (pruned, not archive) fail,
// wrapped in ErrUnavailable. The indexer finds a contract's deployment
// block with it.
func (c *Client) CodeAt(ctx context.Context, addr common.Address, n uint64) ([]byte, error) {
	var code []byte
	err := c.each(ctx, func(ctx context.Context, rpc *ethclient.Client) error {
		var err error
		code, err = rpc.CodeAt(ctx, addr, blockNumber(n))
		return err
	})
	return code, err
}

func (c *Client) call(ctx context.Context, to *common.Address, data []byte, want int) ([]byte, error) {
	var out []byte
	err := c.each(ctx, func(ctx context.Context, rpc *ethclient.Client) error {
		var err error
		out, err = callOne(ctx, rpc, to, data)
		if err != nil {
			return err
		}
		if to == nil { // the caller's own creation code: its answer's length is known
			if len(out) != want {
				return Bad("deployless eth_call returned %d bytes, want %d", len(out), want)
			}
			return nil
		}
		return ReturnData(out, want, func() ([]byte, error) {
			c.opts.Sent()
			return rpc.CodeAt(ctx, *to, nil)
		})
	})
	return out, err
}

// callOne makes one eth_call on one endpoint; a revert wraps ErrReverted.
func callOne(ctx context.Context, rpc *ethclient.Client, to *common.Address, data []byte) ([]byte, error) {
	out, err := rpc.CallContract(ctx, ethereum.CallMsg{To: to, Data: data}, nil)
	if IsRevert(err) {
		return nil, fmt.Errorf("%w: %w", ErrReverted, err)
	}
	return out, err
}

// blockNumber is n as the *big.Int go-ethereum takes.
func blockNumber(n uint64) *big.Int { return new(big.Int).SetUint64(n) }
