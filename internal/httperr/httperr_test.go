package httperr

import (
	"io"
	"net"
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
func serve(t *testing.T, l Limits, readTimeout time.Duration, h fasthttp.RequestHandler) string {
	t.Helper()
	srv := &fasthttp.Server{Handler: h, ReadTimeout: readTimeout, Logger: nopLogger{}}
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
	for _, l := range []Limits{{}, {MaxHeaderBytes: MinMaxHeaderBytes * 4, MaxBodyBytes: 2000}} {
		t.Run(strconv.Itoa(l.MaxHeaderBytes), func(t *testing.T) {
			addr := serve(t, l, 300*time.Millisecond, ok)
			l = l.withDefaults()
			testenv.CheckRefusals(t, addr, testenv.Refusals{
				OKPath: "/", MaxHeaderBytes: l.MaxHeaderBytes, MaxBodyBytes: l.MaxBodyBytes, ReadTimeout: 300 * time.Millisecond,
			})
		})
	}
}

func TestConnectionLimitsAreJSON(t *testing.T) {
	t.Run("per ip", func(t *testing.T) {
		addr := serve(t, Limits{MaxConnsPerIP: 3}, 10*time.Second, ok)
		testenv.CheckConnLimit(t, addr, "/", 3, 429, "too_many_requests")
	})
	t.Run("concurrency", func(t *testing.T) {
		addr := serve(t, Limits{Concurrency: 2}, 10*time.Second, ok)
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
	addr := serve(t, Limits{MaxConnsPerIP: 10}, 10*time.Second, func(rc *fasthttp.RequestCtx) {
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
