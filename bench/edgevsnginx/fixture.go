package main

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The asset both servers serve, and the sizes the issue asks for: a ~2 KB
// playlist and a ~1.5 MB segment.
const (
	assetID      = "bench"
	playlistName = "master.m3u8"
	segmentName  = "seg.m4s"
	playlistSize = 2 << 10
	segmentSize  = 1536 << 10
	publicPolicy = `{"public":true}`
)

// assetJSON is the asset's metadata with the given policy. The asset is in
// CDN mode (docs/protocol.md §6): its key route and its token-free
// ciphertext are measured too; the gated route serves its other objects as
// for any asset.
func assetJSON(policy string) []byte {
	return []byte(fmt.Sprintf(`{"id":%q,"title":"bench","delivery":"cdn","version":%q,"key_period":%d,"segment_s":4,"policy":%s}`,
		assetID, cdnVersion, cdnKeyPeriod, policy))
}

// fixture is the origin folder as written, kept to check that each server
// returns exactly these bytes before it is measured.
type fixture struct {
	originDir string // holds bench/: the edge's region dir and nginx's root
	playlist  []byte
	segment   []byte
	key       []byte // the CDN set's first key, 16 bytes
	cdn       cdnSet
}

// writeFixture writes origin/bench/{asset.json,master.m3u8,seg.m4s} in dir,
// with policy in asset.json. nginx ignores asset.json.
func writeFixture(dir, policy string) (fixture, error) {
	fx := fixture{originDir: filepath.Join(dir, "origin"), playlist: mediaPlaylist(playlistSize)}
	// Random bytes so that nothing on the path (page cache aside) can
	// shortcut the payload, e.g. by compressing it.
	fx.segment = make([]byte, segmentSize)
	if _, err := rand.Read(fx.segment); err != nil {
		return fixture{}, fmt.Errorf("generating the segment: %w", err)
	}
	assetDir := filepath.Join(fx.originDir, assetID)
	if err := os.MkdirAll(assetDir, 0o755); err != nil {
		return fixture{}, fmt.Errorf("making the origin folder: %w", err)
	}
	files := map[string][]byte{
		"asset.json": assetJSON(policy),
		playlistName: fx.playlist,
		segmentName:  fx.segment,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(assetDir, name), body, 0o644); err != nil {
			return fixture{}, fmt.Errorf("writing %s: %w", name, err)
		}
	}
	var err error
	if fx.cdn, err = writeCDNSet(assetDir); err != nil {
		return fixture{}, err
	}
	fx.key = fx.cdn.keys[0][:]
	return fx, nil
}

// mediaPlaylist returns a VOD fMP4 media playlist of about size bytes, shaped
// like what a packager writes, so the edge's per-kind handling (content type,
// no-store) is the one a real playlist gets.
func mediaPlaylist(size int) []byte {
	var b strings.Builder
	b.WriteString("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n" +
		"#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n" +
		"#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"init.mp4\"\n")
	const end = "#EXT-X-ENDLIST\n"
	for i := 0; b.Len()+len(end) < size; i++ {
		fmt.Fprintf(&b, "#EXTINF:4.000000,\nseg%05d.m4s\n", i)
	}
	b.WriteString(end)
	return []byte(b.String())
}
