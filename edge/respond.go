package edge

import (
	"bytes"
	"errors"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/origin"
)

// errEvicted is returned when a cached file went away between lookup and
// use; serve fetches the object again.
var errEvicted = errors.New("edge: cached object evicted")

// byteRange is an inclusive range of a body.
type byteRange struct {
	start, end int64
	partial    bool
}

// rangeOf reads Range (and If-Range) for a body of size bytes. A header that
// is absent, not "bytes=", names several ranges, or whose If-Range does not
// match, selects the whole body, as RFC 9110 allows; a single range that
// cannot be satisfied is errRange.
func rangeOf(h *fasthttp.RequestHeader, size int64, etag []byte) (byteRange, error) {
	whole := byteRange{start: 0, end: size - 1}
	spec := h.Peek("Range")
	if len(spec) == 0 || !bytes.HasPrefix(spec, []byte("bytes=")) || bytes.IndexByte(spec, ',') >= 0 {
		return whole, nil
	}
	if ir := h.Peek("If-Range"); len(ir) > 0 && !bytes.Equal(ir, etag) {
		return whole, nil
	}
	start, end, err := fasthttp.ParseByteRange(spec, int(size))
	if err != nil {
		return byteRange{}, rangeError{size}
	}
	return byteRange{start: int64(start), end: int64(end), partial: true}, nil
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

// writeHeaders sets what every object response carries.
func (s *Server) writeHeaders(rc *fasthttp.RequestCtx, k kind, ctype, etag []byte) {
	h := &rc.Response.Header
	h.SetContentTypeBytes(ctype)
	// SetCanonical: the keys are already canonical, so skip normalizing them.
	h.SetCanonical(hdrCacheControl, s.cacheControl[k])
	h.SetCanonical(hdrAcceptRanges, valBytes)
	if len(etag) > 0 {
		h.SetCanonical(hdrETag, etag)
	}
}

// respond answers with obj, which is whole in memory or large (streamed).
// It returns the number of body bytes to be sent.
func (s *Server) respond(rc *fasthttp.RequestCtx, r *route, k kind, ctype []byte, obj *object) (int, error) {
	h := &rc.Request.Header
	if notModified(h, obj.etag) {
		s.writeHeaders(rc, k, ctype, obj.etag)
		rc.SetStatusCode(fasthttp.StatusNotModified)
		return 0, nil
	}
	br, err := rangeOf(h, obj.size, obj.etag)
	if err != nil {
		return 0, err
	}
	s.writeHeaders(rc, k, ctype, obj.etag)
	if br.partial {
		rc.SetStatusCode(fasthttp.StatusPartialContent)
		rc.Response.Header.SetContentRange(int(br.start), int(br.end), int(obj.size))
	}
	n := br.end - br.start + 1
	if obj.size == 0 {
		n = 0
	}
	switch {
	case obj.large:
		return int(n), s.streamLarge(rc, r, br, n)
	case obj.file == nil:
		rc.Response.SetBodyRaw(obj.body[br.start : br.start+n])
	case rc.IsHead():
		rc.Response.Header.SetContentLength(int(n))
		rc.Response.SkipBody = true
	default:
		b := openFileBody(obj.file, br.start, n)
		if b == nil {
			return 0, errEvicted
		}
		rc.SetBodyStream(b, int(n)) // fasthttp closes it once sent
	}
	return int(n), nil
}

// streamLarge sends a range of an object too large to cache straight from the
// origin; HEAD never opens it.
func (s *Server) streamLarge(rc *fasthttp.RequestCtx, r *route, br byteRange, n int64) error {
	if rc.IsHead() {
		rc.Response.Header.SetContentLength(int(n))
		rc.Response.SkipBody = true
		return nil
	}
	body, err := s.objects.stream(r.key, origin.Range{Offset: br.start, Length: n})
	if err != nil {
		return err
	}
	rc.SetBodyStream(body, int(n)) // fasthttp closes it once sent
	return nil
}
