package edge

import (
	"bytes"
	"math"
)

// byteRange is an inclusive range of a body; partial means a 206 names it.
// The whole of an empty body is {0, -1}.
type byteRange struct {
	start, end int64
	partial    bool
}

// parseRange interprets a Range field value for a representation of size
// bytes, per RFC 9110 §14.1.2 and §14.2:
//
//   - a value that is not a valid "bytes" ranges-specifier (other unit,
//     garbage, "bytes=5-3", spaces around "=") is ignored: the whole body;
//   - a range-set of several ranges is served whole as well (allowed by
//     §14.2; no multipart/byteranges). Empty list elements do not count;
//   - one range that is satisfiable gives partial: a first-pos below size,
//     with a last-pos or suffix-length clamped to the body however many
//     digits it has (no overflow: digits saturate at MaxInt64);
//   - "bytes=-N" (N > 0) on an empty body is satisfiable, but no Content-Range
//     can name zero bytes, so it is the whole (empty) body, not partial;
//   - otherwise (first-pos >= size, "bytes=-0") ok is false: a 416.
//
// It does not allocate.
func parseRange(spec []byte, size int64) (br byteRange, ok bool) {
	whole := byteRange{start: 0, end: size - 1}
	eq := bytes.IndexByte(spec, '=')
	if eq < 0 || !isBytesUnit(spec[:eq]) {
		return whole, true
	}
	var one []byte
	n := 0
	for rest := spec[eq+1:]; ; {
		elem := rest
		i := bytes.IndexByte(rest, ',')
		if i >= 0 {
			elem, rest = rest[:i], rest[i+1:]
		}
		if elem = trimOWS(elem); len(elem) > 0 {
			one = elem
			n++
		}
		if i < 0 {
			break
		}
	}
	if n != 1 {
		return whole, true
	}
	dash := bytes.IndexByte(one, '-')
	if dash < 0 {
		return whole, true
	}
	first, last := one[:dash], one[dash+1:]
	if len(first) == 0 { // suffix-range
		if !isDigits(last) {
			return whole, true
		}
		n := atoiSat(last)
		switch {
		case n == 0:
			return byteRange{}, false
		case size == 0:
			return whole, true
		}
		return byteRange{start: size - min(n, size), end: size - 1, partial: true}, true
	}
	if !isDigits(first) || len(last) > 0 && (!isDigits(last) || digitsLess(last, first)) {
		return whole, true // an int-range with last-pos < first-pos is invalid, not unsatisfiable
	}
	start := atoiSat(first)
	if start >= size {
		return byteRange{}, false
	}
	end := size - 1
	if len(last) > 0 {
		end = min(atoiSat(last), end)
	}
	return byteRange{start: start, end: end, partial: true}, true
}

// isBytesUnit reports whether u is "bytes" in any ASCII case (§14.1: unit
// names are case-insensitive). Not bytes.EqualFold: that folds "ſ" to "s".
func isBytesUnit(u []byte) bool {
	if len(u) != len(valBytes) {
		return false
	}
	for i, c := range u {
		if c|0x20 != valBytes[i] { // valBytes is lower-case letters: only bit 0x20 differs
			return false
		}
	}
	return true
}

// trimOWS strips the optional whitespace (SP, HTAB) a list element may carry.
func trimOWS(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// isDigits reports whether b is 1*DIGIT.
func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// atoiSat is the value of the digits in b, or MaxInt64 if it is larger.
func atoiSat(b []byte) int64 {
	var v int64
	for _, c := range b {
		d := int64(c - '0')
		if v > (math.MaxInt64-d)/10 {
			return math.MaxInt64
		}
		v = v*10 + d
	}
	return v
}

// digitsLess compares two digit strings of any length by value.
func digitsLess(a, b []byte) bool {
	a, b = bytes.TrimLeft(a, "0"), bytes.TrimLeft(b, "0")
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return bytes.Compare(a, b) < 0
}
