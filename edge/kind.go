package edge

import "bytes"

// kind groups objects for Cache-Control and metrics.
type kind uint8

const (
	kindPlaylist kind = iota // .m3u8, .mpd: change while live, never shared
	kindSegment              // media and init segments
	kindOther                // subtitles, keys, posters, the rest
	numKinds
)

var kindNames = [numKinds]string{"playlist", "segment", "other"}

// typeOf gives an object's kind and Content-Type from its extension.
func typeOf(path []byte) (kind, []byte) {
	ext := path[bytes.LastIndexByte(path, '.')+1:]
	for i := range contentTypes {
		if string(ext) == contentTypes[i].ext {
			return contentTypes[i].kind, contentTypes[i].ctype
		}
	}
	return kindOther, octetStream
}

var octetStream = []byte("application/octet-stream")

var contentTypes = []struct {
	ext   string
	kind  kind
	ctype []byte
}{
	{"m4s", kindSegment, []byte("video/iso.segment")},
	{"m3u8", kindPlaylist, []byte("application/vnd.apple.mpegurl")},
	{"mpd", kindPlaylist, []byte("application/dash+xml")},
	{"mp4", kindSegment, []byte("video/mp4")},
	{"m4v", kindSegment, []byte("video/mp4")},
	{"m4a", kindSegment, []byte("audio/mp4")},
	{"cmfv", kindSegment, []byte("video/mp4")},
	{"cmfa", kindSegment, []byte("audio/mp4")},
	{"ts", kindSegment, []byte("video/mp2t")},
	{"aac", kindSegment, []byte("audio/aac")},
	{"vtt", kindOther, []byte("text/vtt; charset=utf-8")},
	{"webvtt", kindOther, []byte("text/vtt; charset=utf-8")},
	{"key", kindOther, octetStream},
	{"jpg", kindOther, []byte("image/jpeg")},
	{"jpeg", kindOther, []byte("image/jpeg")},
	{"png", kindOther, []byte("image/png")},
	{"webp", kindOther, []byte("image/webp")},
	{"json", kindOther, []byte("application/json")},
}
