package edge

import (
	"math/big"
	"strings"
	"testing"

	"github.com/valyala/fasthttp"
)

// rangeOutcome names what a response to a Range does: 200 with the whole
// body, 206 with start-end, or 416.
type rangeOutcome int

const (
	outWhole rangeOutcome = iota
	outPartial
	outUnsatisfiable
)

var rangeCases = []struct {
	spec       string
	size       int64
	out        rangeOutcome
	start, end int64 // for outPartial
}{
	// Satisfiable single ranges.
	{"bytes=0-0", 100, outPartial, 0, 0},
	{"bytes=10-19", 100, outPartial, 10, 19},
	{"bytes=10-", 100, outPartial, 10, 99},
	{"bytes=99-", 100, outPartial, 99, 99},
	{"bytes=-5", 100, outPartial, 95, 99},
	{"bytes=-100", 100, outPartial, 0, 99},
	{"bytes=-1000", 100, outPartial, 0, 99},
	{"bytes=0-1000", 100, outPartial, 0, 99},
	{"bytes=0-99999999999999999999", 100, outPartial, 0, 99},
	{"bytes=5-99999999999999999999999999999999999999", 100, outPartial, 5, 99},
	{"bytes=-99999999999999999999", 100, outPartial, 0, 99},
	{"bytes=0-9223372036854775807", 100, outPartial, 0, 99},
	{"bytes=0-9223372036854775808", 100, outPartial, 0, 99},
	{"bytes=-9223372036854775807", 100, outPartial, 0, 99},
	{"bytes=0-99999999999999999999", 1, outPartial, 0, 0},
	{"bytes=000010-000019", 100, outPartial, 10, 19},
	{"BYTES=10-19", 100, outPartial, 10, 19},
	{"Bytes=10-19", 100, outPartial, 10, 19},
	{"bytes= 10-19", 100, outPartial, 10, 19},
	{"bytes=10-19 ", 100, outPartial, 10, 19},
	{"bytes=\t10-19", 100, outPartial, 10, 19},
	{"bytes=10-19,", 100, outPartial, 10, 19}, // empty list elements are not ranges
	{"bytes=, ,10-19, ,", 100, outPartial, 10, 19},
	{"bytes=0-0", 1, outPartial, 0, 0},
	{"bytes=-1", 1, outPartial, 0, 0},
	// A zero-byte body: a suffix range is satisfiable, yet no Content-Range
	// can name zero bytes: 200 with the empty body.
	{"bytes=-1", 0, outWhole, 0, 0},
	{"bytes=-5", 0, outWhole, 0, 0},
	{"bytes=-99999999999999999999", 0, outWhole, 0, 0},
	// Unsatisfiable: 416.
	{"bytes=100-", 100, outUnsatisfiable, 0, 0},
	{"bytes=100-199", 100, outUnsatisfiable, 0, 0},
	{"bytes=1000-2000", 100, outUnsatisfiable, 0, 0},
	{"bytes=99999999999999999999-", 100, outUnsatisfiable, 0, 0},
	{"bytes=99999999999999999999-99999999999999999999", 100, outUnsatisfiable, 0, 0},
	{"bytes=9223372036854775807-", 100, outUnsatisfiable, 0, 0},
	{"bytes=-0", 100, outUnsatisfiable, 0, 0},
	{"bytes=-000", 100, outUnsatisfiable, 0, 0},
	{"bytes=-0", 0, outUnsatisfiable, 0, 0},
	{"bytes=0-", 0, outUnsatisfiable, 0, 0},
	{"bytes=0-0", 0, outUnsatisfiable, 0, 0},
	{"bytes=0-99999999999999999999", 0, outUnsatisfiable, 0, 0},
	// Syntactically invalid, or another unit: ignored, the whole body.
	{"", 100, outWhole, 0, 0},
	{"bytes=", 100, outWhole, 0, 0},
	{"bytes=,", 100, outWhole, 0, 0},
	{"bytes=-", 100, outWhole, 0, 0},
	{"bytes=--5", 100, outWhole, 0, 0},
	{"bytes=5-3", 100, outWhole, 0, 0},
	{"bytes=99999999999999999999-99999999999999999998", 100, outWhole, 0, 0},
	{"bytes=5-3", 0, outWhole, 0, 0},
	{"bytes=1-2-3", 100, outWhole, 0, 0},
	{"bytes=a-b", 100, outWhole, 0, 0},
	{"bytes=0x10-20", 100, outWhole, 0, 0},
	{"bytes=+1-2", 100, outWhole, 0, 0},
	{"bytes=-+5", 100, outWhole, 0, 0},
	{"bytes=10 - 19", 100, outWhole, 0, 0},
	{"bytes=10", 100, outWhole, 0, 0},
	{"bytes =10-19", 100, outWhole, 0, 0},
	{"bytes= =10-19", 100, outWhole, 0, 0},
	{"bytes10-19", 100, outWhole, 0, 0},
	{"10-19", 100, outWhole, 0, 0},
	{"bytes:10-19", 100, outWhole, 0, 0},
	{"items=0-5", 100, outWhole, 0, 0},
	{"none", 100, outWhole, 0, 0},
	{"=0-5", 100, outWhole, 0, 0},
	{"byte\u017f=0-5", 100, outWhole, 0, 0}, // "ſ" folds to "s" in Unicode, not in ASCII
	{"bytes=1000-x", 100, outWhole, 0, 0},
	{"bytes=\x00-1", 100, outWhole, 0, 0},
	// Several ranges: served whole (no multipart), never an error, even
	// when none of them could be satisfied.
	{"bytes=0-1,4-5", 100, outWhole, 0, 0},
	{"bytes=0-1, 4-5", 100, outWhole, 0, 0},
	{"bytes=200-300,400-500", 100, outWhole, 0, 0},
	{"bytes=-0,-0", 100, outWhole, 0, 0},
	{"bytes=0-1,junk", 100, outWhole, 0, 0},
	{"bytes=-1,-1", 0, outWhole, 0, 0},
}

