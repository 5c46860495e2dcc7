package signer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/signer/siwe"
)

type verifyRequest struct {
	Message   string `json:"message"`
	Signature string `json:"signature"`
}

type verifyResponse struct {
	Address   string `json:"address"`
	Session   string `json:"session"`
	ExpiresAt string `json:"expires_at"`
}

// verify serves POST /auth/verify and counts the outcome.
func (s *Server) verify(rc *fasthttp.RequestCtx) error {
	err := s.signIn(rc)
	s.metrics.signIns.WithLabelValues(result(err)).Inc()
	return err
}

// signIn is the sign-in pipeline. The checks that need no state (shape,
// domain, URI, chain, validity window) come first, so a refused message
// leaves its nonce usable. The nonce is consumed next, atomically and before
// the signature check: a message is then verified at most once whatever
// happens, so a replay fails even while the first attempt is in flight, and
// the signature check, which may cost eth_calls for a contract wallet, costs
// an attacker a fresh nonce (and a rate-limited GET) each time. The price is
// that a failed signature or a chain outage burns the nonce: the client gets
// a new one and signs again.
func (s *Server) signIn(rc *fasthttp.RequestCtx) error {
	if !rc.IsPost() {
		return methodError{allow: "POST"}
	}
	req, err := s.decodeVerify(rc.PostBody())
	if err != nil {
		return err
	}
	m, err := siwe.Parse(req.Message)
	if err != nil {
		return err
	}
	sig, err := siwe.DecodeSignature(req.Signature)
	if err != nil {
		return fmt.Errorf("%w: signature: %w", errBadRequest, err)
	}
	now := s.now()
	opts, err := s.accept(m, now)
	if err != nil {
		return err
	}
	if err := s.takeNonce(m.Nonce, now); err != nil {
		return err
	}
	if err := siwe.Verify(s.ctx, m, req.Message, sig, opts); err != nil {
		return err
	}
	return s.startSession(rc, m, now)
}

// decodeVerify reads the request body strictly: one JSON object with both
// fields and nothing else.
func (s *Server) decodeVerify(body []byte) (verifyRequest, error) {
	var req verifyRequest
	if len(body) > s.cfg.MaxBodyBytes {
		return req, fmt.Errorf("%w: more than %d bytes", errBodyTooLarge, s.cfg.MaxBodyBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return req, fmt.Errorf("%w: body: %w", errBadRequest, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return req, fmt.Errorf("%w: body: data after the JSON object", errBadRequest)
	}
	if req.Message == "" || req.Signature == "" {
		return req, fmt.Errorf(`%w: body: want {"message":"<EIP-4361 text>","signature":"0x…"}`, errBadRequest)
	}
	return req, nil
}

// accept checks what the message binds the sign-in to against the config,
// and its validity window, and returns the options to verify it with.
func (s *Server) accept(m *siwe.Message, now time.Time) (siwe.VerifyOptions, error) {
	scheme, ok := s.domainOf(m)
	if !ok {
		return siwe.VerifyOptions{}, fmt.Errorf("%w: %q", errDomain, clip(m.Domain))
	}
	if len(s.uris) > 0 {
		if o, err := uriOrigin(m.URI); err != nil || !s.uris[o] {
			return siwe.VerifyOptions{}, fmt.Errorf("%w: %q", errURI, clip(m.URI))
		}
	}
	chain := s.chains[m.ChainID]
	if chain == nil {
		return siwe.VerifyOptions{}, fmt.Errorf("%w: chain %d is not configured", errChain, m.ChainID)
	}
	if err := m.CheckTime(now, s.cfg.Leeway); err != nil {
		return siwe.VerifyOptions{}, err
	}
	return siwe.VerifyOptions{
		Domain: m.Domain, Scheme: scheme, Nonce: m.Nonce, Now: now, Leeway: s.cfg.Leeway,
		ContractCheck: contractCheck(chain),
	}, nil
}

// domainOf finds the configured domain the message names and returns the
// scheme it requires ("" for any).
func (s *Server) domainOf(m *siwe.Message) (string, bool) {
	for _, d := range s.domains {
		if !strings.EqualFold(d.authority, m.Domain) {
			continue
		}
		if d.scheme == "" {
			return "", true
		}
		if strings.EqualFold(d.scheme, m.Scheme) {
			return m.Scheme, true
		}
	}
	return "", false
}

func (s *Server) takeNonce(nonce string, now time.Time) error {
	ctx, cancel := context.WithTimeout(s.ctx, storeTimeout)
	defer cancel()
	return s.nonces.take(ctx, nonce, now)
}

func (s *Server) startSession(rc *fasthttp.RequestCtx, m *siwe.Message, now time.Time) error {
	tok, c, err := s.issuer.Session(m.Address.Hex(), m.ChainID, s.cfg.SessionTTL, now)
	if err != nil {
		return err
	}
	s.metrics.issued.WithLabelValues("session").Inc()
	writeJSON(rc, fasthttp.StatusOK, verifyResponse{
		Address:   m.Address.Hex(),
		Session:   tok,
		ExpiresAt: c.ExpiresAt.UTC().Format(time.RFC3339),
	})
	return nil
}

// clip shortens untrusted text quoted in an error message.
func clip(s string) string {
	const limit = 64
	if len(s) <= limit {
		return s
	}
	return s[:limit] + "…"
}
