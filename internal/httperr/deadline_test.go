package httperr

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/valyala/fasthttp"
)

// The connections' own deadlines (deadline.go) keep the meaning of
// fasthttp's ReadTimeout, WriteTimeout and IdleTimeout: each bound below is
// checked from both sides, never cut early, always cut.

const (
	testRead  = 300 * time.Millisecond
	testWrite = 300 * time.Millisecond
	testIdle  = 1200 * time.Millisecond
	slack     = 3 * time.Second // a loaded machine's scheduling, never a pass condition
)

func deadlineServer(t *testing.T, h fasthttp.RequestHandler) string {
	t.Helper()
	return serve(t, Limits{ReadTimeout: testRead, WriteTimeout: testWrite, IdleTimeout: testIdle}, h)
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// closedAfter reads c until the server closes it and returns how long that
// took from start.
func closedAfter(t *testing.T, c net.Conn, start time.Time) time.Duration {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(testIdle + slack))
	if _, err := io.Copy(io.Discard, c); err != nil && !errors.Is(err, net.ErrClosed) && !isReset(err) {
		t.Fatalf("waiting for the server to close: %v", err)
	}
	return time.Since(start)
}

func isReset(err error) bool { return strings.Contains(err.Error(), "connection reset") }

func get(t *testing.T, c net.Conn, br *bufio.Reader) {
	t.Helper()
	if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
}

func TestApplyLeavesTimeoutsToTheConnections(t *testing.T) {
	srv := &fasthttp.Server{ReadTimeout: time.Second, WriteTimeout: time.Second, IdleTimeout: time.Second}
	Limits{ReadTimeout: time.Minute}.Apply(srv)
	if srv.ReadTimeout != 0 || srv.WriteTimeout != 0 || srv.IdleTimeout != 0 {
		t.Fatalf("fasthttp's timeouts %v %v %v, want all 0: the connections arm them", srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout)
	}
}

func TestSilentNewConnectionClosedAfterReadTimeout(t *testing.T) {
	addr := deadlineServer(t, ok)
	start := time.Now()
	c := dial(t, addr)
	if d := closedAfter(t, c, start); d < testRead-50*time.Millisecond || d > testRead+slack {
		t.Fatalf("closed after %v, want about %v", d, testRead)
	}
}

func TestIdleConnectionClosedAfterIdleTimeout(t *testing.T) {
	addr := deadlineServer(t, ok)
	c := dial(t, addr)
	get(t, c, bufio.NewReader(c))
	start := time.Now()
	// ¾ to all of the idle timeout: a deadline armed less than a quarter of
	// it ago is kept, and this one was armed when the request was read.
	if d := closedAfter(t, c, start); d < testIdle*3/4-50*time.Millisecond || d > testIdle+slack {
		t.Fatalf("idle connection closed after %v, want between %v and %v", d, testIdle*3/4, testIdle)
	}
}

// TestBusyConnectionOutlivesEveryTimeout: requests on one connection for
// three idle timeouts: the deadlines move on with the traffic.
func TestBusyConnectionOutlivesEveryTimeout(t *testing.T) {
	addr := deadlineServer(t, ok)
	c := dial(t, addr)
	br := bufio.NewReader(c)
	for end := time.Now().Add(3 * testIdle); time.Now().Before(end); {
		get(t, c, br)
		time.Sleep(testRead / 3)
	}
}

// TestIdleFallsBackToReadTimeout: without an idle timeout the read timeout
// bounds the wait between requests, re-armed for each one: a connection
// used more slowly than that in all, but faster than it each time, lives.
func TestIdleFallsBackToReadTimeout(t *testing.T) {
	addr := serve(t, Limits{ReadTimeout: testRead}, ok)
	c := dial(t, addr)
	br := bufio.NewReader(c)
	for range 6 {
		get(t, c, br)
		time.Sleep(testRead / 3)
	}
	start := time.Now()
	if d := closedAfter(t, c, start); d < testRead*3/4-50*time.Millisecond || d > testRead+slack {
		t.Fatalf("idle connection closed after %v, want about %v", d, testRead)
	}
}

// TestTrickledRequestGets408: once a kept-alive connection's next request
// is under way, it must be complete within the read timeout, however
// slowly it trickles (the idle timeout is four times longer).
func TestTrickledRequestGets408(t *testing.T) {
	addr := deadlineServer(t, ok)
	c := dial(t, addr)
	br := bufio.NewReader(c)
	get(t, c, br)
	req := "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + strings.Repeat("s", 200) + "\r\n\r\n"
	start := time.Now()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range len(req) {
			if _, err := c.Write([]byte{req[i]}); err != nil {
				return // the server gave up: the point
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	c.Close()
	<-done
	if resp.StatusCode != 408 || !strings.Contains(string(body), `"request_timeout"`) {
		t.Fatalf("status %d %s, want 408 request_timeout", resp.StatusCode, body)
	}
	if took >= time.Duration(len(req))*20*time.Millisecond {
		t.Fatalf("the trickle finished before the server answered (%v): not bounded", took)
	}
	if took < testRead-50*time.Millisecond {
		t.Fatalf("408 after %v, before the read timeout %v", took, testRead)
	}
}

// TestUnreadResponseCutAfterWriteTimeout: a client that stops reading
// holds a response at most the write timeout, from memory (Write) and from
// a file (ReadFrom, the sendfile path) alike.
func TestUnreadResponseCutAfterWriteTimeout(t *testing.T) {
	const size = 64 << 20 // far over the loopback socket buffers
	path := filepath.Join(t.TempDir(), "big")
	if err := os.WriteFile(path, make([]byte, size), 0o600); err != nil {
		t.Fatal(err)
	}
	mem := make([]byte, size)
	for name, h := range map[string]fasthttp.RequestHandler{
		"memory": func(rc *fasthttp.RequestCtx) { rc.Response.SetBodyRaw(mem) },
		"file": func(rc *fasthttp.RequestCtx) {
			f, err := os.Open(path)
			if err != nil {
				rc.SetStatusCode(500)
				return
			}
			rc.SetBodyStream(f, size)
		},
	} {
		t.Run(name, func(t *testing.T) {
			addr := deadlineServer(t, h)
			c := dial(t, addr)
			if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")); err != nil {
				t.Fatal(err)
			}
			// The response is under way once its first byte is here; then
			// the client stops reading for longer than the write timeout.
			first := make([]byte, 1)
			_ = c.SetReadDeadline(time.Now().Add(slack))
			if _, err := io.ReadFull(c, first); err != nil {
				t.Fatal(err)
			}
			time.Sleep(testWrite + time.Second)
			_ = c.SetReadDeadline(time.Now().Add(slack))
			n, _ := io.Copy(io.Discard, c)
			if n >= size {
				t.Fatalf("received %d bytes: the whole response, want it cut", n)
			}
			if n == 0 {
				t.Fatal("received nothing")
			}
		})
	}
}