func TestParseRange(t *testing.T) {
	for _, tc := range rangeCases {
		br, ok := parseRange([]byte(tc.spec), tc.size)
		got := outcomeOf(br, ok)
		switch {
		case got != tc.out:
			t.Errorf("%q of %d bytes: outcome %d (%+v), want %d", tc.spec, tc.size, got, br, tc.out)
		case got == outPartial && (br.start != tc.start || br.end != tc.end):
			t.Errorf("%q of %d bytes: %d-%d, want %d-%d", tc.spec, tc.size, br.start, br.end, tc.start, tc.end)
		case got == outWhole && (br.start != 0 || br.end != tc.size-1):
			t.Errorf("%q of %d bytes: whole is %d-%d", tc.spec, tc.size, br.start, br.end)
		}
	}
}

func outcomeOf(br byteRange, ok bool) rangeOutcome {
	switch {
	case !ok:
		return outUnsatisfiable
	case br.partial:
		return outPartial
	}
	return outWhole
}

// TestRangeOfPreconditions: If-Range compares strongly (a weak ETag never
// selects a range) and Range applies to GET only (RFC 9110 §13.1.5, §14.2).
func TestRangeOfPreconditions(t *testing.T) {
	cases := []struct {
		method, ifRange, etag string
		partial               bool
	}{
		{"GET", "", `"a"`, true},
		{"GET", `"a"`, `"a"`, true},
		{"GET", `"b"`, `"a"`, false},
		{"GET", `W/"a"`, `W/"a"`, false},
		{"GET", `W/"a"`, `"a"`, false},
		{"GET", `"a"`, `W/"a"`, false},
		{"GET", `"a"`, ``, false},
		{"GET", "Mon, 30 Nov 2026 10:00:00 GMT", `"a"`, false},
		{"HEAD", "", `"a"`, false},
	}
	for _, tc := range cases {
		var h fasthttp.RequestHeader
		h.SetMethod(tc.method)
		h.Set("Range", "bytes=1-2")
		if tc.ifRange != "" {
			h.Set("If-Range", tc.ifRange)
		}
		br, err := rangeOf(&h, 10, []byte(tc.etag))
		if err != nil || br.partial != tc.partial || !br.partial && (br.start != 0 || br.end != 9) {
			t.Errorf("%s If-Range %q, ETag %q: %+v %v, want partial %v", tc.method, tc.ifRange, tc.etag, br, err, tc.partial)
		}
	}
}

