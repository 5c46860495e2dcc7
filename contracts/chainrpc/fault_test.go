package chainrpc

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/rpc"
)

// TestAnswers: a body answers the request only as JSON-RPC with the same
// ids, each with a result (null included) or an error.
func TestAnswers(t *testing.T) {
	for _, tc := range []struct {
		body string
		sent []string
		ok   bool
	}{
		{`{"jsonrpc":"2.0","id":1,"result":"0x01"}`, []string{"1"}, true},
		{`{"jsonrpc":"2.0","id":1,"result":null}`, []string{"1"}, true},
		{`{"jsonrpc":"2.0","id":1,"error":{"code":3,"message":"execution reverted"}}`, []string{"1"}, true},
		{` [{"jsonrpc":"2.0","id":2,"result":"0x"},{"jsonrpc":"2.0","id":1,"result":"0x"}]`, []string{"1", "2"}, true},
		{`{"jsonrpc":"2.0","id":2,"result":"0x01"}`, []string{"1"}, false},
		{`{"jsonrpc":"2.0","id":"1","result":"0x01"}`, []string{"1"}, false},
		{`{"jsonrpc":"2.0","result":"0x01"}`, []string{"1"}, false},
		{`[{"jsonrpc":"2.0","id":1,"result":"0x"}]`, []string{"1", "2"}, false},
		{`{"jsonrpc":"2.0","id":1}`, []string{"1"}, false},
		{`{"id":1,"result":"0x01"}`, []string{"1"}, true}, // lenient nodes omit "jsonrpc"
		{`<html><body>502 Bad Gateway</body></html>`, []string{"1"}, false},
		{``, []string{"1"}, false},
		{`{"jsonrpc":"2.0","id":1,"result":"0x01"`, []string{"1"}, false},
	} {
		err := answers([]byte(tc.body), tc.sent)
		if tc.ok != (err == nil) || err != nil && !errors.Is(err, ErrBadAnswer) {
			t.Errorf("%s for %v: err = %v, want ok=%v or ErrBadAnswer", tc.body, tc.sent, err, tc.ok)
		}
	}
}

// TestReturnData: short data is an answer only from an address without
// code; the code is asked only when the data is short.
func TestReturnData(t *testing.T) {
	codeErr := errors.New("eth_getCode failed")
	for _, tc := range []struct {
		name  string
		out   []byte
		code  []byte
		cerr  error
		want  error
		asked bool
	}{
		{"a word", make([]byte, 32), nil, nil, nil, false},
		{"more than a word", make([]byte, 96), nil, nil, nil, false},
		{"empty from no code", nil, nil, nil, nil, true},
		{"empty from code", nil, []byte{0x60}, nil, ErrBadAnswer, true},
		{"31 bytes from code", make([]byte, 31), []byte{0x60}, nil, ErrBadAnswer, true},
		{"code unknown", nil, nil, codeErr, codeErr, true},
	} {
		asked := false
		err := ReturnData(tc.out, 32, func() ([]byte, error) { asked = true; return tc.code, tc.cerr })
		if !errors.Is(err, tc.want) || tc.want == nil && err != nil || asked != tc.asked {
			t.Errorf("%s: err = %v (code asked: %v), want %v (asked: %v)", tc.name, err, asked, tc.want, tc.asked)
		}
	}
}

type codedErr struct{ code int }

func (e codedErr) Error() string  { return fmt.Sprintf("rpc error %d", e.code) }
func (e codedErr) ErrorCode() int { return e.code }

func TestReasonAndRevert(t *testing.T) {
	for _, tc := range []struct {
		err    error
		reason string
		revert bool
	}{
		{Bad("short"), "bad_answer", false},
		{&url.Error{Op: "Post", URL: "http://x/key", Err: Bad("ids")}, "bad_answer", false},
		{&url.Error{Op: "Post", URL: "http://x/key", Err: context.DeadlineExceeded}, "timeout", false},
		{rpc.HTTPError{StatusCode: 429}, "http_429", false},
		{rpc.HTTPError{StatusCode: 502}, "http_5xx", false},
		{rpc.HTTPError{StatusCode: 404}, "http_status", false},
		{codedErr{-32000}, "rpc_error", false},
		{codedErr{3}, "rpc_error", true},
		{errors.New("execution reverted"), "transport", true},
		{errors.New("connection refused"), "transport", false},
	} {
		if got := Reason(tc.err); got != tc.reason {
			t.Errorf("Reason(%v) = %s, want %s", tc.err, got, tc.reason)
		}
		if got := IsRevert(tc.err); got != tc.revert {
			t.Errorf("IsRevert(%v) = %v", tc.err, got)
		}
	}
}

// TestRedaction: no log line carries what follows an endpoint's host.
func TestRedaction(t *testing.T) {
	if got := Redact("https://eth.example/v3/SECRET"); got != "https://eth.example/…" {
		t.Errorf("Redact = %s", got)
	}
	err := fmt.Errorf("reading: %w", &url.Error{Op: "Post", URL: "https://eth.example/v3/SECRET", Err: errors.New("EOF")})
	if got := Describe(err); strings.Contains(got, "SECRET") {
		t.Errorf("Describe = %s", got)
	}
}

// TestBursts: an endpoint failing call after call is logged once, with its
// redacted URL, until it answers again; a new outage is logged again.
func TestBursts(t *testing.T) {
	var buf strings.Builder
	b := NewBursts([]string{"https://a.example/v3/SECRET", "https://b.example/"}, slog.New(slog.NewTextHandler(&buf, nil)), "chain", 1)
	fail := &url.Error{Op: "Post", URL: "https://a.example/v3/SECRET", Err: rpc.HTTPError{StatusCode: 429, Status: "429 Too Many Requests"}}
	for range 5 {
		b.Failed(0, fail)
	}
	b.OK(1)
	b.OK(0)
	b.OK(0)
	b.Failed(0, Bad("short"))
	out := buf.String()
	if n := strings.Count(out, "rpc endpoint failing"); n != 2 {
		t.Fatalf("%d failure lines for two outages:\n%s", n, out)
	}
	if n := strings.Count(out, "answering again"); n != 1 {
		t.Fatalf("%d recovery lines for one recovery:\n%s", n, out)
	}
	if strings.Contains(out, "SECRET") || !strings.Contains(out, "rpc=https://a.example/…") || !strings.Contains(out, "reason=http_429") || !strings.Contains(out, "chain=1") {
		t.Fatalf("log lines lack the redacted endpoint, reason or chain, or leak the key:\n%s", out)
	}
}
