package chainrpc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"golang.org/x/sync/errgroup"

	"github.com/streamgate/streamgate/contracts/bindings"
)

// Request is one eth_call of a Batch, whose conforming answer has at least
// Want bytes (as Call's want).
type Request struct {
	To   common.Address
	Data []byte
	Want int
}

// Reply is one call's outcome: its return data, or that it reverted.
type Reply struct {
	Data     []byte
	Reverted bool
}

var multicall3 = bindings.NewMulticall3()

// Batch makes several calls at the latest block: one Multicall3 aggregate3
// eth_call where the chain has Multicall3 (ChainConfig.Multicall3), else
// parallel Calls. Each reply is checked as Call checks its answer; a revert
// is a Reply, not an error. It fails with ErrUnavailable (wrapped) when no
// endpoint answered.
func (c *Client) Batch(ctx context.Context, reqs []Request) ([]Reply, error) {
	if len(reqs) > 1 && c.hasMulticall(ctx) {
		return c.aggregate(ctx, reqs)
	}
	out := make([]Reply, len(reqs))
	g, gctx := errgroup.WithContext(ctx)
	for i, r := range reqs {
		g.Go(func() error {
			data, err := c.call(gctx, &r.To, r.Data, r.Want)
			out[i] = Reply{Data: data, Reverted: errors.Is(err, ErrReverted)}
			if out[i].Reverted {
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
func (c *Client) aggregate(ctx context.Context, reqs []Request) ([]Reply, error) {
	calls := make([]bindings.Multicall3Call3, len(reqs))
	for i, r := range reqs {
		calls[i] = bindings.Multicall3Call3{Target: r.To, AllowFailure: true, CallData: r.Data}
	}
	data, err := multicall3.TryPackAggregate3(calls)
	if err != nil {
		return nil, fmt.Errorf("packing aggregate3: %w", err)
	}
	var out []Reply
	err = c.each(ctx, func(ctx context.Context, rpc *ethclient.Client) error {
		raw, err := callOne(ctx, rpc, &c.multicall, data)
		if err != nil {
			if errors.Is(err, ErrReverted) { // aggregate3 with AllowFailure never reverts
				return Bad("aggregate3 reverted: %v", err)
			}
			return err
		}
		results, err := multicall3.UnpackAggregate3(raw)
		if err != nil || len(results) != len(reqs) {
			return Bad("aggregate3 answered %d bytes, %d results for %d calls (%v)", len(raw), len(results), len(reqs), err)
		}
		out = make([]Reply, len(reqs))
		for i, r := range results {
			out[i] = Reply{Data: r.ReturnData, Reverted: !r.Success}
			if r.Success {
				if err := ReturnData(r.ReturnData, reqs[i].Want, func() ([]byte, error) {
					c.opts.Sent()
					return rpc.CodeAt(ctx, reqs[i].To, nil)
				}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return out, err
}

// Multicall reports whether Batch joins several calls into one aggregate3
// eth_call on this chain: Multicall3 is configured and has code (asked
// once, with one eth_getCode; until an endpoint answers, false).
func (c *Client) Multicall(ctx context.Context) bool { return c.hasMulticall(ctx) }

// mcProbeBackoff is how long after a failed Multicall3 probe calls go out
// in parallel without probing again.
const mcProbeBackoff = 10 * time.Second

// hasMulticall checks once whether Multicall3 has code on this chain.
func (c *Client) hasMulticall(ctx context.Context) bool {
	switch c.mcState.Load() {
	case mcPresent:
		return true
	case mcAbsent:
		return false
	}
	if time.Now().UnixNano() < c.mcRetryAt.Load() {
		return false // a probe failed just now: parallel calls meanwhile
	}
	// Concurrent first callers wait for one probe rather than each sending
	// one; when it fails, they all go on without it.
	c.mcProbe.Lock()
	defer c.mcProbe.Unlock()
	if s := c.mcState.Load(); s != mcUnknown {
		return s == mcPresent
	}
	if time.Now().UnixNano() < c.mcRetryAt.Load() {
		return false
	}
	code, err := c.Code(ctx, c.multicall)
	if err != nil {
		// Not again for a while: while the chain fails (429s, a hung
		// endpoint) each check would otherwise probe before its own calls.
		c.mcRetryAt.Store(time.Now().Add(mcProbeBackoff).UnixNano())
		return false
	}
	if len(code) > 0 {
		c.mcState.Store(mcPresent)
		return true
	}
	c.mcState.Store(mcAbsent)
	return false
}
