package chainrpc

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
)

// HeaderByNumber returns the header of block n (nil: the latest). A header
// of another block than the one asked for is an endpoint failure; a block
// no endpoint has is ethereum.NotFound inside ErrUnavailable.
func (c *Client) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	var h *types.Header
	err := c.each(ctx, func(ctx context.Context, rpc *ethclient.Client) error {
		var err error
		h, err = rpc.HeaderByNumber(ctx, n)
		switch {
		case err != nil:
			return err
		case h == nil || h.Number == nil:
			return ethereum.NotFound
		case n != nil && h.Number.Cmp(n) != 0:
			return Bad("asked for block %d, got block %d", n, h.Number)
		}
		return nil
	})
	return h, err
}

// HeaderAt is HeaderByNumber for block n.
func (c *Client) HeaderAt(ctx context.Context, n uint64) (*types.Header, error) {
	return c.HeaderByNumber(ctx, blockNumber(n))
}

// FilterLogs runs eth_getLogs for q. Logs that q cannot have selected (see
// CheckLogs) are an endpoint failure, and the next endpoint is asked.
func (c *Client) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	var logs []types.Log
	err := c.each(ctx, func(ctx context.Context, rpc *ethclient.Client) error {
		var err error
		logs, err = rpc.FilterLogs(ctx, q)
		if err != nil {
			return err
		}
		return CheckLogs(logs, q)
	})
	return logs, err
}

// CheckLogs returns an ErrBadAnswer for logs that q cannot have selected:
// from another contract, block or event, or marked removed (eth_getLogs
// reads the canonical chain). Such an answer is the endpoint's, not the
// chain's.
func CheckLogs(logs []types.Log, q ethereum.FilterQuery) error {
	for i := range logs {
		l := &logs[i]
		switch {
		case l.Removed:
			return Bad("log %d of tx %s is marked removed", l.Index, l.TxHash)
		case len(q.Addresses) > 0 && !slices.Contains(q.Addresses, l.Address):
			return Bad("log from %s, which was not asked for", l.Address)
		case q.BlockHash != nil && l.BlockHash != *q.BlockHash:
			return Bad("log of block %s, asked for block %s", l.BlockHash, q.BlockHash)
		case q.FromBlock != nil && l.BlockNumber < q.FromBlock.Uint64(),
			q.ToBlock != nil && l.BlockNumber > q.ToBlock.Uint64():
			return Bad("log of block %d, asked for blocks %d–%d", l.BlockNumber, q.FromBlock, q.ToBlock)
		case !topicsMatch(l.Topics, q.Topics):
			return Bad("log of tx %s does not match the topics asked for", l.TxHash)
		}
	}
	return nil
}

// topicsMatch applies eth_getLogs' topic filter: position i must be one of
// want[i] (any value when want[i] is empty).
func topicsMatch(got []common.Hash, want [][]common.Hash) bool {
	if len(got) < len(want) {
		return false
	}
	for i, alts := range want {
		if len(alts) > 0 && !slices.Contains(alts, got[i]) {
			return false
		}
	}
	return true
}

// WatchHeads sends on wake (without blocking: one pending wake-up is
// enough) on every new head from the first ws(s) endpoint, resubscribing
// after a failure (reported to failed) with a backoff up to 30 s, until
// ctx is done. It returns at once without a ws endpoint, or when the node
// offers no subscriptions: polling is then the only trigger.
func (c *Client) WatchHeads(ctx context.Context, wake chan<- struct{}, failed func(error)) {
	i := slices.IndexFunc(c.urls, func(u string) bool { return hasScheme(u, "ws://", "wss://") })
	backoff := time.Second
	for i >= 0 && ctx.Err() == nil {
		began := time.Now()
		err := c.subscribe(ctx, i, wake)
		if errors.Is(err, rpc.ErrNotificationsUnsupported) || ctx.Err() != nil {
			return
		}
		failed(err)
		if time.Since(began) > maxResubscribe {
			backoff = time.Second // it worked for a while: a new outage
		}
		select {
		case <-ctx.Done():
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, maxResubscribe)
	}
}

// maxResubscribe bounds the wait between new-heads subscription attempts,
// and so the failure log lines, while polling carries on.
const maxResubscribe = 30 * time.Second

func (c *Client) subscribe(ctx context.Context, i int, wake chan<- struct{}) error {
	cl, err := c.endpoint(ctx, i)
	if err != nil {
		return err
	}
	heads := make(chan *types.Header, 16)
	sub, err := cl.SubscribeNewHead(ctx, heads)
	if err != nil {
		return err
	}
	defer sub.Unsubscribe()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-sub.Err():
			return fmt.Errorf("new heads subscription: %w", err)
		case <-heads:
			select {
			case wake <- struct{}{}:
			default: // a wake-up is already pending
			}
		}
	}
}
