package edge

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/streamgate/streamgate/asset"
)

// Limits from docs/protocol.md's public contract.
const (
	maxTokenLen  = 4096
	maxObjectLen = 512
)

var (
	errBadRoute = errors.New("edge: malformed path")
	errNoRoute  = errors.New("edge: no such route")
)

// route is a parsed /t/{token}/v/{asset}/{path}. All fields alias the request
// URI, so parsing allocates nothing; they are valid only during the request.
type route struct {
	token []byte
	asset []byte
	path  []byte
	key   []byte // asset + "/" + path: the object's origin key and cache key
}

// parseRoute checks the raw request URI (before any percent-decoding, so no
// encoded form can smuggle a traversal past the checks) against the grammar:
// token 1..4096 bytes, asset asset.IDGrammar, path [A-Za-z0-9._/-]
// with no empty, "." or ".." segment. The query string is ignored.
func parseRoute(uri []byte) (route, error) {
	if i := bytes.IndexByte(uri, '?'); i >= 0 {
		uri = uri[:i]
	}
	rest, ok := bytes.CutPrefix(uri, []byte("/t/"))
	if !ok {
		return route{}, errNoRoute
	}
	tokenEnd := bytes.Index(rest, []byte("/v/"))
	if tokenEnd < 0 {
		return route{}, fmt.Errorf("%w: want /t/{token}/v/{asset}/{path}", errBadRoute)
	}
	r := route{token: rest[:tokenEnd], key: rest[tokenEnd+3:]}
	// The token's characters are checked only before a signature check
	// (auth.verify): a cache hit is an exact match of a token already checked.
	if len(r.token) == 0 || len(r.token) > maxTokenLen {
		return route{}, fmt.Errorf("%w: token", errBadRoute)
	}
	slash := bytes.IndexByte(r.key, '/')
	if slash < 0 {
		return route{}, fmt.Errorf("%w: want /v/{asset}/{path}", errBadRoute)
	}
	r.asset, r.path = r.key[:slash], r.key[slash+1:]
	if !asset.ValidID(r.asset) {
		return route{}, fmt.Errorf("%w: asset id", errBadRoute)
	}
	if err := checkObjectPath(r.path); err != nil {
		return route{}, err
	}
	return r, nil
}

func checkObjectPath(p []byte) error {
	if len(p) == 0 || len(p) > maxObjectLen {
		return fmt.Errorf("%w: object path must be 1..%d bytes", errBadRoute, maxObjectLen)
	}
	if !allIn(p, pathChars) {
		return fmt.Errorf("%w: object path has a character outside [A-Za-z0-9._/-]", errBadRoute)
	}
	for seg := range bytes.SplitSeq(p, []byte("/")) {
		if len(seg) == 0 || bytes.Equal(seg, []byte(".")) || bytes.Equal(seg, []byte("..")) {
			return fmt.Errorf("%w: empty, \".\" or \"..\" segment in object path", errBadRoute)
		}
	}
	return nil
}

func lowerOrDigit(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

type charSet [256]bool

func makeSet(extra string, upper bool) *charSet {
	var s charSet
	for c := 0; c < 256; c++ {
		b := byte(c)
		s[c] = lowerOrDigit(b) || upper && b >= 'A' && b <= 'Z'
	}
	for i := 0; i < len(extra); i++ {
		s[extra[i]] = true
	}
	return &s
}

var (
	tokenChars = makeSet("_.-", true)
	pathChars  = makeSet("._/-", true)
)

func allIn(b []byte, set *charSet) bool {
	for _, c := range b {
		if !set[c] {
			return false
		}
	}
	return true
}
