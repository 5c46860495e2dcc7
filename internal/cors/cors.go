// Package cors answers the CORS protocol of the Fetch standard
// (https://fetch.spec.whatwg.org/#http-cors-protocol) for StreamGate's
// servers: which origins may read a response, the preflight answer, and
// Vary: Origin wherever the answer depends on the request's origin. It never
// sends Access-Control-Allow-Credentials: nothing StreamGate serves relies
// on cookies (tokens travel in the path or in Authorization).
package cors

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/valyala/fasthttp"
)

// Refusals of a preflight; each server maps them to its JSON error body.
var (
	// ErrOrigin: the preflight's Origin is not allowed (403 origin_not_allowed).
	ErrOrigin = errors.New("cors: origin not allowed")
	// ErrMethod: the preflight asks for a method the route does not allow
	// (405 method_not_allowed).
	ErrMethod = errors.New("cors: method not allowed")
)

// CodeOrigin is the error code of ErrOrigin.
const CodeOrigin = "origin_not_allowed"

// Status maps a preflight refusal to its status and error code: ErrOrigin →
// 403 origin_not_allowed, ErrMethod → 405 method_not_allowed; 0 otherwise.
func Status(err error) (int, string) {
	switch {
	case errors.Is(err, ErrOrigin):
		return fasthttp.StatusForbidden, CodeOrigin
	case errors.Is(err, ErrMethod):
		return fasthttp.StatusMethodNotAllowed, "method_not_allowed"
	}
	return 0, ""
}

// Any is the origin entry that lets every origin read, without credentials.
const Any = "*"

// Config is one policy.
type Config struct {
	// Origins may read responses: Any, or origins "scheme://host[:port]"
	// (compared lowercased, without a trailing slash).
	Origins []string
	// Methods a preflight may ask for, e.g. GET, HEAD.
	Methods []string
	// Headers are the request headers a preflight may ask for (besides the
	// CORS-safelisted ones), e.g. Range or Authorization.
	Headers []string
	// Expose are the response headers a page may read beyond the safelisted.
	Expose []string
	// MaxAge is how long a browser may cache a preflight answer (whole seconds).
	MaxAge time.Duration
}

// Policy is a validated Config; it is safe for concurrent use and its
// Headers method allocates nothing.
type Policy struct {
	any                                bool
	origins                            map[string]bool
	methods                            map[string]bool
	allowMethods, allowHeaders, expose string
	maxAge                             string
	exposeB                            []byte // expose, set by Headers on every response without a conversion
}

// Response header names in fasthttp's canonical form and values set on every
// delivery response: SetCanonical with them skips the per-call key
// normalization of Set.
var (
	hdrAllowOrigin   = []byte("Access-Control-Allow-Origin")
	hdrExposeHeaders = []byte("Access-Control-Expose-Headers")
	hdrVary          = []byte("Vary")
	valAny           = []byte(Any)
	valOrigin        = []byte("Origin")
)

// New validates c: every origin must be Any or scheme://host[:port].
func New(c Config) (*Policy, error) {
	p := &Policy{
		origins:      make(map[string]bool, len(c.Origins)),
		methods:      make(map[string]bool, len(c.Methods)),
		allowMethods: strings.Join(c.Methods, ", "),
		allowHeaders: strings.Join(c.Headers, ", "),
		expose:       strings.Join(c.Expose, ", "),
		maxAge:       strconv.Itoa(int(c.MaxAge / time.Second)),
	}
	p.exposeB = []byte(p.expose)
	for i, o := range c.Origins {
		if o == Any {
			p.any = true
			continue
		}
		n, err := Origin(o)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
		p.origins[n] = true
	}
	for _, m := range c.Methods {
		p.methods[m] = true
	}
	return p, nil
}

// Origin returns o normalized (lowercased, no trailing slash) if it is an
// origin scheme://host[:port] with no user, path, query or fragment.
func Origin(o string) (string, error) {
	n := strings.ToLower(strings.TrimSuffix(o, "/"))
	u, err := url.Parse(n)
	if err != nil || u.Scheme == "" || u.Host == "" || u.User != nil || u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" || strings.HasSuffix(n, "?") || strings.HasSuffix(n, "#") {
		return "", fmt.Errorf("want an origin scheme://host[:port] or %q, got %q", Any, o)
	}
	return n, nil
}

