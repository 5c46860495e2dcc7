package signer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/signer/token"
)

type playbackResponse struct {
	Token     string `json:"token"`
	HLS       string `json:"hls"`
	DASH      string `json:"dash"`
	ExpiresAt string `json:"expires_at"`
}

// playback serves POST /playback/{asset} and counts the outcome (renewals
// also on their own).
func (s *Server) playback(rc *fasthttp.RequestCtx, asset string) error {
	renewal, err := s.grant(rc, asset)
	s.metrics.playbacks.WithLabelValues(result(err)).Inc()
	if renewal {
		s.metrics.renewals.WithLabelValues(result(err)).Inc()
	}
	return err
}

// grant is the playback pipeline: asset id, body, session, the token to
// renew if any, manifest, policy, token. It reports whether the request
// was a renewal.
func (s *Server) grant(rc *fasthttp.RequestCtx, id string) (bool, error) {
	if !rc.IsPost() {
		return false, methodError{allow: "POST"}
	}
	if !asset.ValidID(id) {
		return false, fmt.Errorf("%w: asset id %q: want %s", errBadRequest, clip(id), asset.IDGrammar)
	}
	renew, err := s.decodeRenew(rc.PostBody())
	if err != nil {
		return false, err
	}
	now := s.now()
	claims, err := s.session(rc, now)
	if err != nil {
		return renew != "", err
	}
	var prev *token.Claims
	if renew != "" {
		if prev, err = s.renewable(renew, claims.Subject, id, now); err != nil {
			return true, err
		}
	}
	a, err := s.assets.Get(s.ctx, []byte(id), now)
	if err != nil {
		return prev != nil, err
	}
	if err := s.gate.AllowAt(s.ctx, common.HexToAddress(claims.Subject), a.Policy, now); err != nil {
		return prev != nil, err
	}
	var tok string
	var c *token.Claims
	if prev != nil {
		tok, c, err = s.issuer.Renew(prev, s.cfg.PlaybackTTL, now)
	} else {
		tok, c, err = s.issuer.Playback(claims.Subject, id, s.cfg.PlaybackTTL, now)
	}
	if err != nil {
		return prev != nil, err
	}
	s.metrics.issued.WithLabelValues("playback").Inc()
	prefix := "/t/" + tok + "/v/" + id + "/"
	writeJSON(rc, fasthttp.StatusOK, playbackResponse{
		Token:     tok,
		HLS:       prefix + "master.m3u8",
		DASH:      prefix + "manifest.mpd",
		ExpiresAt: c.ExpiresAt.UTC().Format(time.RFC3339),
	})
	return prev != nil, nil
}

// renewRequest is the optional body of POST /playback/{asset}.
type renewRequest struct {
	Renew *string `json:"renew"`
}

// decodeRenew reads the body strictly: empty (a new playback session), or
// exactly {"renew":"<playback token>"}. It returns the token or "".
func (s *Server) decodeRenew(body []byte) (string, error) {
	if len(body) == 0 {
		return "", nil
	}
	if len(body) > s.cfg.MaxBodyBytes {
		return "", fmt.Errorf("%w: more than %d bytes", errBodyTooLarge, s.cfg.MaxBodyBytes)
	}
	var req renewRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return "", fmt.Errorf("%w: body: %w", errBadRequest, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("%w: body: data after the JSON object", errBadRequest)
	}
	if req.Renew == nil || *req.Renew == "" {
		return "", fmt.Errorf(`%w: body: want nothing, or {"renew":"<playback token>"}`, errBadRequest)
	}
	return *req.Renew, nil
}

// renewable verifies a playback token offered for renewal: signed by this
// signer's keys for the playback audience, expired by at most
// playback_renew_grace (renewVerifier's leeway), and naming the session's
// wallet and this asset.
func (s *Server) renewable(tok, wallet, id string, now time.Time) (*token.Claims, error) {
	c, err := s.renewVerifier.Verify(tok, token.AudiencePlayback, now)
	if err != nil {
		return nil, fmt.Errorf("renew: %w", err)
	}
	switch {
	case c.Subject != wallet:
		return nil, fmt.Errorf("%w: the token to renew is another wallet's", errForbidden)
	case c.Asset != id:
		return nil, fmt.Errorf("%w: the token to renew is for another asset", errForbidden)
	}
	return c, nil
}

// session verifies the request's bearer token as a session token; a
// playback token fails its audience check.
func (s *Server) session(rc *fasthttp.RequestCtx, now time.Time) (*token.Claims, error) {
	tok, ok := bearer(rc.Request.Header.Peek(fasthttp.HeaderAuthorization))
	if !ok {
		return nil, errNoSession
	}
	return s.verifier.Verify(tok, token.AudienceSession, now)
}

// bearer returns the token of an "Authorization: Bearer <token>" header; the
// scheme is case-insensitive (RFC 9110).
func bearer(h []byte) (string, bool) {
	const scheme = "bearer "
	if len(h) <= len(scheme) || !bytes.EqualFold(h[:len(scheme)], []byte(scheme)) {
		return "", false
	}
	tok := bytes.TrimSpace(h[len(scheme):])
	return string(tok), len(tok) > 0
}
