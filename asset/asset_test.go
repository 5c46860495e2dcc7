package asset

import (
	"errors"
	"strings"
	"testing"
)

func manifest(extra string) []byte {
	return []byte(`{"id":"a","title":"t","policy":{"public":true}` + extra + `}`)
}

// TestParseOptionalFields: teaser and get_url never make asset.json
// unusable; anything but true is no teaser, anything but a good URL none.
func TestParseOptionalFields(t *testing.T) {
	long := "https://example.com/" + strings.Repeat("a", MaxGetURLBytes-len("https://example.com/"))
	cases := []struct {
		name, extra string
		teaser      bool
		getURL      string
		ignored     bool
	}{
		{"absent", ``, false, "", false},
		{"null", `,"teaser":null,"get_url":null`, false, "", false},
		{"teaser true", `,"teaser":true`, true, "", false},
		{"teaser false", `,"teaser":false`, false, "", false},
		{"teaser string", `,"teaser":"true"`, false, "", true},
		{"teaser number", `,"teaser":1`, false, "", true},
		{"teaser object", `,"teaser":{}`, false, "", true},
		{"https", `,"get_url":"https://example.com/mint?x=1#y"`, false, "https://example.com/mint?x=1#y", false},
		{"http port", `,"get_url":"http://127.0.0.1:8080/get"`, false, "http://127.0.0.1:8080/get", false},
		{"upper scheme", `,"get_url":"HTTPS://example.com/"`, false, "HTTPS://example.com/", false},
		{"at limit", `,"get_url":"` + long + `"`, false, long, false},
		{"over limit", `,"get_url":"` + long + `a"`, false, "", true},
		{"javascript", `,"get_url":"javascript:alert(1)"`, false, "", true},
		{"data", `,"get_url":"data:text/html,hi"`, false, "", true},
		{"ftp", `,"get_url":"ftp://example.com/"`, false, "", true},
		{"relative", `,"get_url":"/mint"`, false, "", true},
		{"scheme relative", `,"get_url":"//example.com/mint"`, false, "", true},
		{"no host", `,"get_url":"https:///mint"`, false, "", true},
		{"opaque", `,"get_url":"https:example.com"`, false, "", true},
		{"user info", `,"get_url":"https://good.example@evil.example/"`, false, "", true},
		{"space", `,"get_url":"https://example.com/a b"`, false, "", true},
		{"newline", `,"get_url":"https://example.com/\n"`, false, "", true},
		{"non-ascii", `,"get_url":"https://exämple.com/"`, false, "", true},
		{"not string", `,"get_url":42`, false, "", true},
		{"both bad", `,"teaser":"yes","get_url":"x"`, false, "", true},
		{"good teaser, bad url", `,"teaser":true,"get_url":"x"`, true, "", true},
	}
	for _, tc := range cases {
		a, err := Parse("a", manifest(tc.extra))
		if err != nil {
			t.Errorf("%s: the asset became unusable: %v", tc.name, err)
			continue
		}
		if a.Teaser != tc.teaser || a.GetURL != tc.getURL || (a.Ignored != nil) != tc.ignored {
			t.Errorf("%s: teaser %v get_url %q ignored %v; want %v %q ignored=%v", tc.name, a.Teaser, a.GetURL, a.Ignored, tc.teaser, tc.getURL, tc.ignored)
		}
		if (CheckGetURL(tc.getURL) != nil) && tc.getURL != "" {
			t.Errorf("%s: kept a get_url CheckGetURL refuses", tc.name)
		}
	}
}

func TestParseStillRefusesBadManifests(t *testing.T) {
	for _, doc := range []string{`{"id":"a","policy":{"public":true},"title":7}`, `{"id":"b","policy":{"public":true}}`, `{"id":"a","teaser":true}`} {
		if _, err := Parse("a", []byte(doc)); !errors.Is(err, ErrBadManifest) {
			t.Errorf("%s: err = %v, want ErrBadManifest", doc, err)
		}
	}
}