func TestParseRangeAllocs(t *testing.T) {
	spec := []byte("bytes=, 10-99999999999999999999 ,")
	if n := testing.AllocsPerRun(100, func() { parseRange(spec, 1000) }); n != 0 {
		t.Errorf("parseRange allocates %v times", n)
	}
}

// FuzzParseRange holds parseRange to RFC 9110 §14 for any header and size:
// no panic, and the outcome and range an independent reading of the grammar
// (strings and math/big, no saturation) gives: so a partial range lies within
// the body and a 416 comes only from one byte range whose first-pos is at or
// past the end, or from a zero suffix-length.
func FuzzParseRange(f *testing.F) {
	for _, tc := range rangeCases {
		f.Add(tc.spec, tc.size)
	}
	f.Fuzz(func(t *testing.T, spec string, size int64) {
		if size < 0 {
			size = -(size + 1) // representations have a length >= 0
		}
		br, ok := parseRange([]byte(spec), size)
		got := outcomeOf(br, ok)
		want, start, end := expectRange(spec, size)
		switch {
		case got != want:
			t.Fatalf("%q of %d bytes: outcome %d (%+v), want %d", spec, size, got, br, want)
		case got == outPartial && (br.start != start || br.end != end || start < 0 || start > end || end >= size):
			t.Fatalf("%q of %d bytes: %d-%d, want %d-%d", spec, size, br.start, br.end, start, end)
		case got == outWhole && (br.start != 0 || br.end != size-1):
			t.Fatalf("%q of %d bytes: whole is %d-%d", spec, size, br.start, br.end)
		}
	})
}

// expectRange reads spec as RFC 9110 §14.1.2/§14.2 put it, for one byte
// range, with arbitrary-precision numbers.
func expectRange(spec string, size int64) (out rangeOutcome, start, end int64) {
	unit, set, found := strings.Cut(spec, "=")
	if !found || strings.ToLower(unit) != "bytes" || !isASCII(unit) {
		return outWhole, 0, 0
	}
	var elems []string
	for e := range strings.SplitSeq(set, ",") {
		if e = strings.Trim(e, " \t"); e != "" {
			elems = append(elems, e)
		}
	}
	if len(elems) != 1 {
		return outWhole, 0, 0 // no range, or several: served whole
	}
	first, last, found := strings.Cut(elems[0], "-")
	if !found {
		return outWhole, 0, 0
	}
	sz := big.NewInt(size)
	if first == "" {
		n, ok := number(last)
		switch {
		case !ok:
			return outWhole, 0, 0
		case n.Sign() == 0:
			return outUnsatisfiable, 0, 0
		case size == 0:
			return outWhole, 0, 0
		}
		if n.Cmp(sz) > 0 {
			n = sz
		}
		return outPartial, size - n.Int64(), size - 1
	}
	f, ok := number(first)
	if !ok {
		return outWhole, 0, 0
	}
	l := new(big.Int).Sub(sz, big.NewInt(1))
	if last != "" {
		n, ok := number(last)
		if !ok || n.Cmp(f) < 0 {
			return outWhole, 0, 0
		}
		if n.Cmp(l) < 0 {
			l = n
		}
	}
	if f.Cmp(sz) >= 0 {
		return outUnsatisfiable, 0, 0
	}
	return outPartial, f.Int64(), l.Int64()
}

// number is the value of 1*DIGIT s.
func number(s string) (*big.Int, bool) {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return nil, false
	}
	return new(big.Int).SetString(s, 10)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
