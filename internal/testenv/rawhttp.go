package testenv

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// RawHTTP writes raw, byte for byte, on a new connection to addr
// (host:port) and returns the one response read back with its body.
func RawHTTP(t testing.TB, addr, raw string) (*http.Response, []byte) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	return rawExchange(t, c, raw)
}

func rawExchange(t testing.TB, c net.Conn, raw string) (*http.Response, []byte) {
	t.Helper()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatalf("writing the request: %v", err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("reading the response: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the response body: %v", err)
	}
	return resp, body
}

// WantJSONError fails t unless resp is status with Content-Type
// application/json and the body {"error":code,"message":"<not empty>"}.
func WantJSONError(t testing.TB, resp *http.Response, body []byte, status int, code string) {
	t.Helper()
	var e struct{ Error, Message string }
	switch err := json.Unmarshal(body, &e); {
	case resp.StatusCode != status:
		t.Fatalf("status %d, want %d (body %q)", resp.StatusCode, status, body)
	case resp.Header.Get("Content-Type") != "application/json":
		t.Fatalf("Content-Type %q, want application/json (body %q)", resp.Header.Get("Content-Type"), body)
	case err != nil || e.Message == "":
		t.Fatalf("body %q is not {\"error\",\"message\"}: %v", body, err)
	case e.Error != code:
		t.Fatalf("error %q, want %q (%s)", e.Error, code, e.Message)
	}
}

// Refusals says what CheckRefusals sends to a server.
type Refusals struct {
	// OKPath answers a plain GET with 200 (e.g. /healthz).
	OKPath string
	// BodyPath takes a POST body (e.g. /auth/verify); "" uses OKPath.
	BodyPath string
	// MaxHeaderBytes and MaxBodyBytes are the server's limits.
	MaxHeaderBytes, MaxBodyBytes int
	// ReadTimeout, when set, is the server's (short) read timeout: a
	// request left unfinished must then get 408.
	ReadTimeout time.Duration
}

// CheckRefusals checks, on the HTTP/1.1 server at addr, each class of
// request the server refuses before its handlers: every refusal is the JSON
// error body with its status, and the requests just inside the limits (a
// 9 KB cookie, headers of exactly MaxHeaderBytes) are served.
func CheckRefusals(t *testing.T, addr string, r Refusals) {
	bodyPath := r.BodyPath
	if bodyPath == "" {
		bodyPath = r.OKPath
	}
	get := func(extra string) string {
		return "GET " + r.OKPath + " HTTP/1.1\r\nHost: " + addr + "\r\n" + extra + "\r\n"
	}
	// sized pads a GET with one header so that the whole head is n bytes.
	sized := func(n int) string {
		base := len(get("X-Pad: \r\n"))
		return get("X-Pad: " + strings.Repeat("p", n-base) + "\r\n")
	}
	t.Run("9 KB cookie", func(t *testing.T) {
		resp, body := RawHTTP(t, addr, get("Cookie: sso="+strings.Repeat("c", 9000)+"\r\n"))
		if resp.StatusCode != 200 {
			t.Fatalf("status %d (%s), want 200", resp.StatusCode, body)
		}
	})
	t.Run("head of exactly max_header_bytes", func(t *testing.T) {
		if resp, body := RawHTTP(t, addr, sized(r.MaxHeaderBytes)); resp.StatusCode != 200 {
			t.Fatalf("status %d (%s), want 200", resp.StatusCode, body)
		}
	})
	for name, raw := range map[string]string{
		"head one byte over": sized(r.MaxHeaderBytes + 1),
		"many headers over":  get(strings.Repeat("X-Forwarded-Stuff: "+strings.Repeat("f", 1000)+"\r\n", r.MaxHeaderBytes/1000+1)),
	} {
		t.Run(name, func(t *testing.T) {
			resp, body := RawHTTP(t, addr, raw)
			WantJSONError(t, resp, body, 431, "header_too_large")
		})
	}
	post := func(n int) string {
		return "POST " + bodyPath + " HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/json\r\nContent-Length: " +
			strconv.Itoa(n) + "\r\n\r\n" + strings.Repeat(" ", n)
	}
	chunked := "POST " + bodyPath + " HTTP/1.1\r\nHost: " + addr + "\r\nTransfer-Encoding: chunked\r\n\r\n" +
		strconv.FormatInt(int64(r.MaxBodyBytes+1), 16) + "\r\n" + strings.Repeat(" ", r.MaxBodyBytes+1) + "\r\n0\r\n\r\n"
	for name, raw := range map[string]string{"body one byte over": post(r.MaxBodyBytes + 1), "chunked body over": chunked} {
		t.Run(name, func(t *testing.T) {
			resp, body := RawHTTP(t, addr, raw)
			WantJSONError(t, resp, body, 413, "body_too_large")
		})
	}
	for name, raw := range map[string]string{
		"not HTTP":             "HELLO\r\n\r\n",
		"bad request line":     "GET /a b c d\r\n\r\n",
		"header without colon": "GET " + r.OKPath + " HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n",
		"bad content length":   "POST " + bodyPath + " HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
		"bad chunk size":       "POST " + bodyPath + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			resp, body := RawHTTP(t, addr, raw)
			WantJSONError(t, resp, body, 400, "bad_request")
		})
	}
	if r.ReadTimeout > 0 {
		t.Run("unfinished request", func(t *testing.T) {
			resp, body := RawHTTP(t, addr, "GET "+r.OKPath+" HTTP/1.1\r\nHost: x\r\n")
			WantJSONError(t, resp, body, 408, "request_timeout")
		})
	}
}

// CheckConnLimit holds limit connections to addr open, checks that one
// more is answered status with the JSON error code and closed, and that a
// connection is served again once one of them closes.
func CheckConnLimit(t *testing.T, addr, okPath string, limit, status int, code string) {
	held := make([]net.Conn, 0, limit)
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	get := "GET " + okPath + " HTTP/1.1\r\nHost: " + addr + "\r\n\r\n"
	for range limit {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
		// A served request proves the connection was accepted and counted.
		if resp, body := rawExchange(t, c, get); resp.StatusCode != 200 {
			t.Fatalf("connection within the limit: %d %s", resp.StatusCode, body)
		}
	}
	resp, body := RawHTTP(t, addr, get)
	WantJSONError(t, resp, body, status, code)
	if !resp.Close {
		t.Error("the refusal lacks Connection: close")
	}
	held[0].Close()
	held = held[1:]
	WaitFor(t, 5*time.Second, func() error {
		if resp, body := RawHTTP(t, addr, get); resp.StatusCode != 200 {
			return fmt.Errorf("after a connection closed: %d %s", resp.StatusCode, body)
		}
		return nil
	})
}
