package transcoder

import (
	"errors"
	"strings"
	"testing"
)

var specLadders = map[string][]Rung{"default": DefaultLadder(), "small": DefaultLadder()[3:]}

var specCases = []struct {
	name, body, err string
}{
	{"minimal", `{"asset":"keynote","source":"s3://sources/keynote/a.mp4","policy":{"public":true}}`, ""},
	{"all fields", `{"asset":"k-1_b","title":"Keynote","source":"s3://b/p/k.mov","ladder":"small","policy":{"any":[{"chain_id":1,"contract":"0x00000000000000000000000000000000000000aa","standard":"erc721"}]}}`, ""},
	{"bad asset", `{"asset":"../x","source":"s3://b/k","policy":{"public":true}}`, "asset:"},
	{"no policy", `{"asset":"a","source":"s3://b/k"}`, "policy:"},
	{"empty policy", `{"asset":"a","source":"s3://b/k","policy":{}}`, "policy:"},
	{"http source", `{"asset":"a","source":"http://b/k","policy":{"public":true}}`, "source:"},
	{"bucket only", `{"asset":"a","source":"s3://b/","policy":{"public":true}}`, "source:"},
	{"credentials in source", `{"asset":"a","source":"s3://u:p@b/k","policy":{"public":true}}`, "source:"},
	{"unknown ladder", `{"asset":"a","source":"s3://b/k","ladder":"4k","policy":{"public":true}}`, "ladder:"},
	{"unknown field", `{"asset":"a","source":"s3://b/k","policy":{"public":true},"priority":1}`, "unknown field"},
	{"long title", `{"asset":"a","title":"` + strings.Repeat("x", 513) + `","source":"s3://b/k","policy":{"public":true}}`, "title:"},
}

func TestParseSpec(t *testing.T) {
	for _, tc := range specCases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParseSpec([]byte(tc.body), specLadders, "default")
			if tc.err != "" {
				if !errors.Is(err, ErrBadSpec) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want ErrBadSpec with %q", err, tc.err)
				}
				return
			}
			if err != nil || s.Ladder == "" || s.Title == "" || strings.ContainsAny(string(s.Policy), " \n") {
				t.Fatalf("ParseSpec = %+v, %v (want defaults filled, policy compacted)", s, err)
			}
		})
	}
}

func FuzzParseSpec(f *testing.F) {
	for _, tc := range specCases {
		f.Add(tc.body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		s, err := ParseSpec([]byte(body), specLadders, "default")
		if err != nil {
			return
		}
		if _, _, err := ParseSourceURL(s.Source); err != nil || strings.Contains(s.Asset, "/") || specLadders[s.Ladder] == nil {
			t.Fatalf("accepted %+v", s)
		}
	})
}

func TestSourceURLRoundTrip(t *testing.T) {
	for _, key := range []string{"a/b.mp4", "a/with space.mp4", "x/%41.mov"} {
		bucket, got, err := ParseSourceURL(SourceURL("sources", key))
		if err != nil || bucket != "sources" || got != key {
			t.Errorf("%q: got %q %q %v", key, bucket, got, err)
		}
	}
	if got := safeName("My Film (final).MOV"); got != "My_Film__final_.MOV" {
		t.Errorf("safeName = %q", got)
	}
}
