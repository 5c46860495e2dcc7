package signer

import (
	"fmt"
	"strings"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/internal/cors"
)

// CORSConfig says which page origins may call the signer from a browser.
type CORSConfig struct {
	// ExtraOrigins ("scheme://host[:port]") may call /auth/*, /playback/*
	// beside the origins derived from domains and uris (see SignInOrigins);
	// "*" is refused. The JWKS answers any origin.
	ExtraOrigins []string `yaml:"extra_origins"`
}

// corsMaxAge is how long a browser may reuse a preflight answer: Chromium's
// cap (2 h).
const corsMaxAge = 2 * time.Hour

// SignInOrigins returns the origins a page may sign in from, lowercased: for
// each domain, scheme://host[:port] with its scheme, or both https and http
// when it names none (SIWE then accepts either); when uris is set, only
// those among them, since a message's URI must also be listed.
func (c *Config) SignInOrigins() []string {
	uris := make(map[string]bool, len(c.URIs))
	for _, u := range c.URIs {
		if o, err := uriOrigin(u); err == nil {
			uris[o] = true
		}
	}
	var out []string
	for _, d := range c.Domains {
		scheme, authority, err := splitDomain(d)
		if err != nil {
			continue
		}
		schemes := []string{"https", "http"}
		if scheme != "" {
			schemes = []string{scheme}
		}
		for _, sch := range schemes {
			o := strings.ToLower(sch + "://" + authority)
			if len(uris) == 0 || uris[o] {
				out = append(out, o)
			}
		}
	}
	return out
}

func (c *Config) validateCORS() error {
	for i, o := range c.CORS.ExtraOrigins {
		if o == cors.Any {
			return fmt.Errorf("cors.extra_origins[%d]: \"*\" is not accepted; list the dApp origins", i)
		}
		if _, err := cors.Origin(o); err != nil {
			return fmt.Errorf("cors.extra_origins[%d]: %w", i, err)
		}
	}
	return nil
}

// initCORS builds the two policies: the API's (sign-in origins plus
// cors.extra_origins; Authorization and Content-Type) and the JWKS's (any
// origin: public keys).
func (s *Server) initCORS(Deps) error {
	var err error
	s.apiCORS, err = cors.New(cors.Config{
		Origins: append(s.cfg.SignInOrigins(), s.cfg.CORS.ExtraOrigins...),
		Methods: []string{fasthttp.MethodGet, fasthttp.MethodPost},
		Headers: []string{"Authorization", "Content-Type"},
		Expose:  []string{"Retry-After"},
		MaxAge:  corsMaxAge,
	})
	if err != nil {
		return fmt.Errorf("cors: %w", err)
	}
	s.jwksCORS, err = cors.New(cors.Config{
		Origins: []string{cors.Any},
		Methods: []string{fasthttp.MethodGet, fasthttp.MethodHead},
		MaxAge:  corsMaxAge,
	})
	return err
}

// corsOf is the CORS policy of path, nil for routes without one (/healthz,
// /metrics, unknown paths).
func (s *Server) corsOf(path []byte) *cors.Policy {
	switch p := string(path); {
	case p == "/auth/nonce", p == "/auth/verify", strings.HasPrefix(p, "/playback/"):
		return s.apiCORS
	case p == JWKSPath:
		return s.jwksCORS
	}
	return nil
}

// preflight answers a CORS preflight with p; refusals are JSON errors.
func (s *Server) preflight(rc *fasthttp.RequestCtx, p *cors.Policy) {
	err := p.Preflight(rc)
	s.metrics.preflights.Count(err)
	if err != nil {
		s.fail(rc, err)
		cors.Vary(rc)
	}
}
