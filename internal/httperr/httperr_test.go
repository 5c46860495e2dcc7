package httperr

import (
	"errors"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/internal/testenv"
)

// serve runs a fasthttp server configured by l on a loopback port; h
// answers every request.
func serve(t *testing.T, l Limits, h fasthttp.RequestHandler) string {
	t.Helper()
	srv := &fasthttp.Server{Handler: h, Logger: nopLogger{}}
	l.Apply(srv)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l.Listener(ln)) }()
	t.Cleanup(func() {
		if err := srv.Shutdown(); err != nil {
			t.Error(err)
		}
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return ln.Addr().String()
}

type nopLogger struct{}

func (nopLogger) Printf(string, ...any) {}

func ok(rc *fasthttp.RequestCtx) { rc.SetBodyString("ok") }

func TestRefusalsAreJSON(t *testing.T) {
	for _, l := range []Limits{{ReadTimeout: 300 * time.Millisecond}, {MaxHeaderBytes: MinMaxHeaderBytes * 4, MaxBodyBytes: 2000, ReadTimeout: 300 * time.Millisecond}} {
		t.Run(strconv.Itoa(l.MaxHeaderBytes), func(t *testing.T) {
			addr := serve(t, l, ok)
			l = l.withDefaults()
			testenv.CheckRefusals(t, addr, testenv.Refusals{
				OKPath: "/", MaxHeaderBytes: l.MaxHeaderBytes, MaxBodyBytes: l.MaxBodyBytes, ReadTimeout: 300 * time.Millisecond,
			})
		})
	}
}

func TestConnectionLimitsAreJSON(t *testing.T) {
	t.Run("per ip", func(t *testing.T) {
		addr := serve(t, Limits{MaxConnsPerIP: 3, ReadTimeout: 10 * time.Second}, ok)
		testenv.CheckConnLimit(t, addr, "/", 3, 429, "too_many_requests")
	})
	t.Run("concurrency", func(t *testing.T) {
		addr := serve(t, Limits{Concurrency: 2, ReadTimeout: 10 * time.Second}, ok)
		testenv.CheckConnLimit(t, addr, "/", 2, 503, "overloaded")
	})
}

// TestSendfileStillReachesTheSocket: the limits' connection wrapper must not
// hide the socket's ReadFrom, through which a file body goes by sendfile.
func TestSendfileStillReachesTheSocket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "body")
	want := strings.Repeat("0123456789abcdef", 1<<12)
	if err := os.WriteFile(path, []byte(want), 0o600); err != nil {
		t.Fatal(err)
	}
	var readerFrom bool
	addr := serve(t, Limits{MaxConnsPerIP: 10, ReadTimeout: 10 * time.Second}, func(rc *fasthttp.RequestCtx) {
		_, readerFrom = rc.Conn().(io.ReaderFrom)
		f, err := os.Open(path)
		if err != nil {
			t.Error(err)
			return
		}
		rc.SetBodyStream(f, len(want))
	})
	resp, body := testenv.RawHTTP(t, addr, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	if resp.StatusCode != 200 || string(body) != want {
		t.Fatalf("status %d, %d bytes", resp.StatusCode, len(body))
	}
	if !readerFrom {
		t.Fatal("the connection handed to fasthttp is not an io.ReaderFrom: sendfile is lost")
	}
}

func TestWrite(t *testing.T) {
	var rc fasthttp.RequestCtx
	rc.Response.Header.Set("X-Stale", "1")
	Write(&rc, 418, "teapot", `say "hi" <now>`)
	if rc.Response.StatusCode() != 418 || string(rc.Response.Header.ContentType()) != "application/json" ||
		string(rc.Response.Header.Peek("Cache-Control")) != "no-store" || len(rc.Response.Header.Peek("X-Stale")) != 0 {
		t.Fatalf("response head: %s", rc.Response.Header.String())
	}
	if got := string(rc.Response.Body()); got != `{"error":"teapot","message":"say \"hi\" \u003cnow\u003e"}` {
		t.Fatalf("body %s", got)
	}
}

// TestNetServer: the net/http servers take a 9 KB cookie, refuse headers
// over the budget with net/http's own 431 (text/plain: the library writes
// it before any handler), and a handler bounding its body answers JSON 413.
func TestNetServer(t *testing.T) {
	const maxBody = 1000
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var tooBig *http.MaxBytesError
		if _, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody)); errors.As(err, &tooBig) {
			WriteNet(w, http.StatusRequestEntityTooLarge, CodeBodyTooLarge, "over 1000 bytes")
			return
		}
		_, _ = io.WriteString(w, "ok")
	})
	srv := NewNetServer(h, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 || srv.MaxHeaderBytes != DefaultMaxHeaderBytes {
		t.Fatalf("limits not all set: %+v", srv)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }() // ends with the test
	t.Cleanup(func() { srv.Close() })
	addr := ln.Addr().String()
	get := func(extra string) string { return "GET / HTTP/1.1\r\nHost: x\r\n" + extra + "\r\n" }
	if resp, body := testenv.RawHTTP(t, addr, get("Cookie: sso="+strings.Repeat("c", 9000)+"\r\n")); resp.StatusCode != 200 {
		t.Fatalf("9 KB cookie: %d %s", resp.StatusCode, body)
	}
	// net/http reads MaxHeaderBytes plus 4096 bytes of slack before refusing.
	resp, _ := testenv.RawHTTP(t, addr, get("X-Big: "+strings.Repeat("b", DefaultMaxHeaderBytes+4096)+"\r\n"))
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Fatalf("headers over the budget: %d, want 431", resp.StatusCode)
	}
	resp, body := testenv.RawHTTP(t, addr, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n"+strings.Repeat("x", 1001))
	testenv.WantJSONError(t, resp, body, 413, CodeBodyTooLarge)
}

// TestApplyLeavesFasthttpLimitsUnreached: fasthttp's own text refusals stay
// off whatever the configured concurrency, an extreme one included.
func TestApplyLeavesFasthttpLimitsUnreached(t *testing.T) {
	for _, n := range []int{1, 3, fasthttp.DefaultConcurrency, math.MaxInt} {
		var srv fasthttp.Server
		Limits{Concurrency: n, MaxConnsPerIP: 5}.Apply(&srv)
		if srv.Concurrency < n || srv.MaxConnsPerIP != 0 || srv.ErrorHandler == nil {
			t.Errorf("concurrency %d: fasthttp's Concurrency %d, MaxConnsPerIP %d", n, srv.Concurrency, srv.MaxConnsPerIP)
		}
	}
}