// Allows reports whether origin may read responses.
func (p *Policy) Allows(origin []byte) bool {
	return p.any || p.origins[string(origin)] // the conversion does not allocate
}

// IsPreflight reports whether rc is a CORS preflight: OPTIONS with Origin
// and Access-Control-Request-Method.
func IsPreflight(rc *fasthttp.RequestCtx) bool {
	h := &rc.Request.Header
	return h.IsOptions() && len(h.Peek("Origin")) > 0 && len(h.Peek("Access-Control-Request-Method")) > 0
}

// Headers adds the CORS headers of an actual (non-preflight) response,
// errors included so that a page can read their JSON: with Any,
// Access-Control-Allow-Origin: * on every response (a shared cache may then
// serve it to any origin); otherwise the request's origin when allowed, and
// Vary: Origin always. Call it after the response is written (httperr.Write
// resets the headers).
func (p *Policy) Headers(rc *fasthttp.RequestCtx) {
	h := &rc.Response.Header
	if p.any {
		h.SetCanonical(hdrAllowOrigin, valAny)
	} else {
		h.AddBytesKV(hdrVary, valOrigin)
		o := rc.Request.Header.Peek("Origin")
		if len(o) == 0 || !p.origins[string(o)] {
			return
		}
		h.SetCanonical(hdrAllowOrigin, o)
	}
	if len(p.exposeB) > 0 {
		h.SetCanonical(hdrExposeHeaders, p.exposeB)
	}
}

// Preflight answers the preflight rc (see IsPreflight): 204 with
// Access-Control-Allow-Origin/-Methods/-Headers and -Max-Age when the origin
// and the requested method are allowed. Otherwise it writes nothing and
// returns ErrOrigin or ErrMethod for the caller's JSON error, after which
// the caller calls Vary to mark it.
func (p *Policy) Preflight(rc *fasthttp.RequestCtx) error {
	req := &rc.Request.Header
	origin := req.Peek("Origin")
	if !p.Allows(origin) {
		return fmt.Errorf("%w: %q", ErrOrigin, origin)
	}
	if m := req.Peek("Access-Control-Request-Method"); !p.methods[string(m)] {
		return fmt.Errorf("%w: %q (allowed: %s)", ErrMethod, m, p.allowMethods)
	}
	rc.SetStatusCode(fasthttp.StatusNoContent)
	h := &rc.Response.Header
	if p.any {
		h.Set("Access-Control-Allow-Origin", Any)
	} else {
		h.SetBytesV("Access-Control-Allow-Origin", origin)
	}
	// Vary on the request headers the answer reflects, for shared caches.
	h.Set("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
	h.Set("Access-Control-Allow-Methods", p.allowMethods)
	if p.allowHeaders != "" {
		h.Set("Access-Control-Allow-Headers", p.allowHeaders)
	}
	h.Set("Access-Control-Max-Age", p.maxAge)
	return nil
}

// Vary marks a refused preflight's answer as depending on its origin.
func Vary(rc *fasthttp.RequestCtx) {
	rc.Response.Header.Set("Vary", "Origin, Access-Control-Request-Method")
}

// Preflights counts preflight answers by result (granted, refused).
type Preflights struct{ granted, refused prometheus.Counter }

// NewPreflights registers the counter name{result} in r.
func NewPreflights(r prometheus.Registerer, name string) *Preflights {
	v := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: "CORS preflights answered, by result (granted, refused)."}, []string{"result"})
	r.MustRegister(v)
	return &Preflights{granted: v.WithLabelValues("granted"), refused: v.WithLabelValues("refused")}
}

// Count counts one preflight whose answer was err (nil: granted).
func (m *Preflights) Count(err error) {
	if err == nil {
		m.granted.Inc()
	} else {
		m.refused.Inc()
	}
}
