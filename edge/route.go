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

// routeKind says what a parsed path names.
type routeKind uint8

const (
	routeObject routeKind = iota // an origin object, served as it is
	routeKey                     // [{version}/]keys/{period}.key: a CDN asset's key, from its key schedule
	routeHidden                  // asset.json, keys.json, versions.json or anything under aes/: never on the gated route
)

// Reserved object names (docs/protocol.md §4): the manifest, the key
// schedule, the version record and the ciphertext folder are never served
// by the gated route, for any asset and at any depth.
const (
	keysDir = "keys"
	keyExt  = ".key"
	// maxKeyPeriod bounds the period index: far more than any film's keys.
	maxKeyPeriod = 1 << 20
)

// route is a parsed /t/{token}/v/{asset}/{path} (or, with no token, a
// /c/{asset}/{version}/aes/{path}). All fields alias the request URI, so
// parsing allocates nothing; they are valid only during the request.
type route struct {
	token []byte
	asset []byte
	path  []byte
	key   []byte // asset + "/" + path: the object's origin key and cache key
	kind  routeKind
	// Key routes: sched is asset[/version], the key schedule's folder and
	// cache key; period the key's index in it.
	sched  []byte
	period int
	// cc, when set, replaces the kind's Cache-Control (the token-free route).
	cc []byte
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
	r.kind, r.period = classify(r.path)
	if r.kind == routeKey {
		n := len(r.asset) // the schedule sits beside keys/: asset[/version]
		if i := bytes.Index(r.path, []byte(keysDir+"/")); i > 0 {
			n += i // "/" + version, without the slash before keys/
		}
		r.sched = r.key[:n]
	}
	return r, nil
}

// classify tells a key route, a reserved name and an object apart in a
// checked object path. A key route is exactly [{version}/]keys/{period}.key
// with period a decimal without leading zeros; any other path naming a
// reserved name (asset.json, keys.json, versions.json as a segment, aes as
// a folder, keys as a folder outside a key route) is hidden.
func classify(p []byte) (routeKind, int) {
	rest := p
	if v, after, ok := bytes.Cut(p, []byte("/")); ok && asset.ValidVersion(v) {
		rest = after
	}
	if n, ok := bytes.CutPrefix(rest, []byte(keysDir+"/")); ok {
		if d, ok := bytes.CutSuffix(n, []byte(keyExt)); ok {
			if period, ok := parsePeriod(d); ok {
				return routeKey, period
			}
		}
	}
	for seg := range bytes.SplitSeq(p, []byte("/")) {
		switch string(seg) {
		case asset.ManifestName, asset.KeysName, asset.VersionsName, asset.CipherDir, keysDir:
			return routeHidden, 0
		}
	}
	return routeObject, 0
}

// parsePeriod reads a key period index: 1..7 decimal digits, no leading zero
// (one spelling per key), below maxKeyPeriod.
func parsePeriod(d []byte) (int, bool) {
	if len(d) == 0 || len(d) > 7 || len(d) > 1 && d[0] == '0' {
		return 0, false
	}
	n := 0
	for _, c := range d {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n < maxKeyPeriod
}

// parseCDN checks a raw request URI against the token-free route
// /c/{asset}/{version}/aes/{path}: asset asset.IDGrammar, version
// v[0-9a-f]{12}, path a checked object path of a segment kind (asset.TypeOf)
// naming no reserved name. The query string is ignored (the CDN keys on the
// path alone). Everything else under /c/ is errNoRoute: the path names
// nothing this route serves, so it is a 404, not a malformed request.
func parseCDN(uri []byte) (route, error) {
	if i := bytes.IndexByte(uri, '?'); i >= 0 {
		uri = uri[:i]
	}
	rest, ok := bytes.CutPrefix(uri, []byte("/c/"))
	if !ok {
		return route{}, errNoRoute
	}
	r := route{key: rest}
	id, p, ok := bytes.Cut(rest, []byte("/"))
	if !ok || !asset.ValidID(id) {
		return route{}, fmt.Errorf("%w: want /c/{asset}/{version}/aes/{path}", errNoRoute)
	}
	r.asset, r.path = id, p
	v, p, ok := bytes.Cut(p, []byte("/"))
	if !ok || !asset.ValidVersion(v) {
		return route{}, fmt.Errorf("%w: want /c/{asset}/{version}/aes/{path}", errNoRoute)
	}
	seg, p, ok := bytes.Cut(p, []byte("/"))
	if !ok || string(seg) != asset.CipherDir {
		return route{}, fmt.Errorf("%w: only ciphertext under {version}/aes/ is served without a token", errNoRoute)
	}
	if err := checkObjectPath(p); err != nil {
		return route{}, fmt.Errorf("%w: %v", errNoRoute, err) //nolint:errorlint // a 404 here, never errBadRoute's 400
	}
	if k, _ := asset.TypeOf(p); k != asset.Segment {
		return route{}, fmt.Errorf("%w: only media segments are served without a token", errNoRoute)
	}
	for seg := range bytes.SplitSeq(p, []byte("/")) {
		switch string(seg) {
		case asset.ManifestName, asset.KeysName, asset.VersionsName, asset.CipherDir, keysDir:
			return route{}, fmt.Errorf("%w: reserved name", errNoRoute)
		}
	}
	r.kind = routeObject
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
