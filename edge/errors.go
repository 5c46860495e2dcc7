package edge

import (
	"context"
	"errors"
	"fmt"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/cors"
	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/origin"
	"github.com/streamgate/streamgate/signer/token"
)

var (
	errMethod = errors.New("edge: only GET and HEAD (and CORS preflight OPTIONS) are allowed")
	errRange  = errors.New("edge: range not satisfiable")
)

// rangeError carries the object's size for the 416's Content-Range.
type rangeError struct{ size int64 }

func (e rangeError) Error() string {
	return fmt.Sprintf("%v: the object has %d bytes", errRange, e.size)
}

func (e rangeError) Is(target error) bool { return target == errRange }

// statusOf is the one place that maps errors to HTTP statuses and codes.
func statusOf(err error) (int, string) {
	if status, code := cors.Status(err); status != 0 {
		return status, code
	}
	switch {
	case errors.Is(err, errBadRoute):
		return fasthttp.StatusBadRequest, "bad_request"
	case errors.Is(err, token.ErrExpired):
		return fasthttp.StatusUnauthorized, "token_expired"
	case errors.Is(err, token.ErrInvalid):
		return fasthttp.StatusUnauthorized, "invalid_token"
	case errors.Is(err, errWrongAsset):
		return fasthttp.StatusForbidden, "forbidden"
	case errors.Is(err, errRevoked):
		return fasthttp.StatusForbidden, "revoked"
	case errors.Is(err, ownership.ErrNotHeld):
		return fasthttp.StatusForbidden, "policy_unmet"
	case errors.Is(err, errTooManyStreams):
		return fasthttp.StatusTooManyRequests, "too_many_streams"
	case errors.Is(err, ownership.ErrUnavailable):
		return fasthttp.StatusServiceUnavailable, "chain_unavailable"
	case errors.Is(err, errNoRoute), errors.Is(err, asset.ErrUnknown), errors.Is(err, origin.ErrNotFound):
		return fasthttp.StatusNotFound, "not_found"
	case errors.Is(err, errMethod):
		return fasthttp.StatusMethodNotAllowed, "method_not_allowed"
	case errors.Is(err, errRange):
		return fasthttp.StatusRequestedRangeNotSatisfiable, "range_not_satisfiable"
	case errors.Is(err, context.DeadlineExceeded):
		return fasthttp.StatusGatewayTimeout, "origin_timeout"
	case errors.Is(err, origin.ErrUnavailable), errors.Is(err, asset.ErrBadManifest):
		return fasthttp.StatusBadGateway, "origin_error"
	}
	return fasthttp.StatusInternalServerError, "internal"
}

var publicMessages = map[int]string{
	fasthttp.StatusInternalServerError: "internal error",
	fasthttp.StatusBadGateway:          "the origin failed or returned an unusable object; try again",
	fasthttp.StatusServiceUnavailable:  "ownership cannot be checked right now (chain unavailable); try again",
	fasthttp.StatusGatewayTimeout:      "the origin did not answer in time; try again",
}

// fail writes err as the JSON error body. Server-side failures are logged;
// client errors are only counted.
func (s *Server) fail(rc *fasthttp.RequestCtx, k asset.Kind, err error) {
	status, code := statusOf(err)
	if status >= 500 {
		s.log.Warn("request failed", "status", status, "client", s.clients.Client(rc), "err", err) // no URI: it holds the token
	}
	msg := err.Error()
	var unmet *ownership.UnmetError
	switch {
	case status >= 500:
		msg = publicMessages[status] // details stay in the log, not with clients
	case errors.As(err, &unmet) && errors.Is(err, errRevoked):
		msg = "access revoked: " + unmet.Condition.String()
	case errors.As(err, &unmet):
		msg = unmet.Condition.String() // the signer's wording: one text for dApps to show
	}
	httperr.Write(rc, status, code, msg)
	if status == fasthttp.StatusMethodNotAllowed {
		rc.Response.Header.Set("Allow", "GET, HEAD, OPTIONS") // OPTIONS: CORS preflights
	}
	var re rangeError
	if errors.As(err, &re) {
		rc.Response.Header.Set("Content-Range", fmt.Sprintf("bytes */%d", re.size))
	}
	s.metrics.request(k, status, len(rc.Response.Body()))
}
