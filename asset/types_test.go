package asset

import "testing"

func TestTypeOf(t *testing.T) {
	for _, tc := range []struct {
		name  string
		kind  Kind
		ctype string
	}{
		{"master.m3u8", Playlist, "application/vnd.apple.mpegurl"},
		{"manifest.mpd", Playlist, "application/dash+xml"},
		{"v/seg-1.m4s", Segment, "video/iso.segment"},
		{"init.mp4", Segment, "video/mp4"},
		{"a.m4a", Segment, "audio/mp4"},
		{"a.cmfa", Segment, "audio/mp4"},
		{"seg-00001.ts", Segment, "video/mp2t"},
		{"a.aac", Segment, "audio/aac"},
		{"subs/en.vtt", Other, "text/vtt; charset=utf-8"},
		{"k.key", Other, OctetStream},
		{"poster.jpg", Other, "image/jpeg"},
		{"asset.json", Other, "application/json"},
		// Unknown, missing or misplaced extensions are opaque bytes.
		{"README", Other, OctetStream},
		{"a.TS", Other, OctetStream},
		{"a.m3u8/seg", Other, OctetStream},
		{"a.", Other, OctetStream},
		{".", Other, OctetStream},
		{"", Other, OctetStream},
	} {
		k, ct := TypeOf(tc.name)
		kb, ctb := TypeOf([]byte(tc.name))
		if k != tc.kind || ct != tc.ctype || kb != k || ctb != ct {
			t.Errorf("TypeOf(%q) = %s %q (bytes: %s %q), want %s %q", tc.name, KindNames[k], ct, KindNames[kb], ctb, KindNames[tc.kind], tc.ctype)
		}
		if got := ContentType(tc.name); got != tc.ctype {
			t.Errorf("ContentType(%q) = %q, want %q", tc.name, got, tc.ctype)
		}
	}
}

// TestTypesUnique: one extension, one answer.
func TestTypesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, ty := range types {
		if seen[ty.ext] {
			t.Errorf("extension %q listed twice", ty.ext)
		}
		seen[ty.ext] = true
	}
}

func TestTypeOfAllocs(t *testing.T) {
	p := []byte("v720/seg-00042.m4s")
	if n := testing.AllocsPerRun(100, func() { TypeOf(p) }); n != 0 {
		t.Fatalf("TypeOf allocates %v times", n)
	}
}
