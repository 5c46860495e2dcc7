// Package chainrpc is the one chain-RPC layer of the ownership checks, the
// indexer and the signer's contract-wallet checks: one ChainConfig shape,
// and a Client per chain that tries its JSON-RPC endpoints in order, bounds
// each call, keeps endpoint URLs (API keys) out of logs and errors, and
// applies one rule for telling an endpoint's failure from the chain's
// answer: anything that cannot be the answer to the request made (a
// transport error, a timeout, HTTP 429/5xx, a body that is not a JSON-RPC
// response, a response for another id, a JSON-RPC error that is not a
// revert, return data too short for the call from a contract that has
// code, a header or logs other than those asked for) is the endpoint's
// fault, and the next endpoint is asked instead of acting on it.
//
// Consumers declare the small interface they need (go-ethereum's ethclient
// model): *Client has Call, CallCreation, Code, Batch, HeaderByNumber,
// FilterLogs and WatchHeads.
package chainrpc

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync/atomic"

	"github.com/ethereum/go-ethereum/rpc"
)

// ErrBadAnswer marks (wrapped) an answer that arrived but cannot be the
// answer to the call made: an endpoint failure, never a chain fact.
var ErrBadAnswer = errors.New("rpc endpoint gave an impossible answer")

// Bad returns an error wrapping ErrBadAnswer.
func Bad(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadAnswer, fmt.Sprintf(format, args...))
}

// IsRevert tells a contract's refusal (an on-chain answer) from a transport
// or node failure: nodes answer reverts with JSON-RPC error code 3 or the
// message "execution reverted".
func IsRevert(err error) bool {
	if err == nil {
		return false
	}
	var coded rpc.Error
	if errors.As(err, &coded) && coded.ErrorCode() == 3 {
		return true
	}
	return strings.Contains(err.Error(), "execution reverted")
}

// ReturnData checks the return data of one eth_call whose conforming answer
// is at least want bytes long (32 for a uint256 or address). Shorter data
// (a lagging node's "0x", a truncated body) is a real answer only from an
// address without code, as EVM calls to it return nothing; code asks the
// same endpoint for the callee's code (eth_getCode). It returns nil for a
// usable answer, an ErrBadAnswer for a short one from a contract, or
// code's error.
func ReturnData(out []byte, want int, code func() ([]byte, error)) error {
	if len(out) >= want {
		return nil
	}
	c, err := code()
	if err != nil {
		return err
	}
	if len(c) > 0 {
		return Bad("eth_call returned %d bytes from a contract with code, want at least %d", len(out), want)
	}
	return nil
}

// Reason names the kind of an endpoint failure, for metric labels:
// bad_answer, timeout, http_429, http_5xx, http_status, rpc_error or
// transport.
func Reason(err error) string {
	var (
		httpErr rpc.HTTPError
		rpcErr  rpc.Error
		netErr  net.Error
	)
	switch {
	case errors.Is(err, ErrBadAnswer):
		return "bad_answer"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case errors.As(err, &httpErr) && httpErr.StatusCode == 429:
		return "http_429"
	case errors.As(err, &httpErr) && httpErr.StatusCode >= 500:
		return "http_5xx"
	case errors.As(err, &httpErr):
		return "http_status"
	case errors.As(err, &rpcErr):
		return "rpc_error"
	}
	return "transport"
}

// Reasons lists every value Reason returns, to pre-create metric series.
var Reasons = []string{"bad_answer", "timeout", "http_429", "http_5xx", "http_status", "rpc_error", "transport"}

// Redact keeps API keys that providers put in URLs out of logs: it drops
// everything after the host.
func Redact(url string) string {
	if i := strings.Index(url, "://"); i >= 0 {
		if j := strings.IndexByte(url[i+3:], '/'); j >= 0 {
			return url[:i+3+j] + "/…"
		}
	}
	return url
}

// Bursts logs an endpoint's failures once per burst: the first failure
// after a success (or since start) is logged, the rest are only counted
// until the endpoint answers again, which is logged too.
type Bursts struct {
	urls    []string
	failing []atomic.Bool
	log     *slog.Logger
	attrs   []any
}

// NewBursts tracks the endpoints urls; attrs are added to every line.
func NewBursts(urls []string, log *slog.Logger, attrs ...any) *Bursts {
	return &Bursts{urls: urls, failing: make([]atomic.Bool, len(urls)), log: log, attrs: attrs}
}

// Failed records that endpoint i failed with err.
func (b *Bursts) Failed(i int, err error) {
	if b.failing[i].Swap(true) {
		return
	}
	b.log.Warn("rpc endpoint failing; trying the next one", append(b.attrs, "rpc", Redact(b.urls[i]), "reason", Reason(err), "err", Describe(err))...)
}

// OK records that endpoint i answered.
func (b *Bursts) OK(i int) {
	if b.failing[i].Load() && b.failing[i].Swap(false) {
		b.log.Info("rpc endpoint answering again", append(b.attrs, "rpc", Redact(b.urls[i]))...)
	}
}
