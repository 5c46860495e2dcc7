package httperr

import (
	"io"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"
)

// lingerTime bounds how long a refused or errored connection is drained
// after the answer, and lingerBytes how much is read: enough for a client
// still sending its request or body to read the answer instead of a reset.
const (
	lingerTime  = 500 * time.Millisecond
	lingerBytes = 1 << 20
	// maxLingering bounds the connections draining at once; past it a
	// refused connection is closed at once (a flood gets resets).
	maxLingering = 1024
)

// Listener enforces l's connection limits on ln, in place of fasthttp's
// MaxConnsPerIP and Concurrency (which answer in text/plain): a connection
// over l.MaxConnsPerIP for its client address (IPv4 or IPv6) gets 429
// too_many_requests, one over l.Concurrency 503 overloaded, both as the
// JSON body with Connection: close. A connection counts from Accept until
// it is closed. Its connections also enforce l's ReadTimeout, WriteTimeout
// and IdleTimeout (deadline.go). Use it with a server configured by l.Apply.
func (l Limits) Listener(ln net.Listener) net.Listener {
	l = l.withDefaults()
	return &listener{
		Listener:  ln,
		perIP:     l.MaxConnsPerIP,
		max:       int64(l.Concurrency),
		ips:       map[netip.Addr]int{},
		tooMany:   rejection(fasthttp.StatusTooManyRequests, CodeTooMany, "too many connections from your address; close some and retry"),
		busy:      rejection(fasthttp.StatusServiceUnavailable, CodeOverloaded, "the server is at its connection limit; retry shortly"),
		deadlines: newDeadlines(l.ReadTimeout, l.WriteTimeout, l.IdleTimeout),
	}
}

type listener struct {
	net.Listener
	perIP     int
	max       int64
	open      atomic.Int64
	lingering atomic.Int64
	mu        sync.Mutex
	ips       map[netip.Addr]int
	tooMany   []byte
	busy      []byte
	deadlines deadlines // each connection's starts as a copy
}

// rejection is a whole HTTP/1.1 response with the JSON error body.
func rejection(status int, code, msg string) []byte {
	body := Marshal(code, msg)
	head := "HTTP/1.1 " + strconv.Itoa(status) + " " + fasthttp.StatusMessage(status) + "\r\n" +
		"Connection: close\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"
	return append([]byte(head), body...)
}

// Accept returns the next connection within the limits; the others are
// answered and closed here, without reaching the server.
func (l *listener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		ip, keyed := addrOf(c)
		if l.perIP > 0 && keyed && !l.takeIP(ip) {
			l.refuse(c, l.tooMany)
			continue
		}
		if l.open.Add(1) > l.max {
			l.open.Add(-1)
			if l.perIP > 0 && keyed {
				l.releaseIP(ip)
			}
			l.refuse(c, l.busy)
			continue
		}
		tc := &conn{Conn: c, l: l, ip: ip, keyed: keyed && l.perIP > 0, dl: l.deadlines}
		if tc.dl.on() {
			tc.dl.accepted(c)
		}
		return tc, nil
	}
}

func addrOf(c net.Conn) (netip.Addr, bool) {
	if a, ok := c.RemoteAddr().(*net.TCPAddr); ok {
		return a.AddrPort().Addr().Unmap(), true
	}
	return netip.Addr{}, false
}

func (l *listener) takeIP(ip netip.Addr) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ips[ip] >= l.perIP {
		return false
	}
	l.ips[ip]++
	return true
}

func (l *listener) releaseIP(ip netip.Addr) {
	l.mu.Lock()
	if l.ips[ip]--; l.ips[ip] <= 0 {
		delete(l.ips, ip)
	}
	l.mu.Unlock()
}

// refuse writes resp and closes c, off the accept loop.
func (l *listener) refuse(c net.Conn, resp []byte) {
	if l.lingering.Add(1) > maxLingering {
		l.lingering.Add(-1)
		c.Close()
		return
	}
	go func() {
		defer l.lingering.Add(-1)
		_ = c.SetWriteDeadline(time.Now().Add(lingerTime))
		if _, err := c.Write(resp); err != nil {
			c.Close()
			return
		}
		drainClose(c)
	}()
}

// drainClose half-closes c, reads what the client still sends for a
// moment, then closes it: closing with unread data would reset the
// connection and could destroy the answer before the client reads it.
func drainClose(c net.Conn) {
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		_ = cw.CloseWrite()
	}
	_ = c.SetReadDeadline(time.Now().Add(lingerTime))
	_, _ = io.CopyN(io.Discard, c, lingerBytes)
	c.Close()
}

// conn releases its place in the limits once closed and arms its own
// deadlines. It forwards ReadFrom so that sendfile still reaches the socket.
type conn struct {
	net.Conn
	l      *listener
	ip     netip.Addr
	keyed  bool
	closed atomic.Bool
	linger atomic.Bool // set by the ErrorHandler: drain before closing
	dl     deadlines
}

func (c *conn) Read(p []byte) (int, error) {
	if c.dl.on() {
		c.dl.beforeRead(c.Conn)
	}
	return c.Conn.Read(p)
}

func (c *conn) Write(p []byte) (int, error) {
	if c.dl.on() {
		c.dl.beforeWrite(c.Conn)
	}
	return c.Conn.Write(p)
}

func (c *conn) Close() error {
	if c.closed.Swap(true) {
		return nil
	}
	c.l.open.Add(-1)
	if c.keyed {
		c.l.releaseIP(c.ip)
	}
	if c.linger.Load() && c.l.lingering.Add(1) <= maxLingering {
		go func() {
			defer c.l.lingering.Add(-1)
			drainClose(c.Conn)
		}()
		return nil
	}
	if c.linger.Load() {
		c.l.lingering.Add(-1)
	}
	return c.Conn.Close()
}

func (c *conn) ReadFrom(r io.Reader) (int64, error) {
	if c.dl.on() {
		c.dl.beforeWrite(c.Conn)
	}
	if rf, ok := c.Conn.(io.ReaderFrom); ok {
		return rf.ReadFrom(r)
	}
	return io.Copy(c.Conn, r)
}
