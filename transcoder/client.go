package transcoder

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/streamgate/streamgate/internal/httperr"
)

// Client calls a transcoder's admin API, for `streamgate submit` and
// `streamgate jobs`.
type Client struct {
	base  string
	token string
	http  *http.Client
}

// NewClient calls the API at baseURL (http://host:port) with token.
func NewClient(baseURL, token string) *Client {
	return &Client{base: strings.TrimRight(baseURL, "/"), token: token, http: &http.Client{Timeout: 30 * time.Second}}
}

// Submit queues a job.
func (c *Client) Submit(ctx context.Context, spec Spec) (Job, error) {
	body, err := json.Marshal(spec)
	if err != nil {
		return Job{}, err
	}
	var job Job
	return job, c.do(ctx, http.MethodPost, "/jobs", body, &job)
}

// Job returns one job's state.
func (c *Client) Job(ctx context.Context, id string) (Job, error) {
	var job Job
	return job, c.do(ctx, http.MethodGet, "/jobs/"+url.PathEscape(id), nil, &job)
}

// Jobs lists up to limit jobs, newest first.
func (c *Client) Jobs(ctx context.Context, limit int) ([]Job, error) {
	var out struct {
		Jobs []Job `json:"jobs"`
	}
	err := c.do(ctx, http.MethodGet, "/jobs?limit="+strconv.Itoa(limit), nil, &out)
	return out.Jobs, err
}

// do sends one request and decodes the answer into out, or the error body
// into an error wrapping ErrBadSpec, ErrUnauthorized or ErrUnknownJob.
func (c *Client) do(ctx context.Context, method, path string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("transcoder api: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("transcoder api: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("transcoder api: %s %s: %w", method, path, err)
	}
	if resp.StatusCode >= 300 {
		return apiErrorOf(resp.StatusCode, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("transcoder api: %s %s: %w", method, path, err)
	}
	return nil
}

func apiErrorOf(status int, data []byte) error {
	var e httperr.Body
	if json.Unmarshal(data, &e) != nil || e.Message == "" {
		e.Message = strings.TrimSpace(string(data))
	}
	switch status {
	case http.StatusBadRequest:
		return fmt.Errorf("%w (%s)", ErrBadSpec, strings.TrimPrefix(e.Message, ErrBadSpec.Error()+": "))
	case http.StatusUnauthorized:
		return ErrUnauthorized
	case http.StatusNotFound:
		return fmt.Errorf("%w (%s)", ErrUnknownJob, e.Message)
	}
	return fmt.Errorf("transcoder api: %d %s: %s", status, http.StatusText(status), e.Message)
}
