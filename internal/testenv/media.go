package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// The media is made once per test binary and length, and shared read-only
// by all tests.
var (
	mediaMu   sync.Mutex
	mediaDirs = map[int]string{}
)

// MediaFiles are the files Media guarantees; the m4s segments
// (init-stream0.m4s, chunk-stream0-00001.m4s, … for video stream 0 and audio
// stream 1) come with them.
var MediaFiles = []string{"manifest.mpd", "master.m3u8", "media_0.m3u8", "media_1.m3u8", "init-stream0.m4s", "init-stream1.m4s"}

// Media returns a directory holding a 4 s H.264 + AAC test clip (320x180,
// 25 fps, 1 s keyframes and segments) packaged once as CMAF fMP4 for both
// DASH (manifest.mpd) and HLS (master.m3u8, media_N.m3u8). Treat it as
// read-only: every test in the binary shares it. It is created with
// os.MkdirTemp and, having no test to own it, is left in the OS temp dir when
// the binary exits (about 300 KB).
func Media(t testing.TB) string {
	t.Helper()
	return MediaSeconds(t, 4)
}

// MediaSeconds is Media with a clip of the given length in seconds (1 s
// segments), for tests that play past a token's lifetime; about 75 KB a
// second.
func MediaSeconds(t testing.TB, seconds int) string {
	t.Helper()
	ffmpeg := Bin(t, "ffmpeg")
	mediaMu.Lock()
	defer mediaMu.Unlock()
	if dir, ok := mediaDirs[seconds]; ok {
		return dir
	}
	dir, err := makeMedia(ffmpeg, seconds)
	if err != nil {
		t.Fatalf("making test media: %v", err)
	}
	mediaDirs[seconds] = dir
	return dir
}

// makeMedia encodes the clip into a new temp dir and checks the result.
func makeMedia(ffmpeg string, seconds int) (string, error) {
	dir, err := os.MkdirTemp("", "streamgate-media-")
	if err != nil {
		return "", err
	}
	cmd := exec.Command(ffmpeg, mediaArgs("manifest.mpd", seconds)...)
	cmd.Dir = dir // ffmpeg's dash muxer writes the playlists next to the manifest
	if out, err := cmd.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("ffmpeg: %w\n%s", err, out)
	}
	for _, name := range MediaFiles {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			os.RemoveAll(dir)
			return "", fmt.Errorf("ffmpeg wrote no %s in %s", name, dir)
		}
	}
	return dir, nil
}

// mediaArgs is one encode writing DASH and HLS over the same segments.
// Every lavfi source needs a duration or ffmpeg never stops; -g/-keyint_min
// with -sc_threshold 0 put a keyframe at every 1 s segment boundary.
func mediaArgs(out string, seconds int) []string {
	d := strconv.Itoa(seconds)
	return []string{
		"-hide_banner", "-loglevel", "error", "-nostdin",
		"-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=" + d,
		"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + d,
		"-map", "0:v", "-map", "1:a",
		"-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
		"-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
		"-c:a", "aac", "-b:a", "64k",
		"-f", "dash", "-seg_duration", "1", "-use_template", "1", "-use_timeline", "1",
		"-hls_playlist", "1", "-adaptation_sets", "id=0,streams=v id=1,streams=a",
		// ffmpeg's default names, spelled out so MediaFiles cannot drift
		// with its version; both stay within [A-Za-z0-9._-] for object keys.
		"-init_seg_name", "init-stream$RepresentationID$.m4s",
		"-media_seg_name", "chunk-stream$RepresentationID$-$Number%05d$.m4s",
		out,
	}
}
