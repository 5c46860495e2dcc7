package edge

import (
	"bytes"
	"errors"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/origin"
)

// errChanged is returned when a large (streamed) object is no longer, at the
// origin, the one whose size and ETag were cached; serve fetches it again.
var errChanged = errors.New("edge: object changed at the origin")

// rangeOf selects what of a body of size bytes to send for the request's
// Range and If-Range (RFC 9110 §14.2, §13.1.5). The Range is ignored (whole
// body) for any method but GET, which §14.2 says is the only one range
// handling is defined for, and when If-Range does not match etag by strong
// comparison; parseRange decides the rest. An unsatisfiable range is a
// rangeError (416).
func rangeOf(h *fasthttp.RequestHeader, size int64, etag []byte) (byteRange, error) {
	whole := byteRange{start: 0, end: size - 1}
	spec := h.Peek("Range")
	if len(spec) == 0 || !h.IsGet() {
		return whole, nil
	}
	if ir := h.Peek("If-Range"); len(ir) > 0 && !strongMatch(ir, etag) {
		return whole, nil
	}
	br, ok := parseRange(spec, size)
	if !ok {
		return byteRange{}, rangeError{size}
	}
	return br, nil
}

// strongMatch is the strong comparison of If-Range's validator with etag: a
// weak tag never matches, and neither does a date, as no Last-Modified is sent.
func strongMatch(ir, etag []byte) bool {
	return len(etag) > 0 && !bytes.HasPrefix(etag, []byte("W/")) && bytes.Equal(ir, etag)
}

// notModified reports whether If-None-Match matches etag (weak comparison).
func notModified(h *fasthttp.RequestHeader, etag []byte) bool {
	inm := h.Peek("If-None-Match")
	if len(inm) == 0 || len(etag) == 0 {
		return false
	}
	if bytes.Equal(inm, []byte("*")) {
		return true
	}
	want := bytes.TrimPrefix(etag, []byte("W/"))
	for tag := range bytes.SplitSeq(inm, []byte(",")) {
		tag = bytes.TrimPrefix(bytes.TrimSpace(tag), []byte("W/"))
		if bytes.Equal(tag, want) {
			return true
		}
	}
	return false
}

var (
	hdrCacheControl = []byte("Cache-Control")
	hdrAcceptRanges = []byte("Accept-Ranges")
	hdrETag         = []byte("Etag") // fasthttp's canonical form; sent as-is
	valBytes        = []byte("bytes")
)

// writeHeaders sets what every object response carries; cc, when set,
// replaces the kind's Cache-Control.
func (s *Server) writeHeaders(rc *fasthttp.RequestCtx, k asset.Kind, cc []byte, ctype string, etag []byte) {
	h := &rc.Response.Header
	h.SetContentType(ctype)
	if cc == nil {
		cc = s.cacheControl[k]
	}
	// SetCanonical: the keys are already canonical, so skip normalizing them.
	h.SetCanonical(hdrCacheControl, cc)
	h.SetCanonical(hdrAcceptRanges, valBytes)
	if len(etag) > 0 {
		h.SetCanonical(hdrETag, etag)
	}
}

// respond answers with obj, which is whole in memory (a slice or a memfd)
// or large (streamed). The caller keeps its pin on obj.
// It returns the number of body bytes to be sent.
func (s *Server) respond(rc *fasthttp.RequestCtx, r *route, k asset.Kind, ctype string, obj *object) (int, error) {
	h := &rc.Request.Header
	if notModified(h, obj.etag) {
		s.writeHeaders(rc, k, r.cc, ctype, obj.etag)
		rc.SetStatusCode(fasthttp.StatusNotModified)
		return 0, nil
	}
	br, err := rangeOf(h, obj.size, obj.etag)
	if err != nil {
		return 0, err
	}
	s.writeHeaders(rc, k, r.cc, ctype, obj.etag)
	if br.partial {
		rc.SetStatusCode(fasthttp.StatusPartialContent)
		rc.Response.Header.SetContentRange(int(br.start), int(br.end), int(obj.size))
	}
	n := br.end - br.start + 1 // 0 for an empty body's {0, -1}
	switch {
	case obj.large:
		return int(n), s.streamLarge(rc, r, obj, br, n)
	case rc.IsHead():
		// Explicit, or fasthttp sends no Content-Length for an empty body.
		rc.Response.Header.SetContentLength(int(n))
		rc.Response.SkipBody = true
	case obj.file == nil:
		rc.Response.SetBodyRaw(obj.body[br.start : br.start+n])
	default:
		// The body pins the file until fasthttp closes it, once sent.
		rc.SetBodyStream(openFileBody(obj.file, br.start, n), int(n))
	}
	return int(n), nil
}

// streamLarge sends a range of an object too large to cache straight from the
// origin; HEAD and empty ranges never open it (origin.Range's Length 0 would
// mean "to the end").
func (s *Server) streamLarge(rc *fasthttp.RequestCtx, r *route, obj *object, br byteRange, n int64) error {
	if rc.IsHead() || n == 0 {
		rc.Response.Header.SetContentLength(int(n))
		rc.Response.SkipBody = rc.IsHead()
		return nil
	}
	body, err := s.objects.stream(r.key, obj, origin.Range{Offset: br.start, Length: n})
	if err != nil {
		return err
	}
	rc.SetBodyStream(body, int(n)) // fasthttp closes it once sent
	return nil
}
