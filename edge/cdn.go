package edge

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/origin"
)

// keyLen is an HLS AES-128 key's length: 16 raw octets (RFC 8216 §5.2).
const keyLen = 16

var (
	// cdnCacheControl: a token-free URL names the same ciphertext forever
	// (a new publish is a new version folder), so any cache may keep it a
	// year (RFC 9111 §5.2.2.9, RFC 8246 immutable).
	cdnCacheControl = []byte("public, max-age=31536000, immutable")
	// keyCacheControl: a key is the gate; no shared or browser cache may
	// answer a later request for it.
	keyCacheControl = []byte("private, no-store")

	hdrACAO    = []byte("Access-Control-Allow-Origin")
	hdrACAM    = []byte("Access-Control-Allow-Methods")
	hdrACAH    = []byte("Access-Control-Allow-Headers")
	hdrACEH    = []byte("Access-Control-Expose-Headers")
	hdrMaxAge  = []byte("Access-Control-Max-Age")
	valAny     = []byte("*")
	valMethods = []byte("GET, HEAD")
	valRange   = []byte("Range")
	valExpose  = []byte(strings.Join(exposeHeaders, ", ")) // as the gated route's
	valMaxAge  = []byte("7200")
)

// errNoCiphertext answers every 404 of the token-free route alike, so an
// unauthenticated client learns nothing of whether an asset exists or how
// it is delivered; the cause goes to the debug log.
var errNoCiphertext = fmt.Errorf("%w: no ciphertext at this path", origin.ErrNotFound)

// handleCDN answers the token-free route /c/{asset}/{version}/aes/{path}:
// the ciphertext of a CDN-mode asset, cacheable by anyone for a year and
// readable from any origin (it is useless without the gated keys). It
// checks no token and no policy. Anything it does not serve is one JSON 404
// (errNoCiphertext) marked no-store, never a long-lived error in a CDN.
func (s *Server) handleCDN(rc *fasthttp.RequestCtx, uri []byte) {
	h := &rc.Response.Header
	if rc.IsOptions() {
		// A preflight (a player sending Range): the answer is the same for
		// every origin, so it varies on nothing.
		h.SetCanonical(hdrACAO, valAny)
		h.SetCanonical(hdrACAM, valMethods)
		h.SetCanonical(hdrACAH, valRange)
		h.SetCanonical(hdrMaxAge, valMaxAge)
		rc.SetStatusCode(fasthttp.StatusNoContent)
		s.metrics.preflights.Count(nil)
		s.metrics.request(asset.Other, fasthttp.StatusNoContent, 0)
		return
	}
	k, n, err := s.serveCDN(rc, uri)
	if err != nil {
		if status, _ := statusOf(err); status == fasthttp.StatusNotFound {
			if s.log.Enabled(s.ctx, slog.LevelDebug) {
				s.log.Debug("token-free request refused", "client", s.clients.Client(rc), "err", err)
			}
			err = errNoCiphertext
		}
		s.metrics.cdnRequest(err, 0)
		s.fail(rc, k, err) // httperr.Write marks it no-store
	} else {
		s.metrics.cdnRequest(nil, rc.Response.StatusCode())
	}
	// After the answer is written: an error answer starts from a reset.
	h.SetCanonical(hdrACAO, valAny)
	h.SetCanonical(hdrACEH, valExpose)
	if err != nil {
		return
	}
	if rc.IsHead() {
		n = 0
	}
	s.metrics.request(k, rc.Response.StatusCode(), n)
}

func (s *Server) serveCDN(rc *fasthttp.RequestCtx, uri []byte) (asset.Kind, int, error) {
	r, err := parseCDN(uri)
	if err != nil {
		return asset.Other, 0, err
	}
	k, ctype := asset.TypeOf(r.path)
	if !rc.IsGet() && !rc.IsHead() {
		return k, 0, errMethod
	}
	a, err := s.assets.Get(s.ctx, r.asset, time.Now())
	if err != nil {
		return k, 0, err
	}
	if a.Delivery != asset.DeliveryCDN {
		return k, 0, fmt.Errorf("%w: %s is not a CDN-mode asset", errNoRoute, a.ID)
	}
	r.cc = cdnCacheControl
	return s.serveObject(rc, &r, k, ctype)
}

// serveKey answers a key route of an admitted request: the 16 raw bytes of
// the period's key from the version's key schedule, never cacheable. Only a
// CDN-mode asset has keys.
func (s *Server) serveKey(rc *fasthttp.RequestCtx, r *route, a *asset.Asset, now time.Time) (int, error) {
	if a.Delivery != asset.DeliveryCDN {
		return 0, fmt.Errorf("%w: keys are served only for CDN-mode assets", origin.ErrNotFound)
	}
	key, err := s.keys.key(r.sched, r.period, now)
	if err != nil {
		return 0, err
	}
	h := &rc.Response.Header
	h.SetContentType(asset.OctetStream)
	h.SetCanonical(hdrCacheControl, keyCacheControl)
	if rc.IsHead() {
		h.SetContentLength(keyLen)
		rc.Response.SkipBody = true
		return keyLen, nil
	}
	rc.Response.SetBodyRaw(key[:])
	return keyLen, nil
}
