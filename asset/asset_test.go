package asset

import (
	"errors"
	"strings"
	"testing"
)

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
