package signer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/cors"
	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/origin"
	"github.com/streamgate/streamgate/signer/siwe"
	"github.com/streamgate/streamgate/signer/token"
)

// Outcomes the handlers return; statusOf turns each into a status and code.
var (
	errNoRoute      = errors.New("signer: no such route")
	errMethod       = errors.New("signer: method not allowed")
	errBadRequest   = errors.New("signer: malformed request")
	errBodyTooLarge = errors.New("signer: request body too large")
	errDomain       = errors.New("signer: domain not accepted")
	errURI          = errors.New("signer: uri not accepted")
	errChain        = errors.New("signer: chain not accepted")
	errNonce        = errors.New("signer: nonce unknown, already used or expired")
	errNoSession    = fmt.Errorf("%w: missing Authorization: Bearer <session token>", token.ErrInvalid)
	errRateLimited  = errors.New("signer: too many requests")
	errBusy         = errors.New("signer: too many sign-ins in progress")
	errNonceStore   = errors.New("signer: nonce store unavailable")
	errForbidden    = errors.New("signer: forbidden")
)

// methodError names the methods a route allows, for the 405's Allow header.
type methodError struct{ allow string }

func (e methodError) Error() string        { return fmt.Sprintf("%v: use %s", errMethod, e.allow) }
func (e methodError) Is(target error) bool { return target == errMethod }

// rateError says when to come back, for the 429's Retry-After header.
type rateError struct{ wait time.Duration }

func (e rateError) Error() string {
	return fmt.Sprintf("%v: retry in %s", errRateLimited, e.wait.Round(time.Second))
}
func (e rateError) Is(target error) bool { return target == errRateLimited }

// statusOf is the one place that maps errors to HTTP statuses and codes.
// Order matters where an error wraps several sentinels: a contract wallet's
// definite "invalid" wraps siwe.ErrSignature, an RPC failure does not.
func statusOf(err error) (int, string) {
	if status, code := requestStatus(err); status != 0 {
		return status, code
	}
	if status, code := signInStatus(err); status != 0 {
		return status, code
	}
	switch {
	case errors.Is(err, token.ErrExpired):
		return fasthttp.StatusUnauthorized, "token_expired"
	case errors.Is(err, token.ErrInvalid):
		return fasthttp.StatusUnauthorized, "invalid_token"
	case errors.Is(err, ownership.ErrNotHeld):
		return fasthttp.StatusForbidden, "policy_unmet"
	case errors.Is(err, siwe.ErrContractCheck), errors.Is(err, ownership.ErrUnavailable):
		return fasthttp.StatusServiceUnavailable, "chain_unavailable"
	case errors.Is(err, errNonceStore):
		return fasthttp.StatusServiceUnavailable, "unavailable"
	case errors.Is(err, context.DeadlineExceeded):
		return fasthttp.StatusGatewayTimeout, "origin_timeout"
	case errors.Is(err, origin.ErrUnavailable), errors.Is(err, asset.ErrBadManifest):
		return fasthttp.StatusBadGateway, "origin_error"
	}
	return fasthttp.StatusInternalServerError, "internal"
}

// requestStatus maps errors about the request's shape and the route.
func requestStatus(err error) (int, string) {
	if status, code := cors.Status(err); status != 0 {
		return status, code
	}
	switch {
	case errors.Is(err, errBodyTooLarge):
		return fasthttp.StatusRequestEntityTooLarge, httperr.CodeBodyTooLarge
	case errors.Is(err, errBadRequest):
		return fasthttp.StatusBadRequest, httperr.CodeBadRequest
	case errors.Is(err, siwe.ErrMalformed):
		return fasthttp.StatusBadRequest, "malformed_message"
	case errors.Is(err, errForbidden):
		return fasthttp.StatusForbidden, "forbidden"
	case errors.Is(err, errMethod):
		return fasthttp.StatusMethodNotAllowed, "method_not_allowed"
	case errors.Is(err, errNoRoute), errors.Is(err, asset.ErrUnknown), errors.Is(err, origin.ErrNotFound):
		return fasthttp.StatusNotFound, "not_found"
	case errors.Is(err, errRateLimited), errors.Is(err, errBusy):
		return fasthttp.StatusTooManyRequests, "rate_limited"
	}
	return 0, ""
}

// signInStatus maps the reasons a well-formed sign-in is refused: 401.
func signInStatus(err error) (int, string) {
	var code string
	switch {
	case errors.Is(err, errDomain), errors.Is(err, siwe.ErrDomain):
		code = "domain_not_accepted"
	case errors.Is(err, errURI):
		code = "uri_not_accepted"
	case errors.Is(err, errChain):
		code = "chain_not_accepted"
	case errors.Is(err, errNonce), errors.Is(err, siwe.ErrNonce):
		code = "invalid_nonce"
	case errors.Is(err, siwe.ErrExpired):
		code = "message_expired"
	case errors.Is(err, siwe.ErrNotYetValid), errors.Is(err, siwe.ErrIssuedInFuture):
		code = "message_not_yet_valid"
	case errors.Is(err, siwe.ErrSignature):
		code = "invalid_signature"
	default:
		return 0, ""
	}
	return fasthttp.StatusUnauthorized, code
}

var publicMessages = map[int]string{
	fasthttp.StatusInternalServerError: "internal error",
	fasthttp.StatusBadGateway:          "the origin failed or holds an unusable asset.json; try again",
	fasthttp.StatusServiceUnavailable:  "the chain or the nonce store cannot be reached right now; try again",
	fasthttp.StatusGatewayTimeout:      "the origin did not answer in time; try again",
}

// fail writes err as the JSON error body. Server-side failures are logged
// with their detail, which stays out of the response.
func (s *Server) fail(rc *fasthttp.RequestCtx, err error) {
	status, code := statusOf(err)
	msg := err.Error()
	var unmet *ownership.UnmetError
	switch {
	case status >= 500:
		s.log.Warn("request failed", "path", string(rc.Path()), "status", status, "client", s.clients.Client(rc), "err", err)
		msg = publicMessages[status]
	case errors.As(err, &unmet):
		msg = unmet.Condition.String()
	}
	httperr.Write(rc, status, code, msg)
	var me methodError
	if errors.As(err, &me) {
		rc.Response.Header.Set("Allow", me.allow)
	}
	var re rateError
	if errors.As(err, &re) {
		rc.Response.Header.Set("Retry-After", strconv.Itoa(max(1, int((re.wait+time.Second-1)/time.Second))))
	}
}

// writeJSON writes v as the response; nothing the signer answers may be
// stored by a cache but the JWKS, which sets its own Cache-Control after.
func writeJSON(rc *fasthttp.RequestCtx, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil { // only plain structs of strings reach here
		panic(fmt.Sprintf("signer: encoding %T: %v", v, err))
	}
	rc.SetStatusCode(status)
	rc.SetContentType("application/json")
	rc.Response.Header.Set("Cache-Control", "no-store")
	rc.SetBody(body)
}
