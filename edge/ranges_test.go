package edge

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/minio/minio-go/v7"
)

// serverRangeSpecs are the Range values sent through a running edge; the
// expected answer for each comes from expectRange, not from parseRange.
var serverRangeSpecs = []string{
	"bytes=10-19",
	"bytes=0-",
	"bytes=-5",
	"bytes=-0",
	"bytes=0-99999999999999999999",
	"bytes=-99999999999999999999",
	"bytes=99999999999999999999-",
	"bytes=9223372036854775807-9223372036854775807",
	"BYTES=1-2",
	"bytes= 1-2 ,",
	"bytes=5-3",
	"bytes=abc",
	"bytes 0-1",
	"items=0-1",
	"bytes=0-1,4-5",
	"bytes=200000000-300000000,400000000-",
}

// rangeObjects are bodies that take each way out of the edge, given
// MaxObjectBytes 100_000 and the default 64 KiB SendfileMinBytes.
var rangeObjects = []struct {
	name, path string
	body       []byte
}{
	{"empty, in memory", "empty.m4s", nil},
	{"small, in memory", "small.m4s", bytes.Repeat([]byte("abcdefghij"), 100)},
	{"memfd and sendfile", "720p/seg1.m4s", segment},
	{"streamed from the origin", "big.mp4", bigBody},
}

var bigBody = func() []byte {
	b := make([]byte, 300_000)
	for i := range b {
		b[i] = byte(i * 7)
	}
	return b
}()

func rangeOrigin(t *testing.T) string {
	dir := sampleOrigin(t)
	for _, o := range rangeObjects {
		writeObject(t, dir, "pub/"+o.path, o.body)
	}
	return dir
}

// checkRange sends spec for body at url and checks the answer against
// RFC 9110 §14 as expectRange reads it.
func checkRange(t *testing.T, method, url, spec string, body []byte, extra map[string]string) {
	t.Helper()
	size := int64(len(body))
	h := map[string]string{"Range": spec}
	for k, v := range extra {
		h[k] = v
	}
	resp, got := do(t, method, url, h)
	want, start, end := expectRange(spec, size)
	if method == http.MethodHead {
		want = outWhole // §14.2: range handling is defined for GET only
	}
	if extra["If-Range"] != "" && extra["If-Range"] != resp.Header.Get("ETag") {
		want = outWhole
	}
	switch want {
	case outUnsatisfiable:
		wantError(t, resp, got, 416, "range_not_satisfiable")
		if cr := resp.Header.Get("Content-Range"); cr != fmt.Sprintf("bytes */%d", size) {
			t.Fatalf("%s %q: 416 Content-Range %q", method, spec, cr)
		}
		return
	case outWhole:
		start, end = 0, size-1
		if resp.StatusCode != 200 || resp.Header.Get("Content-Range") != "" {
			t.Fatalf("%s %q of %d bytes: status %d, Content-Range %q, want 200 whole", method, spec, size, resp.StatusCode, resp.Header.Get("Content-Range"))
		}
	case outPartial:
		cr := fmt.Sprintf("bytes %d-%d/%d", start, end, size)
		if resp.StatusCode != 206 || resp.Header.Get("Content-Range") != cr {
			t.Fatalf("%s %q of %d bytes: status %d, Content-Range %q, want 206 %q", method, spec, size, resp.StatusCode, resp.Header.Get("Content-Range"), cr)
		}
	}
	if resp.ContentLength != end-start+1 {
		t.Fatalf("%s %q of %d bytes: Content-Length %d, want %d", method, spec, size, resp.ContentLength, end-start+1)
	}
	if method == http.MethodHead {
		if len(got) != 0 {
			t.Fatalf("HEAD %q: %d body bytes", spec, len(got))
		}
		return
	}
	if !bytes.Equal(got, body[start:end+1]) {
		t.Fatalf("%s %q of %d bytes: got %d bytes, not bytes %d-%d", method, spec, size, len(got), start, end)
	}
}

