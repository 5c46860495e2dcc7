package signer

import (
	"context"
	"crypto/rand"
	"time"

	"github.com/valyala/fasthttp"
)

// storeTimeout bounds one nonce store operation (Redis).
const storeTimeout = 2 * time.Second

type nonceResponse struct {
	Nonce string `json:"nonce"`
}

// nonce serves GET /auth/nonce: a fresh single-use nonce. rand.Text gives 26
// base32 characters (130 random bits), letters and digits only, as EIP-4361
// and docs/protocol.md (at least 16 alphanumerics) want.
func (s *Server) nonce(rc *fasthttp.RequestCtx) error {
	if !rc.IsGet() {
		return methodError{allow: "GET"}
	}
	n := rand.Text()
	ctx, cancel := context.WithTimeout(s.ctx, storeTimeout)
	defer cancel()
	if err := s.nonces.put(ctx, n, s.now()); err != nil {
		return err
	}
	writeJSON(rc, fasthttp.StatusOK, nonceResponse{Nonce: n})
	return nil
}
