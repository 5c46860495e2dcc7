package chainrpc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
)

// maxResponse bounds a JSON-RPC response body read for checking (eth_getLogs
// over a wide range is the largest answer the project asks for).
const maxResponse = 128 << 20

// dial connects to a JSON-RPC endpoint (http, https, ws, wss). Over HTTP
// every response is checked to be a JSON-RPC 2.0 response to the request
// sent, with the same id, which go-ethereum's HTTP client does not check: a
// load balancer that mixes up answers, or a proxy's HTML page served with
// status 200, is then an ErrBadAnswer. Over websockets go-ethereum matches
// ids itself (an answer for another id never arrives: a timeout).
func dial(ctx context.Context, rawURL string) (*ethclient.Client, error) {
	var (
		c   *rpc.Client
		err error
	)
	if hasScheme(rawURL, "http://", "https://") {
		c, err = rpc.DialOptions(ctx, rawURL, rpc.WithHTTPClient(&http.Client{Transport: checked{http.DefaultTransport}}))
	} else {
		c, err = rpc.DialContext(ctx, rawURL)
	}
	if err != nil {
		return nil, err
	}
	return ethclient.NewClient(c), nil
}

// checked is a RoundTripper that refuses successful HTTP responses that do
// not answer the JSON-RPC request sent.
type checked struct{ next http.RoundTripper }

// message is the part of a JSON-RPC 2.0 request or response checked here.
type message struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  json.RawMessage `json:"error"`
}

func (c checked) RoundTrip(req *http.Request) (*http.Response, error) {
	sent, err := requestIDs(req)
	if err != nil {
		return nil, err
	}
	resp, err := c.next.RoundTrip(req)
	if err != nil || resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return resp, err // go-ethereum reports the status as an rpc.HTTPError
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if len(body) > maxResponse {
		return nil, Bad("response over %d bytes", maxResponse)
	}
	if err := answers(body, sent); err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// requestIDs returns the ids of the request's messages (one for a single
// call), reading the body through GetBody so that it can still be sent.
func requestIDs(req *http.Request) ([]string, error) {
	if req.GetBody == nil {
		return nil, errors.New("chainrpc: request body cannot be re-read")
	}
	rc, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	raw, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	msgs, _, err := parse(raw)
	if err != nil {
		return nil, fmt.Errorf("chainrpc: reading the request: %w", err)
	}
	ids := make([]string, len(msgs))
	for i, m := range msgs {
		ids[i] = string(m.ID)
	}
	return ids, nil
}

// parse reads one JSON-RPC message or a batch.
func parse(raw []byte) ([]message, bool, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var batch []message
		err := json.Unmarshal(raw, &batch)
		return batch, true, err
	}
	var one message
	err := json.Unmarshal(raw, &one)
	return []message{one}, false, err
}

// answers checks that body is a JSON-RPC 2.0 response (one, or a batch) to
// the requests with ids sent: the same ids, each with a result or an error.
func answers(body []byte, sent []string) error {
	msgs, _, err := parse(body)
	if err != nil {
		return Bad("not a JSON-RPC response (%d bytes starting %q)", len(body), head(body))
	}
	got := make([]string, len(msgs))
	for i, m := range msgs {
		// The "jsonrpc" member is not required: an answer without it is
		// still the answer, and some lenient nodes leave it out.
		if len(m.Result) == 0 && len(m.Error) == 0 {
			return Bad("a JSON-RPC response without result or error (%q)", head(body))
		}
		got[i] = string(m.ID)
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(sent))
	if !slices.Equal(got, want) {
		return Bad("response ids %v answer requests %v", got, want)
	}
	return nil
}

func head(b []byte) []byte {
	return b[:min(len(b), 40)]
}

// Describe is err for a log line: a *url.Error names the full endpoint URL,
// API key included, so only its cause is kept.
func Describe(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Op + ": " + ue.Err.Error()
	}
	return err.Error()
}
