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

// TestParseDelivery: version and delivery are checked as a class: every
// malformed version, unknown delivery or CDN asset without its key period,
// segment length or version is a bad manifest; edge and unversioned
// manifests keep parsing.
func TestParseDelivery(t *testing.T) {
	const base = `{"id":"a","policy":{"public":true}`
	good := []struct{ extra, version, delivery string }{
		{"", "", ""},
		{`,"delivery":"edge"`, "", "edge"},
		{`,"version":"v0123456789ab"`, "v0123456789ab", ""},
		{`,"version":"v0123456789ab","delivery":"cdn","key_period":3,"segment_s":4`, "v0123456789ab", "cdn"},
	}
	for _, c := range good {
		a, err := Parse("a", []byte(base+c.extra+"}"))
		if err != nil || a.Version != c.version || a.Delivery != c.delivery || a.CDN() != (c.delivery == "cdn") {
			t.Errorf("%s: %+v %v", c.extra, a, err)
		}
	}
	bad := []string{
		`,"version":"v0123456789AB"`, `,"version":"0123456789abc"`, `,"version":"v0123456789a"`,
		`,"version":"v0123456789abc"`, `,"version":"v0123456789a/"`, `,"version":"../x"`, `,"version":"v0123456789a%2f"`,
		`,"delivery":"CDN"`, `,"delivery":"origin"`, `,"delivery":3`,
		`,"delivery":"cdn","key_period":3,"segment_s":4`,
		`,"version":"v0123456789ab","delivery":"cdn","segment_s":4`,
		`,"version":"v0123456789ab","delivery":"cdn","key_period":-1,"segment_s":4`,
		`,"version":"v0123456789ab","delivery":"cdn","key_period":3`,
		`,"version":"v0123456789ab","key_period":3`,
	}
	for _, extra := range bad {
		if _, err := Parse("a", []byte(base+extra+"}")); !errors.Is(err, ErrBadManifest) {
			t.Errorf("%s: %v, want a bad manifest", extra, err)
		}
	}
}

func TestValidVersion(t *testing.T) {
	for v, want := range map[string]bool{"v0123456789ab": true, "vffffffffffff": true, "": false, "v": false,
		"V0123456789ab": false, "v0123456789aB": false, "v0123456789ag": false, "w0123456789ab": false} {
		if ValidVersion(v) != want || ValidVersion([]byte(v)) != want {
			t.Errorf("ValidVersion(%q) != %v", v, want)
		}
	}
}

func TestDir(t *testing.T) {
	if d := (&Asset{ID: "a"}).Dir(); d != "a/" {
		t.Errorf("unversioned: %q", d)
	}
	if d := (&Asset{ID: "a", Version: "v0123456789ab"}).Dir(); d != "a/v0123456789ab/" {
		t.Errorf("versioned: %q", d)
	}
}

func TestParseKeys(t *testing.T) {
	k := strings.Repeat("0f", 16)
	ks, keys, err := ParseKeys([]byte(`{"key_period":3,"keys":["` + k + `","` + strings.Repeat("a0", 16) + `"]}`))
	if err != nil || ks.KeyPeriod != 3 || len(keys) != 2 || keys[0][0] != 0x0f || keys[1][15] != 0xa0 {
		t.Fatalf("%+v %x %v", ks, keys, err)
	}
	for _, bad := range []string{`{}`, `{"key_period":0,"keys":["` + k + `"]}`, `{"key_period":1,"keys":[]}`,
		`{"key_period":1,"keys":["` + k[:30] + `"]}`, `{"key_period":1,"keys":["` + k + `00"]}`,
		`{"key_period":1,"keys":["` + strings.ToUpper(k) + `"]}`, `{"key_period":1,"keys":["` + k[:31] + `g"]}`, `[`} {
		if _, _, err := ParseKeys([]byte(bad)); !errors.Is(err, ErrBadManifest) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}
