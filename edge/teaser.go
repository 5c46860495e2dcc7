package edge

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/origin"
)

const (
	teaserPrefix = "/teaser/"
	// posterName is the one object the teaser route serves.
	posterName = "poster.jpg"
	// teaserCacheControl is short: a creator may turn the teaser off.
	teaserCacheControl = "public, max-age=300"
)

// errNotTeaser answers every refusal of the teaser route alike (404
// not_found), so it tells nothing of whether the asset exists.
var errNotTeaser = fmt.Errorf("%w: no teaser poster", origin.ErrNotFound)

// handleTeaser serves GET/HEAD /teaser/{asset}/poster.jpg without a token:
// the origin's poster.jpg of the asset's current version when the asset's asset.json says
// "teaser": true, else 404 not_found. Any origin may read it (CORS *), with
// or without the watch page. It reports whether the path was the route's.
func (s *Server) handleTeaser(rc *fasthttp.RequestCtx) bool {
	uri := rc.Request.Header.RequestURI()
	if !bytes.HasPrefix(uri, []byte(teaserPrefix)) {
		return false
	}
	n, err := s.serveTeaser(rc, uri)
	if err != nil {
		s.fail(rc, asset.Other, err)
		if errors.Is(err, errMethod) {
			rc.Response.Header.Set("Allow", "GET, HEAD")
		}
	}
	// After the answer is written: an error answer starts from a reset.
	rc.Response.Header.Set("Access-Control-Allow-Origin", "*")
	if err != nil {
		return true
	}
	if rc.IsHead() {
		n = 0
	}
	s.metrics.request(asset.Other, rc.Response.StatusCode(), n)
	return true
}

// teaserAsset parses the raw request URI (before percent-decoding, as
// parseRoute does): exactly /teaser/{asset}/poster.jpg, query ignored.
func teaserAsset(uri []byte) ([]byte, bool) {
	if i := bytes.IndexByte(uri, '?'); i >= 0 {
		uri = uri[:i]
	}
	rest := uri[len(teaserPrefix):]
	id, ok := bytes.CutSuffix(rest, []byte("/"+posterName))
	return id, ok && asset.ValidID(id)
}

func (s *Server) serveTeaser(rc *fasthttp.RequestCtx, uri []byte) (int, error) {
	id, ok := teaserAsset(uri)
	if !ok {
		return 0, errNotTeaser
	}
	if !rc.IsGet() && !rc.IsHead() {
		return 0, errMethod
	}
	a, err := s.assets.Get(s.ctx, id, time.Now())
	switch {
	case errors.Is(err, asset.ErrUnknown), errors.Is(err, asset.ErrBadManifest):
		return 0, errNotTeaser
	case err != nil:
		return 0, err // an origin fault: 5xx, to retry
	case !a.Teaser:
		return 0, errNotTeaser
	}
	// The poster of the version asset.json names ({asset}/{version}/).
	key := []byte(a.Dir() + posterName)
	r := route{asset: key[:len(a.ID)], path: key[len(a.ID)+1:], key: key}
	_, ctype := asset.TypeOf(r.path)
	obj, err := s.objects.get(r.key)
	if err != nil {
		return 0, err
	}
	n, err := s.respondPoster(rc, &r, ctype, obj)
	if errors.Is(err, errChanged) {
		rc.Response.Reset()
		if obj, err = s.objects.refetch(r.key); err != nil {
			return 0, err
		}
		n, err = s.respondPoster(rc, &r, ctype, obj)
	}
	return n, err
}

// respondPoster is respondPinned with the teaser's public Cache-Control; a
// missing poster is the same 404 as no teaser.
func (s *Server) respondPoster(rc *fasthttp.RequestCtx, r *route, ctype string, obj *object) (int, error) {
	if obj.missing {
		obj.unpin()
		return 0, errNotTeaser
	}
	n, err := s.respondPinned(rc, r, asset.Other, ctype, obj)
	if err == nil {
		rc.Response.Header.Set("Cache-Control", teaserCacheControl)
	}
	return n, err
}
