package signer

import (
	"github.com/valyala/fasthttp"
)

// JWKSPath is where the signer publishes its public keys (docs/protocol.md).
const JWKSPath = "/.well-known/jwks.json"

// jwks serves the issuer's public keys. Edges refresh them every minute or
// so; five minutes of caching is short next to a key's rotation overlap.
func (s *Server) jwks(rc *fasthttp.RequestCtx) error {
	if !rc.IsGet() && !rc.IsHead() {
		return methodError{allow: "GET, HEAD"}
	}
	rc.SetContentType("application/json")
	rc.Response.Header.Set("Cache-Control", "public, max-age=300")
	rc.SetBody(s.jwksJSON)
	return nil
}

// health serves /healthz: the process is up.
func (s *Server) health(rc *fasthttp.RequestCtx) error {
	if !rc.IsGet() && !rc.IsHead() {
		return methodError{allow: "GET, HEAD"}
	}
	rc.SetContentType("text/plain; charset=utf-8")
	rc.SetBodyString("ok\n")
	return nil
}
