package signer

import (
	"strings"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/testenv"
)

// TestRefusalsAreJSON: what fasthttp refuses before the signer's handlers
// is the JSON error body (a standalone signer; the edge hosting one is
// checked in cmd/streamgate).
func TestRefusalsAreJSON(t *testing.T) {
	ts := newTestSigner(t, func(c *Config, _ *Deps) { c.HTTP.ReadTimeout = 300 * time.Millisecond })
	testenv.CheckRefusals(t, strings.TrimPrefix(ts.url, "http://"), testenv.Refusals{
		OKPath: "/healthz", BodyPath: "/auth/verify", MaxHeaderBytes: httperr.DefaultMaxHeaderBytes,
		MaxBodyBytes: httperr.DefaultMaxBodyBytes, ReadTimeout: 300 * time.Millisecond,
	})
}

func TestConnectionLimitsAreJSON(t *testing.T) {
	t.Run("max_conns_per_ip", func(t *testing.T) {
		ts := newTestSigner(t, func(c *Config, _ *Deps) { c.HTTP.MaxConnsPerIP = 2 })
		testenv.CheckConnLimit(t, strings.TrimPrefix(ts.url, "http://"), "/healthz", 2, 429, "too_many_requests")
	})
	t.Run("concurrency", func(t *testing.T) {
		ts := newTestSigner(t, func(c *Config, _ *Deps) { c.HTTP.Concurrency = 3 })
		testenv.CheckConnLimit(t, strings.TrimPrefix(ts.url, "http://"), "/healthz", 3, 503, "overloaded")
	})
}
