package indexer

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
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
	mu      sync.Mutex
	clients []client
}

func newEndpoints(urls []string, timeout time.Duration) *endpoints {
	return &endpoints{urls: urls, timeout: timeout, clients: make([]client, len(urls))}
}

func (e *endpoints) client(ctx context.Context, i int) (client, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.clients[i] == nil {
		c, err := ethclient.DialContext(ctx, e.urls[i])
		if err != nil {
			return nil, err
		}
		e.clients[i] = c
	}
	return e.clients[i], nil
}

// each runs f against the endpoints in order until one succeeds.
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
			return nil
		}
		last = fmt.Errorf("%s: %w", redact(e.urls[i]), err)
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
		if err == nil && h == nil {
			err = ethereum.NotFound
		}
		return err
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
		return err
	})
	return logs, err
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

// redact keeps API keys that providers put in URLs out of logs.
func redact(url string) string {
	if i := strings.Index(url, "://"); i >= 0 {
		if j := strings.IndexByte(url[i+3:], '/'); j >= 0 {
			return url[:i+3+j] + "/…"
		}
	}
	return url
}
