package asset

// Kind groups objects for Cache-Control and metrics.
type Kind uint8

// The kinds TypeOf gives.
const (
	Playlist Kind = iota // .m3u8, .mpd: change while live, never shared
	Segment              // media and init segments
	Other                // subtitles, keys, posters, the rest
	NumKinds
)

// KindNames are the kinds' metric label values, indexed by Kind.
var KindNames = [NumKinds]string{"playlist", "segment", "other"}

// OctetStream is the Content-Type of an unknown extension and of HLS keys.
const OctetStream = "application/octet-stream"

// types is the one streaming content-type table (docs/protocol.md §6): the
// transcoder stores objects with it, the edge serves them with it. Each type
// is the IANA-registered one the format's spec names; it never depends on
// the host's mime.types (which maps .ts to Qt's text/vnd.trolltech.linguist).
var types = []struct {
	ext   string
	kind  Kind
	ctype string
}{
	{"m4s", Segment, "video/iso.segment"},               // ISO/IEC 23009-1 (DASH), IANA
	{"m3u8", Playlist, "application/vnd.apple.mpegurl"}, // RFC 8216 §4
	{"mpd", Playlist, "application/dash+xml"},           // ISO/IEC 23009-1 Annex C
	{"mp4", Segment, "video/mp4"},                       // RFC 4337
	{"m4v", Segment, "video/mp4"},
	{"m4a", Segment, "audio/mp4"},  // RFC 4337: audio-only MP4
	{"cmfv", Segment, "video/mp4"}, // CTA-5000 (CMAF) §A
	{"cmfa", Segment, "audio/mp4"},
	{"ts", Segment, "video/mp2t"},             // RFC 3555 §4.2.9, RFC 8216 §3.2
	{"aac", Segment, "audio/aac"},             // IANA; RFC 8216 §3.4 packed audio
	{"vtt", Other, "text/vtt; charset=utf-8"}, // W3C WebVTT §7.1: always UTF-8
	{"webvtt", Other, "text/vtt; charset=utf-8"},
	{"key", Other, OctetStream}, // RFC 8216 §5.2: 16 raw octets
	{"jpg", Other, "image/jpeg"},
	{"jpeg", Other, "image/jpeg"},
	{"png", Other, "image/png"},
	{"webp", Other, "image/webp"},       // RFC 9649
	{"json", Other, "application/json"}, // RFC 8259
}

// TypeOf gives an object's kind and Content-Type from the extension of its
// name (a key or path, string or bytes); an unknown or missing extension is
// Other and OctetStream. It allocates nothing.
func TypeOf[T string | []byte](name T) (Kind, string) {
	dot := -1
	for i := len(name) - 1; i >= 0 && name[i] != '/'; i-- {
		if name[i] == '.' {
			dot = i
			break
		}
	}
	if dot >= 0 {
		ext := name[dot+1:]
		for i := range types {
			if string(ext) == types[i].ext {
				return types[i].kind, types[i].ctype
			}
		}
	}
	return Other, OctetStream
}

// ContentType is TypeOf's Content-Type alone.
func ContentType(name string) string {
	_, ct := TypeOf(name)
	return ct
}
