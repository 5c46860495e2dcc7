package indexer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/streamgate/streamgate/contracts/rpcfault"
)

// client is what the indexer asks of a node; ethclient.Client has it.
type client interface {
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error)
	SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error)
}

// endpoints reads one chain through its RPC endpoints, first to last. They
// are dialed on first use, so a ws endpoint down at start does not stop
// the indexer from using the next one.
type endpoints struct {
	urls    []string
	timeout time.Duration
	bursts  *rpcfault.Bursts
	mu      sync.Mutex
	clients []client
}

func newEndpoints(urls []string, timeout time.Duration, log *slog.Logger) *endpoints {
	return &endpoints{urls: urls, timeout: timeout, bursts: rpcfault.NewBursts(urls, log), clients: make([]client, len(urls))}
}

func (e *endpoints) client(ctx context.Context, i int) (client, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.clients[i] == nil {
		c, err := rpcfault.Dial(ctx, e.urls[i])
		if err != nil {
			return nil, err
		}
		e.clients[i] = c
	}
	return e.clients[i], nil
}

// each runs f against the endpoints in order until one succeeds. f checks
// what it got: an answer that cannot be the one asked for (rpcfault) is the
// endpoint's failure, and the next endpoint is asked.
func (e *endpoints) each(ctx context.Context, f func(context.Context, client) error) error {
	var last error
	for i := range e.urls {
		actx, cancel := context.WithTimeout(ctx, e.timeout)
		c, err := e.client(actx, i)
		if err == nil {
			err = f(actx, c)
		}
		cancel()
		if err == nil {
			e.bursts.OK(i)
			return nil
		}
		e.bursts.Failed(i, err)
		last = fmt.Errorf("%s: %w", rpcfault.Redact(e.urls[i]), err)
		if ctx.Err() != nil {
			break
		}
	}
	return last
}

// header returns the header at n (nil: the latest).
func (e *endpoints) header(ctx context.Context, n *big.Int) (*types.Header, error) {
	var h *types.Header
	err := e.each(ctx, func(ctx context.Context, c client) error {
		var err error
		h, err = c.HeaderByNumber(ctx, n)
		switch {
		case err != nil:
			return err
		case h == nil || h.Number == nil:
			return ethereum.NotFound
		case n != nil && h.Number.Cmp(n) != 0:
			return rpcfault.Bad("asked for block %d, got block %d", n, h.Number)
		}
		return nil
	})
	return h, err
}

func (e *endpoints) headerAt(ctx context.Context, n uint64) (*types.Header, error) {
	return e.header(ctx, new(big.Int).SetUint64(n))
}

func (e *endpoints) logs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	var logs []types.Log
	err := e.each(ctx, func(ctx context.Context, c client) error {
		var err error
		logs, err = c.FilterLogs(ctx, q)
		if err != nil {
			return err
		}
		return checkLogs(logs, q)
	})
	return logs, err
}

// checkLogs refuses logs that q cannot have selected: from another
// contract, block or event, or marked removed (eth_getLogs reads the
// canonical chain). Such an answer is the endpoint's, not the chain's.
func checkLogs(logs []types.Log, q ethereum.FilterQuery) error {
	for i := range logs {
		l := &logs[i]
		switch {
		case l.Removed:
			return rpcfault.Bad("log %d of tx %s is marked removed", l.Index, l.TxHash)
		case len(q.Addresses) > 0 && !slices.Contains(q.Addresses, l.Address):
			return rpcfault.Bad("log from %s, which was not asked for", l.Address)
		case q.BlockHash != nil && l.BlockHash != *q.BlockHash:
			return rpcfault.Bad("log of block %s, asked for block %s", l.BlockHash, q.BlockHash)
		case q.FromBlock != nil && l.BlockNumber < q.FromBlock.Uint64(),
			q.ToBlock != nil && l.BlockNumber > q.ToBlock.Uint64():
			return rpcfault.Bad("log of block %d, asked for blocks %d–%d", l.BlockNumber, q.FromBlock, q.ToBlock)
		case !topicsMatch(l.Topics, q.Topics):
			return rpcfault.Bad("log of tx %s does not match the topics asked for", l.TxHash)
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

// watchHeads wakes the follower on every new head from the first ws(s)
// endpoint, resubscribing after a failure, until ctx is done. It returns at
// once without a ws endpoint: polling is then the only trigger.
func (e *endpoints) watchHeads(ctx context.Context, wake chan<- struct{}, failed func(error)) {
	i := -1
	for j, u := range e.urls {
		if strings.HasPrefix(u, "ws://") || strings.HasPrefix(u, "wss://") {
			i = j
			break
		}
	}
	backoff := time.Second
	for i >= 0 && ctx.Err() == nil {
		began := time.Now()
		err := e.subscribe(ctx, i, wake)
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

func (e *endpoints) subscribe(ctx context.Context, i int, wake chan<- struct{}) error {
	c, err := e.client(ctx, i)
	if err != nil {
		return err
	}
	heads := make(chan *types.Header, 16)
	sub, err := c.SubscribeNewHead(ctx, heads)
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
