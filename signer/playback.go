package signer

import (
	"bytes"
	"fmt"
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

// playback serves POST /playback/{asset} and counts the outcome.
func (s *Server) playback(rc *fasthttp.RequestCtx, asset string) error {
	err := s.grant(rc, asset)
	s.metrics.playbacks.WithLabelValues(result(err)).Inc()
	return err
}

// grant is the playback pipeline: asset id, session, manifest, policy, token.
func (s *Server) grant(rc *fasthttp.RequestCtx, id string) error {
	if !rc.IsPost() {
		return methodError{allow: "POST"}
	}
	if !asset.ValidID(id) {
		return fmt.Errorf("%w: asset id %q: want %s", errBadRequest, clip(id), asset.IDGrammar)
	}
	now := s.now()
	claims, err := s.session(rc, now)
	if err != nil {
		return err
	}
	a, err := s.assets.Get(s.ctx, []byte(id), now)
	if err != nil {
		return err
	}
	if err := s.gate.AllowAt(s.ctx, common.HexToAddress(claims.Subject), a.Policy, now); err != nil {
		return err
	}
	tok, c, err := s.issuer.Playback(claims.Subject, id, s.cfg.PlaybackTTL, now)
	if err != nil {
		return err
	}
	s.metrics.issued.WithLabelValues("playback").Inc()
	prefix := playbackPrefix(tok, a)
	writeJSON(rc, fasthttp.StatusOK, playbackResponse{
		Token:     tok,
		HLS:       prefix + "master.m3u8",
		DASH:      prefix + "manifest.mpd",
		ExpiresAt: c.ExpiresAt.UTC().Format(time.RFC3339),
	})
	return nil
}

// playbackPrefix is the gated path of the asset's objects for tok:
// /t/{tok}/v/{id}/{version}/, or /t/{tok}/v/{id}/ for an unversioned asset
// (docs/protocol.md §4). A player keeps the version it started with: a
// renewed token changes only the token segment.
func playbackPrefix(tok string, a *asset.Asset) string {
	return "/t/" + tok + "/v/" + a.Dir()
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
