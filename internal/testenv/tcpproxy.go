package testenv

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
)

// TCPMode is what a TCPProxy does with connections.
type TCPMode int32

const (
	// TCPPass forwards every connection to the target.
	TCPPass TCPMode = iota
	// TCPCut refuses: new connections are closed at once (the client sees a
	// reset or EOF), as when the server is down.
	TCPCut
	// TCPBlackHole accepts and reads but never answers, as a hung host or a
	// dropped route does; the client waits for its own timeout.
	TCPBlackHole
)

// TCPProxy is a TCP proxy in front of a server (MinIO, a signer) that a
// test switches between passing, cutting and black-holing, and that counts
// what clients send, so a test can tell "no attempt reached it" from "it
// answered fast".
type TCPProxy struct {
	Addr   string // host:port to dial instead of the target
	target string
	ln     net.Listener
	mode   atomic.Int32
	// received counts bytes clients sent, forwarded or swallowed.
	received atomic.Int64

	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

// NewTCPProxy listens on a free loopback port and forwards to target
// (host:port) until SetMode says otherwise; t.Cleanup closes everything.
func NewTCPProxy(t testing.TB, target string) *TCPProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &TCPProxy{Addr: ln.Addr().String(), target: target, ln: ln, conns: map[net.Conn]struct{}{}}
	go p.accept()
	t.Cleanup(func() {
		ln.Close()
		p.dropAll()
	})
	return p
}

// SetMode switches the proxy; connections open at the switch are closed
// (kept-alive clients reconnect and meet the new mode).
func (p *TCPProxy) SetMode(m TCPMode) {
	p.mode.Store(int32(m))
	p.dropAll()
}

// Received is the count of bytes clients have sent so far, in any mode: it
// stands still exactly when no request reaches the proxy.
func (p *TCPProxy) Received() int64 { return p.received.Load() }

func (p *TCPProxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		switch TCPMode(p.mode.Load()) {
		case TCPCut:
			c.Close()
		case TCPBlackHole:
			p.track(c)
			go p.swallow(c)
		default:
			go p.forward(c)
		}
	}
}

func (p *TCPProxy) track(cs ...net.Conn) {
	p.mu.Lock()
	for _, c := range cs {
		p.conns[c] = struct{}{}
	}
	p.mu.Unlock()
}

func (p *TCPProxy) dropAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}

// swallow reads and counts what the client sends until it hangs up.
func (p *TCPProxy) swallow(c net.Conn) {
	io.Copy(countingWriter{io.Discard, &p.received}, c) //nolint:errcheck // ends when either side closes
	c.Close()
}

func (p *TCPProxy) forward(c net.Conn) {
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.track(c, s)
	go func() {
		io.Copy(countingWriter{s, &p.received}, c) //nolint:errcheck // ends when either side closes
		s.Close()
	}()
	io.Copy(c, s) //nolint:errcheck // ends when either side closes
	c.Close()
}

type countingWriter struct {
	w io.Writer
	n *atomic.Int64
}

func (cw countingWriter) Write(b []byte) (int, error) {
	cw.n.Add(int64(len(b)))
	return cw.w.Write(b)
}