// TestServeRanges sends each Range value, for every path an object can take
// out of the edge, twice (cold and cached), with GET, HEAD and If-Range.
func TestServeRanges(t *testing.T) {
	e := newTestEdge(t, rangeOrigin(t), func(c *Config) { c.Cache.MaxObjectBytes = 100_000 })
	base := e.url + "/t/" + e.playback(t, "pub") + "/v/pub/"
	for _, o := range rangeObjects {
		t.Run(o.name, func(t *testing.T) {
			specs := append([]string{fmt.Sprintf("bytes=%d-", len(o.body)), fmt.Sprintf("bytes=%d-%d", len(o.body)-1, len(o.body)-1)}, serverRangeSpecs...)
			for round := range 2 {
				for _, spec := range specs {
					checkRange(t, "GET", base+o.path, spec, o.body, nil)
					if round == 0 {
						checkRange(t, "HEAD", base+o.path, spec, o.body, nil)
					}
				}
			}
			full, _ := do(t, "GET", base+o.path, nil)
			etag := full.Header.Get("ETag")
			checkRange(t, "GET", base+o.path, "bytes=-5", o.body, map[string]string{"If-Range": etag})
			checkRange(t, "GET", base+o.path, "bytes=-5", o.body, map[string]string{"If-Range": `"stale"`})
			checkRange(t, "GET", base+o.path, "bytes=-5", o.body, map[string]string{"If-Range": "W/" + etag})
			checkRange(t, "GET", base+o.path, "bytes=-5", o.body, map[string]string{"If-Range": "Mon, 30 Nov 2026 10:00:00 GMT"})
		})
	}
}

// TestServeRangeOfChangedLargeObject: an object too large to cache is
// streamed from the origin under the size and ETag the edge remembered;
// if the origin's object changed since, the edge answers from the new one
// instead of mixing the new bytes under the old headers.
func TestServeRangeOfChangedLargeObject(t *testing.T) {
	e := newTestEdge(t, rangeOrigin(t), func(c *Config) { c.Cache.MaxObjectBytes = 100_000 })
	url := e.url + "/t/" + e.playback(t, "pub") + "/v/pub/big.mp4"
	checkRange(t, "GET", url, "bytes=-5", bigBody, nil)
	changed := bytes.Repeat([]byte{1, 2, 3}, 50_000)
	writeObject(t, e.dir, "pub/big.mp4", changed)
	for _, spec := range []string{"bytes=-5", "bytes=149990-", "bytes=149999-99999999999999999999", "bytes=200000-", ""} {
		checkRange(t, "GET", url, spec, changed, nil)
	}
}

// TestServeRangesFromMinIO runs the ranges against S3 ranged GETs: a large
// object streamed through, and a zero-byte one.
func TestServeRangesFromMinIO(t *testing.T) {
	m := minioOrigin(t)
	for _, o := range []struct {
		key  string
		body []byte
	}{{"clip/big.mp4", bigBody}, {"clip/empty.m4s", nil}} {
		if _, err := m.Client.PutObject(context.Background(), "media", o.key, bytes.NewReader(o.body), int64(len(o.body)), minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	e := newTestEdge(t, t.TempDir(), func(c *Config) {
		s3Config(m, m.Endpoint)(c)
		c.Cache.MaxObjectBytes = 100_000
	})
	base := e.url + "/t/" + e.playback(t, "clip") + "/v/clip/"
	for _, spec := range append(serverRangeSpecs, "bytes=300000-", "bytes=299999-", "") {
		checkRange(t, "GET", base+"big.mp4", spec, bigBody, nil)
		checkRange(t, "GET", base+"empty.m4s", spec, nil, nil)
	}
	checkRange(t, "HEAD", base+"big.mp4", "bytes=0-"+strconv.Itoa(len(bigBody)), bigBody, nil)
}
