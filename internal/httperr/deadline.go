package httperr

import (
	"net"
	"time"
)

// Coarse deadlines. Given ReadTimeout, WriteTimeout and IdleTimeout, fasthttp
// re-arms a keep-alive socket's deadlines three times per request (the idle
// wait, the request, the response), each a runtime timer update and a clock
// read: about 0.4 µs of the ~8 µs a 2 KB playlist answer costs in all. The
// limits' connections arm them instead, with the same bounds, but at most
// once per quarter of a timeout on a busy connection:
//
//   - a new connection's first request must arrive within ReadTimeout;
//   - a kept-alive connection waits from ¾ to all of IdleTimeout for its
//     next request (a deadline armed less than a quarter ago is kept);
//   - a request that takes more than one read must be complete within
//     ReadTimeout of its second read, however slowly it trickles in;
//   - a response must be written within ¾ to all of WriteTimeout.
//
// A read after a write starts the next request's wait, a write after a read
// the next response. fasthttp reads and writes a connection from its one
// serving goroutine, so this state needs no lock.
type deadlines struct {
	read, write, idle time.Duration // 0: none
	readUntil         time.Time     // the armed read deadline (zero: none)
	readIdle          bool          // readUntil bounds an idle wait, not a request
	writeUntil        time.Time     // the armed write deadline (zero: none)
	wrote             bool          // the last operation was a write
}

// newDeadlines is a connection's starting state. Without an idle timeout
// the read timeout bounds the idle wait too, as in fasthttp.
func newDeadlines(read, write, idle time.Duration) deadlines {
	if idle <= 0 {
		idle = read
	}
	return deadlines{read: read, write: write, idle: idle}
}

func (d *deadlines) on() bool { return d.read > 0 || d.write > 0 || d.idle > 0 }

// accepted arms a new connection's first request.
func (d *deadlines) accepted(c net.Conn) {
	if d.read > 0 {
		d.readUntil = time.Now().Add(d.read)
		_ = c.SetReadDeadline(d.readUntil)
	}
}

// beforeRead arms the read deadline a read is under.
func (d *deadlines) beforeRead(c net.Conn) {
	if d.wrote { // waiting for the next request
		d.wrote = false
		if d.idle <= 0 {
			return
		}
		now := time.Now()
		if d.readIdle && d.readUntil.Sub(now) >= d.idle-d.idle/4 {
			return
		}
		d.readUntil, d.readIdle = now.Add(d.idle), true
		_ = c.SetReadDeadline(d.readUntil)
		return
	}
	if !d.readIdle { // the first request, or one already bounded
		return
	}
	// The request the idle wait received is incomplete: from now on it has
	// ReadTimeout (none when there is none).
	d.readIdle = false
	d.readUntil = time.Time{}
	if d.read > 0 {
		d.readUntil = time.Now().Add(d.read)
	}
	_ = c.SetReadDeadline(d.readUntil)
}

// beforeWrite arms the write deadline a write is under.
func (d *deadlines) beforeWrite(c net.Conn) {
	if d.wrote { // the same response
		return
	}
	d.wrote = true
	if d.write <= 0 {
		return
	}
	now := time.Now()
	if d.writeUntil.Sub(now) >= d.write-d.write/4 {
		return
	}
	d.writeUntil = now.Add(d.write)
	_ = c.SetWriteDeadline(d.writeUntil)
}
