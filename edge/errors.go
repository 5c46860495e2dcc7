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

// errorClass is one row of statusOf's table: an error that is any of
// targets (errors.Is) answers status with code.
type errorClass struct {
	targets []error
	status  int
	code    string
}

// errorClasses are the edge's answers to errors, first match first; every
// code a result metric can carry comes from here (resultCodes).
var errorClasses = errorTable()

// errorTable is in a function so that docs/codes_test.go, which reads
// function bodies, sees each status and code.
func errorTable() []errorClass {
	return []errorClass{
		{[]error{errBadRoute}, fasthttp.StatusBadRequest, "bad_request"},
		{[]error{token.ErrExpired}, fasthttp.StatusUnauthorized, "token_expired"},
		{[]error{token.ErrInvalid}, fasthttp.StatusUnauthorized, "invalid_token"},
		{[]error{errWrongAsset}, fasthttp.StatusForbidden, "forbidden"},
		{[]error{errRevoked}, fasthttp.StatusForbidden, "revoked"},
		{[]error{ownership.ErrNotHeld}, fasthttp.StatusForbidden, "policy_unmet"},
		{[]error{errTooManyStreams}, fasthttp.StatusTooManyRequests, "too_many_streams"},
		{[]error{ownership.ErrUnavailable}, fasthttp.StatusServiceUnavailable, "chain_unavailable"},
		{[]error{errNoRoute, asset.ErrUnknown, origin.ErrNotFound}, fasthttp.StatusNotFound, "not_found"},
		{[]error{errMethod}, fasthttp.StatusMethodNotAllowed, "method_not_allowed"},
		{[]error{errRange}, fasthttp.StatusRequestedRangeNotSatisfiable, "range_not_satisfiable"},
		{[]error{context.DeadlineExceeded}, fasthttp.StatusGatewayTimeout, "origin_timeout"},
		{[]error{origin.ErrUnavailable, asset.ErrBadManifest}, fasthttp.StatusBadGateway, "origin_error"},
	}
}

// codeInternal answers any error outside cors.Status and errorClasses.
const codeInternal = "internal"

// statusOf is the one place that maps errors to HTTP statuses and codes.
func statusOf(err error) (int, string) {
	if status, code := cors.Status(err); status != 0 {
		return status, code
	}
	for i := range errorClasses {
		c := &errorClasses[i]
		for _, target := range c.targets {
			if errors.Is(err, target) {
				return c.status, c.code
			}
		}
	}
	return fasthttp.StatusInternalServerError, codeInternal
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
		if ok, left := s.failLog.allow(status, requestTime(rc)); ok {
			s.log.Warn("request failed", "status", status, "client", s.clients.Client(rc), "err", err, // no URI: it holds the token
				"left_out", left) // failures of this status not logged since the last one (at most one a second)
		}
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
