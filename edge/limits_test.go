package edge

import (
	"strings"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/testenv"
)

// TestRefusalsAreJSON: what fasthttp refuses before the edge's handlers, on
// the delivery and the admin listener, is the JSON error body; the edge
// alone reads no body but bounds it with the signer's default.
func TestRefusalsAreJSON(t *testing.T) {
	admin := "127.0.0.1:" + testenv.FreePort(t)
	e := newTestEdge(t, sampleOrigin(t), func(c *Config) {
		c.HTTP.ReadTimeout = 300 * time.Millisecond
		c.AdminListen = admin
	})
	for _, addr := range []string{strings.TrimPrefix(e.url, "http://"), admin} {
		t.Run(addr, func(t *testing.T) {
			testenv.CheckRefusals(t, addr, testenv.Refusals{
				OKPath: "/healthz", MaxHeaderBytes: httperr.DefaultMaxHeaderBytes,
				MaxBodyBytes: httperr.DefaultMaxBodyBytes, ReadTimeout: 300 * time.Millisecond,
			})
		})
	}
}

// TestHeaderBudgetIsConfigurable: http.max_header_bytes moves the 431 line.
func TestHeaderBudgetIsConfigurable(t *testing.T) {
	e := newTestEdge(t, sampleOrigin(t), func(c *Config) { c.HTTP.MaxHeaderBytes = 20 << 10 })
	testenv.CheckRefusals(t, strings.TrimPrefix(e.url, "http://"), testenv.Refusals{
		OKPath: "/healthz", MaxHeaderBytes: 20 << 10, MaxBodyBytes: httperr.DefaultMaxBodyBytes,
	})
}

func TestConnectionLimitsAreJSON(t *testing.T) {
	t.Run("max_conns_per_ip", func(t *testing.T) {
		e := newTestEdge(t, sampleOrigin(t), func(c *Config) { c.HTTP.MaxConnsPerIP = 2 })
		testenv.CheckConnLimit(t, strings.TrimPrefix(e.url, "http://"), "/healthz", 2, 429, "too_many_requests")
	})
	t.Run("concurrency", func(t *testing.T) {
		e := newTestEdge(t, sampleOrigin(t), func(c *Config) { c.HTTP.Concurrency = 3 })
		testenv.CheckConnLimit(t, strings.TrimPrefix(e.url, "http://"), "/healthz", 3, 503, "overloaded")
	})
}
