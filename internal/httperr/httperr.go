// Package httperr is the one error writer of StreamGate's HTTP servers: the
// JSON error body {"error":"<code>","message":"<text>"} that every refusal
// carries, including those fasthttp makes itself before a handler runs
// (request line or headers unreadable or too big, body too big, read
// timeout) and the connection limits it would otherwise answer in text.
package httperr

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"os"
	"time"

	"github.com/valyala/fasthttp"
)

// Defaults shared by every fasthttp server (one limit, one meaning).
const (
	// DefaultMaxBodyBytes bounds a request body (16 KiB): an ERC-6492
	// sign-in (factory calldata up to ~3.5 KB, hex-encoded, plus the
	// EIP-4361 text) is 3–9 KB.
	DefaultMaxBodyBytes = 16 << 10
	// DefaultMaxHeaderBytes bounds the request line plus headers (32 KiB):
	// the total of nginx's default large_client_header_buffers (4 × 8 KiB)
	// without its 8 KiB cap on one line, so a browser behind an SSO proxy
	// adding a 9 KB cookie fits. fasthttp holds one read buffer of this size per
	// open connection.
	DefaultMaxHeaderBytes = 32 << 10
	// MinMaxHeaderBytes and MaxMaxHeaderBytes bound http.max_header_bytes.
	MinMaxHeaderBytes = 4 << 10
	MaxMaxHeaderBytes = 1 << 20
)

// Codes of the refusals this package writes.
const (
	CodeBadRequest     = "bad_request"       // 400
	CodeRequestTimeout = "request_timeout"   // 408
	CodeBodyTooLarge   = "body_too_large"    // 413
	CodeTooMany        = "too_many_requests" // 429: connections per client IP
	CodeHeaderTooLarge = "header_too_large"  // 431
	CodeOverloaded     = "overloaded"        // 503: server concurrency limit
)

// Body is the JSON error body.
type Body struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// Write replaces rc's response with status and the JSON error body
// {"error":code,"message":msg}, marked Cache-Control: no-store.
func Write(rc *fasthttp.RequestCtx, status int, code, msg string) {
	rc.Response.Reset()
	rc.SetStatusCode(status)
	rc.SetContentType("application/json")
	rc.Response.Header.Set("Cache-Control", "no-store")
	rc.SetBody(Marshal(code, msg))
}

// Marshal returns the JSON error body of code and msg.
func Marshal(code, msg string) []byte {
	b, _ := json.Marshal(Body{Error: code, Message: msg}) // two strings cannot fail
	return b
}

// Limits are what a fasthttp server accepts. Zero fields take the defaults
// above (Concurrency: fasthttp.DefaultConcurrency; MaxConnsPerIP: none).
type Limits struct {
	// MaxHeaderBytes bounds the request line and headers, in bytes.
	MaxHeaderBytes int
	// MaxBodyBytes bounds a request body, in bytes.
	MaxBodyBytes int
	// MaxConnsPerIP bounds the open connections of one client address.
	MaxConnsPerIP int
	// Concurrency bounds the connections served at once.
	Concurrency int
	// ReadTimeout bounds reading one request, WriteTimeout writing one
	// response, IdleTimeout a kept-alive connection's wait for its next
	// request (0: unbounded; IdleTimeout 0 takes ReadTimeout, as in
	// fasthttp). Listener's connections enforce them, coarsely
	// and cheaply (deadline.go), in place of fasthttp's same-named settings.
	ReadTimeout, WriteTimeout, IdleTimeout time.Duration
}

func (l Limits) withDefaults() Limits {
	if l.MaxHeaderBytes <= 0 {
		l.MaxHeaderBytes = DefaultMaxHeaderBytes
	}
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if l.Concurrency <= 0 {
		l.Concurrency = fasthttp.DefaultConcurrency
	}
	return l
}

// Apply sets s's read buffer, body limit and ErrorHandler from l. The
// connection limits are enforced by Listener instead, which answers them
// in JSON: fasthttp's own would write text/plain, so they are left off
// (fasthttp's Concurrency gets headroom over l's, never reached); so are
// the timeouts, which Listener's connections arm at a fraction of the cost.
func (l Limits) Apply(s *fasthttp.Server) {
	l = l.withDefaults()
	s.ReadTimeout, s.WriteTimeout, s.IdleTimeout = 0, 0, 0
	s.ReadBufferSize = l.MaxHeaderBytes
	s.MaxRequestBodySize = l.MaxBodyBytes
	s.ErrorHandler = l.ErrorHandler()
	s.MaxConnsPerIP = 0
	// A worker outlives its connection's Close by a moment: headroom so that
	// fasthttp never refuses one the listener let through.
	headroom := min(l.Concurrency, 1<<16)
	s.Concurrency = l.Concurrency + min(headroom, math.MaxInt-l.Concurrency)
}

// ErrorHandler returns a fasthttp ErrorHandler answering the requests
// fasthttp could not read with the JSON body: body over MaxBodyBytes → 413
// body_too_large; request line and headers over MaxHeaderBytes
// (*fasthttp.ErrSmallBuffer) → 431 header_too_large; a read deadline →
// 408 request_timeout; anything else (malformed request line, header,
// chunked body) → 400 bad_request. The connection is closed after the
// answer, lingering so that the client reads it before the reset.
func (l Limits) ErrorHandler() func(*fasthttp.RequestCtx, error) {
	l = l.withDefaults()
	bodyMsg := fmt.Sprintf("the request body is over %d bytes", l.MaxBodyBytes)
	headerMsg := fmt.Sprintf("the request line and headers are over %d bytes", l.MaxHeaderBytes)
	return func(rc *fasthttp.RequestCtx, err error) {
		status, code, msg := readStatus(err)
		switch code {
		case CodeBodyTooLarge:
			msg = bodyMsg
		case CodeHeaderTooLarge:
			msg = headerMsg
		}
		Write(rc, status, code, msg)
		if c, ok := rc.Conn().(*conn); ok {
			c.linger.Store(true)
		}
	}
}

// readStatus maps a fasthttp read error to its status, code and message.
func readStatus(err error) (int, string, string) {
	var small *fasthttp.ErrSmallBuffer
	var ne net.Error
	switch {
	case errors.Is(err, fasthttp.ErrBodyTooLarge):
		return fasthttp.StatusRequestEntityTooLarge, CodeBodyTooLarge, ""
	case errors.As(err, &small):
		return fasthttp.StatusRequestHeaderFieldsTooLarge, CodeHeaderTooLarge, ""
	case errors.Is(err, os.ErrDeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fasthttp.StatusRequestTimeout, CodeRequestTimeout, "the request did not arrive in time"
	}
	return fasthttp.StatusBadRequest, CodeBadRequest, "the request could not be parsed as HTTP/1.1"
}

// Logger takes fasthttp's own log lines. They report connections a client
// broke or requests the ErrorHandler already answered (an oversized body, a
// malformed line): the client's doing, so Debug, or any client could fill
// the log at Warn.
type Logger struct{ Log *slog.Logger }

// Printf implements fasthttp.Logger.
func (l Logger) Printf(format string, args ...any) {
	l.Log.Debug("http server", "msg", fmt.Sprintf(format, args...))
}
