package edge

import (
	"errors"
	"strings"
	"testing"

	"github.com/streamgate/streamgate/asset"
)

var routeCases = []struct {
	uri   string
	asset string
	path  string
	err   error
}{
	{"/t/abc.def-ghi_j/v/launch-keynote/master.m3u8", "launch-keynote", "master.m3u8", nil},
	{"/t/tok/v/a/720p/seg_00001.m4s?x=1", "a", "720p/seg_00001.m4s", nil},
	{"/t/tok/v/a/init-0.m4s", "a", "init-0.m4s", nil},
	{"/t/tok/v/a/" + strings.Repeat("x", 512), "a", strings.Repeat("x", 512), nil},
	{"/healthz", "", "", errNoRoute},
	{"/t/tok/v/a/" + strings.Repeat("x", 513), "", "", errBadRoute},
	{"/t/tok/v/a/../b/x.m4s", "", "", errBadRoute},
	{"/t/tok/v/a/x/../../b.m4s", "", "", errBadRoute},
	{"/t/tok/v/a/%2e%2e/b.m4s", "", "", errBadRoute},
	{"/t/tok/v/a/%2E%2E%2Fb.m4s", "", "", errBadRoute},
	{"/t/tok/v/a/x\\..\\b.m4s", "", "", errBadRoute},
	{"/t/tok/v/a/x%00.m4s", "", "", errBadRoute},
	{"/t/tok/v/a/x\x00.m4s", "", "", errBadRoute},
	{"/t/tok/v/a//x.m4s", "", "", errBadRoute},
	{"/t/tok/v/a/x/", "", "", errBadRoute},
	{"/t/tok/v/a/./x.m4s", "", "", errBadRoute},
	{"/t/tok/v/a/x/..", "", "", errBadRoute},
	// Dots that do not make a whole segment name a file; they move nowhere.
	{"/t/tok/v/a/..0", "a", "..0", nil},
	{"/t/tok/v/a/x/...", "a", "x/...", nil},
	{"/t/tok/v/a/.x/seg..m4s", "a", ".x/seg..m4s", nil},
	{"/t/tok/v/a/", "", "", errBadRoute},
	{"/t/tok/v/a", "", "", errBadRoute},
	{"/t/tok/v/A/x.m4s", "", "", errBadRoute},
	{"/t/tok/v/_a/x.m4s", "", "", errBadRoute},
	{"/t/tok/v/" + strings.Repeat("a", 65) + "/x.m4s", "", "", errBadRoute},
	{"/t/" + strings.Repeat("a", 64) + "/v/" + strings.Repeat("a", 64) + "/x", strings.Repeat("a", 64), "x", nil},
	{"/t//v/a/x.m4s", "", "", errBadRoute},
	{"/t/" + strings.Repeat("a", 4097) + "/v/a/x", "", "", errBadRoute},
	{"/t/tok/x/a/b", "", "", errBadRoute},
	{"/t/tok/v/a/x y.m4s", "", "", errBadRoute},
}

func TestParseRoute(t *testing.T) {
	for _, tc := range routeCases {
		r, err := parseRoute([]byte(tc.uri))
		if !errors.Is(err, tc.err) || (tc.err == nil) != (err == nil) {
			t.Errorf("%q: err = %v, want %v", tc.uri, err, tc.err)
			continue
		}
		if err != nil {
			continue
		}
		if string(r.asset) != tc.asset || string(r.path) != tc.path || string(r.key) != tc.asset+"/"+tc.path {
			t.Errorf("%q: got asset %q path %q key %q", tc.uri, r.asset, r.path, r.key)
		}
	}
}

func FuzzParseRoute(f *testing.F) {
	for _, tc := range routeCases {
		f.Add(tc.uri)
	}
	for _, uri := range cdnRefused("film") {
		f.Add(uri)
	}
	f.Add("/c/film/" + testVersion + "/aes/720p/seg1.m4s")
	f.Fuzz(func(t *testing.T, uri string) {
		checkCDN(t, uri)
		r, err := parseRoute([]byte(uri))
		if err != nil {
			return
		}
		if r.kind == routeObject {
			for seg := range strings.SplitSeq(string(r.path), "/") {
				if seg == "aes" || seg == "keys.json" || seg == "versions.json" || seg == "asset.json" {
					t.Fatalf("gated route serves reserved %q from %q", r.path, uri)
				}
			}
		}
		key := string(r.key)
		// A segment such as "..0" is a file name; only "", "." and ".." move.
		for seg := range strings.SplitSeq(key, "/") {
			if seg == "" || seg == "." || seg == ".." {
				t.Fatalf("accepted unsafe key %q from %q", key, uri)
			}
		}
		if strings.ContainsAny(key, "\\%\x00?") {
			t.Fatalf("accepted unsafe key %q from %q", key, uri)
		}
		if !strings.HasPrefix(key, string(r.asset)+"/") || len(r.path) == 0 || len(r.path) > maxObjectLen {
			t.Fatalf("inconsistent route %+v from %q", r, uri)
		}
	})
}

// checkCDN holds the token-free route to its contract on any input: what it
// accepts is a media segment under {asset}/{version}/aes/, nothing else.
func checkCDN(t *testing.T, uri string) {
	r, err := parseCDN([]byte(uri))
	if err != nil {
		if errors.Is(err, errBadRoute) {
			t.Fatalf("%q: %v is a 400, want 404 on /c/", uri, err)
		}
		return
	}
	key := string(r.key)
	parts := strings.SplitN(key, "/", 4)
	if len(parts) != 4 || parts[0] != string(r.asset) || !asset.ValidVersion(parts[1]) || parts[2] != "aes" {
		t.Fatalf("token-free route accepted %q from %q", key, uri)
	}
	if k, _ := asset.TypeOf(parts[3]); k != asset.Segment || strings.ContainsAny(key, "\\%\x00?") {
		t.Fatalf("token-free route accepted %q from %q", key, uri)
	}
	for seg := range strings.SplitSeq(parts[3], "/") {
		if seg == "" || seg == "." || seg == ".." || seg == "aes" || seg == "keys" || strings.HasSuffix(seg, ".json") {
			t.Fatalf("token-free route accepted %q from %q", key, uri)
		}
	}
}
