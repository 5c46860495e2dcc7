package transcoder

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bluenviron/gohlslib/v2/pkg/playlist"

	"github.com/streamgate/streamgate/internal/testenv"
)

// ffmpegPlaylist is a media playlist as ffmpeg's dash muxer writes one for
// a 0.4 s clip: EXT-X-TARGETDURATION 0, which RFC 8216 forbids.
const ffmpegPlaylist = `#EXTM3U
#EXT-X-VERSION:6
#EXT-X-TARGETDURATION:%s
#EXT-X-MEDIA-SEQUENCE:1
#EXT-X-MAP:URI="init-0.m4s"
%s#EXT-X-ENDLIST
`

// TestRewriteMediaTarget feeds rewriteMedia the target durations ffmpeg
// writes (0, rounded down, missing a long segment) and checks the result
// against RFC 8216 §4.3.3.1 with checkMediaPlaylist and by hand.
func TestRewriteMediaTarget(t *testing.T) {
	cases := []struct {
		name, target string
		extinf       []string
		want         int
	}{
		{"clip under half a second", "0", []string{"0.400000"}, 1},
		{"clip under one second", "1", []string{"0.700000"}, 1},
		{"normal segments", "4", []string{"4.000000", "4.000000", "0.520000"}, 4},
		{"a segment just over", "4", []string{"4.000000", "4.499990", "1.0"}, 4},
		{"a segment rounding up", "4", []string{"4.000000", "4.500000"}, 5},
		{"target understated", "4", []string{"9.200000", "4.0"}, 9},
		{"fractional target", "2.5", []string{"2.400000"}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var segs strings.Builder
			files := []string{"init-0.m4s"}
			for i, d := range tc.extinf {
				name := fmt.Sprintf("seg-0-%05d.m4s", i+1)
				fmt.Fprintf(&segs, "#EXTINF:%s,\n#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00.000+0000\n%s\n", d, name)
				files = append(files, name)
			}
			for _, f := range files {
				if err := os.WriteFile(filepath.Join(dir, f), make([]byte, 1000), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(dir, mediaName(0)), fmt.Appendf(nil, ffmpegPlaylist, tc.target, segs.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := rewriteMedia(dir, 0, 4*time.Second); err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(filepath.Join(dir, mediaName(0)))
			if _, err := checkMediaPlaylist(dir, mediaName(0), data); err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			m := parseMedia(t, data)
			if m.TargetDuration != tc.want || len(m.Segments) != len(tc.extinf) || strings.Contains(string(data), "PROGRAM-DATE-TIME") {
				t.Fatalf("target %d, want %d:\n%s", m.TargetDuration, tc.want, data)
			}
		})
	}
}

// TestCheckMediaPlaylist: every kind of playlist the check must refuse.
func TestCheckMediaPlaylist(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"init-0.m4s", "seg-0-00001.m4s"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	vod := "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:%d\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-MAP:URI=\"%s\"\n#EXTINF:%s,\n%s\n%s"
	cases := []struct {
		name, playlist, err string
	}{
		{"valid", fmt.Sprintf(vod, 1, "init-0.m4s", "0.4", "seg-0-00001.m4s", "#EXT-X-ENDLIST\n"), ""},
		{"target 0", fmt.Sprintf(vod, 0, "init-0.m4s", "0.4", "seg-0-00001.m4s", "#EXT-X-ENDLIST\n"), "TARGETDURATION"},
		{"segment over the target", fmt.Sprintf(vod, 4, "init-0.m4s", "4.5", "seg-0-00001.m4s", "#EXT-X-ENDLIST\n"), "RFC 8216"},
		{"no endlist", fmt.Sprintf(vod, 1, "init-0.m4s", "0.4", "seg-0-00001.m4s", ""), "VOD"},
		{"missing segment", fmt.Sprintf(vod, 1, "init-0.m4s", "0.4", "seg-0-00002.m4s", "#EXT-X-ENDLIST\n"), "not written"},
		{"missing init", fmt.Sprintf(vod, 1, "init-9.m4s", "0.4", "seg-0-00001.m4s", "#EXT-X-ENDLIST\n"), "not written"},
		{"segment outside the asset", fmt.Sprintf(vod, 1, "init-0.m4s", "0.4", "../other/seg-0-00001.m4s", "#EXT-X-ENDLIST\n"), "not a file of the asset"},
		{"no segments", "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-ENDLIST\n", "no segments"},
	}
	for _, tc := range cases {
		_, err := checkMediaPlaylist(dir, "media_0.m3u8", []byte(tc.playlist))
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.err != "" && (!errors.Is(err, ErrBadSource) || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: err %v, want a bad output naming %q", tc.name, err, tc.err)
		}
	}
}

// mpdWith is an MPD of one representation "0" with the given
// mediaPresentationDuration and SegmentTemplate body.
func mpdWith(duration, template string) string {
	return `<?xml version="1.0"?><MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="` + duration + `">
<Period><AdaptationSet contentType="video" frameRate="30/1"><Representation id="0" codecs="avc1.42c00c">` + template +
		`</Representation></AdaptationSet></Period></MPD>`
}

// TestCheckDASH: the segments a DASH client computes from the MPD must be
// those the HLS playlist lists, whichever addressing the MPD uses.
func TestCheckDASH(t *testing.T) {
	five := hlsSegments{init: "init-0.m4s"}
	for i := 1; i <= 5; i++ {
		five.media = append(five.media, fmt.Sprintf("seg-0-%05d.m4s", i))
	}
	const names = `initialization="init-$RepresentationID$.m4s" media="seg-$RepresentationID$-$Number%05d$.m4s"`
	cases := []struct {
		name, mpd, err string
	}{
		{"timeline", mpdWith("PT20.0S", `<SegmentTemplate timescale="12800" startNumber="1" `+names+`><SegmentTimeline><S t="0" d="51200" r="3"/><S d="12800"/></SegmentTimeline></SegmentTemplate>`), ""},
		{"template of exactly five", mpdWith("PT20.0S", `<SegmentTemplate timescale="1000000" duration="4000000" `+names+`/>`), ""},
		{"template promising a sixth", mpdWith("PT20.5S", `<SegmentTemplate timescale="1000000" duration="4000000" `+names+`/>`), "promises 6 segments"},
		{"timeline one short", mpdWith("PT20.0S", `<SegmentTemplate timescale="12800" `+names+`><SegmentTimeline><S d="51200" r="3"/></SegmentTimeline></SegmentTemplate>`), "promises 4 segments"},
		{"open-ended repeat", mpdWith("PT20.0S", `<SegmentTemplate timescale="12800" `+names+`><SegmentTimeline><S d="51200" r="-1"/></SegmentTimeline></SegmentTemplate>`), "open-ended"},
		{"other start number", mpdWith("PT20.0S", `<SegmentTemplate timescale="1000000" duration="4000000" startNumber="0" `+names+`/>`), "promises 5 segments (seg-0-00000.m4s"},
		{"time addressing", mpdWith("PT20.0S", `<SegmentTemplate timescale="1000000" duration="4000000" initialization="init.m4s" media="seg-$Time$.m4s"/>`), "$Time$"},
		{"no template", mpdWith("PT20.0S", ``), "no SegmentTemplate"},
		{"bad duration", mpdWith("20 s", `<SegmentTemplate timescale="1000000" duration="4000000" `+names+`/>`), "mediaPresentationDuration"},
	}
	for _, tc := range cases {
		path := filepath.Join(t.TempDir(), mpdName)
		if err := os.WriteFile(path, []byte(tc.mpd), 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := readMPD(path)
		if err == nil {
			err = checkDASH(m, map[string]hlsSegments{"0": five})
		}
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.err != "" && (!errors.Is(err, ErrBadSource) || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: err %v, want a bad output naming %q", tc.name, err, tc.err)
		}
		if tc.err == "" && m.frameRate("0") != 30 {
			t.Errorf("%s: frame rate %g, want the adaptation set's 30", tc.name, m.frameRate("0"))
		}
	}
}

func TestISOSeconds(t *testing.T) {
	for in, want := range map[string]float64{"PT0.4S": 0.4, "PT20.0S": 20, "PT1M0.5S": 60.5, "PT1H2M3S": 3723, "PT2M": 120} {
		if got, err := isoSeconds(in); err != nil || math.Abs(got-want) > 1e-9 {
			t.Errorf("isoSeconds(%q) = %g, %v; want %g", in, got, err, want)
		}
	}
	for _, in := range []string{"", "PT", "P1D", "20", "PT-1S", "PTS"} {
		if _, err := isoSeconds(in); err == nil {
			t.Errorf("isoSeconds(%q) accepted", in)
		}
	}
}

// originLog serves a folder origin over HTTP and records every request's
// path and status, as a CDN log would.
type originLog struct {
	mu     sync.Mutex
	status map[string]int // path → last status
}

func serveOrigin(t *testing.T, dir string) (*originLog, string) {
	t.Helper()
	l := &originLog{status: map[string]int{}}
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		files.ServeHTTP(rec, r)
		l.mu.Lock()
		l.status[r.URL.Path] = rec.status
		l.mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	return l, srv.URL
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// reset forgets what was asked so far and returns it.
func (l *originLog) reset() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.status
	l.status = map[string]int{}
	return s
}

// publishClip makes a lavfi clip of the given length (320x180 at rate fps,
// vf applied, with a 48 kHz tone unless silent) and publishes it with a
// 180p/90p ladder and 4 s segments (the default) into a folder origin,
// as `streamgate demo` does. It returns the asset's folder and the source.
func publishClip(t *testing.T, name string, seconds float64, rate int, vf string, silent bool) (string, string) {
	t.Helper()
	ffmpeg := testenv.Bin(t, "ffmpeg")
	src := filepath.Join(t.TempDir(), name+".mp4")
	args := []string{"-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
		fmt.Sprintf("testsrc2=size=320x180:rate=%d:duration=%g", rate, seconds)}
	if !silent {
		args = append(args, "-f", "lavfi", "-i", fmt.Sprintf("sine=frequency=440:sample_rate=48000:duration=%g", seconds), "-c:a", "aac")
	}
	if vf != "" {
		args = append(args, "-vf", vf, "-fps_mode", "vfr")
	}
	args = append(args, "-c:v", "libx264", "-preset", "ultrafast", src)
	if out, err := exec.Command(ffmpeg, args...).CombinedOutput(); err != nil {
		t.Fatalf("making %s: %v\n%s", name, err, out)
	}
	dir := t.TempDir()
	cfg := DefaultConfig()
	cfg.Origin.Regions = []RegionConfig{{Name: "local", Dir: dir}}
	cfg.Transcode.FFmpeg, cfg.Transcode.FFprobe = ffmpeg, testenv.Bin(t, "ffprobe")
	cfg.Transcode.Preset = "ultrafast"
	cfg.Transcode.AudioBitrate = 64_000
	cfg.Transcode.Ladders["tiny"] = []Rung{{Name: "180p", Height: 180, VideoBitrate: 300_000}, {Name: "90p", Height: 90, VideoBitrate: 100_000}}
	spec := Spec{Asset: name, Title: name, Ladder: "tiny", Policy: []byte(`{"public":true}`)}
	if err := TranscodeFile(context.Background(), cfg, spec, src, nil); err != nil {
		t.Fatalf("publishing %s: %v", name, err)
	}
	return versionDir(t, dir, name), src
}

// TestPublishedPlaylistsPlay publishes clips shorter than a segment, not
// a multiple of it, and exactly five segments long, then:
//   - parses every media playlist with gohlslib and holds it to RFC 8216
//     §4.3.3.1 (EXT-X-TARGETDURATION an integer ≥ 1 and ≥ every EXTINF
//     rounded), independently of the transcoder's own check;
//   - reads the DASH MPD to the end with ffmpeg and the HLS with ffprobe
//     from an HTTP server over the published folder, asserting that no
//     request got a 404, every segment of every rendition was fetched, and
//     the audio and video were decoded.
func TestPublishedPlaylistsPlay(t *testing.T) {
	for _, seconds := range []float64{0.4, 6.5, 20.0} {
		t.Run(strconv.FormatFloat(seconds, 'f', 1, 64)+"s", func(t *testing.T) {
			asset := "clip-" + strings.ReplaceAll(strconv.FormatFloat(seconds, 'f', 1, 64), ".", "-")
			dir, _ := publishClip(t, asset, seconds, 25, "", false)
			published := checkTargets(t, dir, seconds)
			log, url := serveOrigin(t, filepath.Dir(filepath.Dir(dir)))
			asset += "/" + filepath.Base(dir) // the version folder
			base := url + "/" + asset + "/"

			ffmpeg := testenv.Bin(t, "ffmpeg")
			out, err := exec.Command(ffmpeg, "-hide_banner", "-loglevel", "error", "-i", base+mpdName, "-map", "0", "-f", "null", "-").CombinedOutput()
			if err != nil {
				t.Fatalf("ffmpeg reading the DASH: %v\n%s", err, out)
			}
			checkFetched(t, "DASH", log.reset(), asset, published)

			counts := countPackets(t, base+masterName)
			checkFetched(t, "HLS", log.reset(), asset, published)
			// 25 fps, so at least ten frames even of the 0.4 s clip, in
			// each of the two renditions, and the audio.
			if counts["video"] < 2*int(seconds*25) || counts["audio"] == 0 {
				t.Errorf("HLS decoded %v packets, want ≥ %d video and some audio", counts, 2*int(seconds*25))
			}
		})
	}
}

// checkTargets parses every media playlist the master names, holds each to
// RFC 8216 §4.3.3.1 and returns every file they reference.
func checkTargets(t *testing.T, dir string, seconds float64) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, masterName))
	if err != nil {
		t.Fatal(err)
	}
	var master playlist.Multivariant
	if err := master.Unmarshal(data); err != nil {
		t.Fatalf("%s: %v\n%s", masterName, err, data)
	}
	names := []string{}
	for _, v := range master.Variants {
		names = append(names, v.URI)
	}
	for _, r := range master.Renditions {
		names = append(names, *r.URI)
	}
	if len(names) != 3 {
		t.Fatalf("%s names %v, want two renditions and audio", masterName, names)
	}
	var files []string
	for _, name := range names {
		data, _ := os.ReadFile(filepath.Join(dir, path.Clean(name)))
		m := parseMedia(t, data)
		var total float64
		for _, s := range m.Segments {
			if d := s.Duration.Seconds(); m.TargetDuration < 1 || int(d+0.5) > m.TargetDuration {
				t.Errorf("%s: EXTINF %g with EXT-X-TARGETDURATION %d\n%s", name, d, m.TargetDuration, data)
			}
			total += s.Duration.Seconds()
			files = append(files, s.URI)
		}
		if math.Abs(total-seconds) > 0.1 {
			t.Errorf("%s: %.3f s of segments, want %g s", name, total, seconds)
		}
		files = append(files, m.Map.URI)
	}
	return files
}

func parseMedia(t *testing.T, data []byte) playlist.Media {
	t.Helper()
	var m playlist.Media
	if err := m.Unmarshal(data); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return m
}

// checkFetched fails on any request that was not a 200 or 206 (ffmpeg's
// HLS reader asks for bytes=0-), or a published segment never fetched.
func checkFetched(t *testing.T, client string, got map[string]int, asset string, files []string) {
	t.Helper()
	for p, status := range got {
		if status != http.StatusOK && status != http.StatusPartialContent {
			t.Errorf("%s client asked for %s: %d", client, p, status)
		}
	}
	for _, f := range files {
		if s := got["/"+asset+"/"+f]; s != http.StatusOK && s != http.StatusPartialContent {
			t.Errorf("%s client never fetched %s", client, f)
		}
	}
}

// countPackets has ffprobe read every stream of url to the end and
// returns the packets read per codec type.
func countPackets(t *testing.T, url string) map[string]int {
	t.Helper()
	out, err := exec.Command(testenv.Bin(t, "ffprobe"), "-v", "error", "-count_packets",
		"-show_entries", "stream=codec_type,nb_read_packets", "-of", "csv=p=0", url).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", url, err)
	}
	counts := map[string]int{}
	for _, line := range strings.Fields(string(out)) {
		kind, n, _ := strings.Cut(line, ",")
		c, _ := strconv.Atoi(n)
		counts[kind] += c
	}
	return counts
}

var mpdFrameRate = regexp.MustCompile(`frameRate="(\d+)(?:/(\d+))?"`)

// TestVariableFrameRate publishes a phone-like clip: 30 fps with every
// third frame dropped, so it averages 20 fps. ffmpeg encodes it at a
// constant 30 fps, and the master playlist's FRAME-RATE must say so, as
// the MPD's frameRate does, not the source's average.
func TestVariableFrameRate(t *testing.T) {
	dir, src := publishClip(t, "vfr", 3, 30, "select='not(eq(mod(n\\,3)\\,2))'", true)
	ffprobe := testenv.Bin(t, "ffprobe")
	out, err := exec.Command(ffprobe, "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=avg_frame_rate",
		"-of", "default=nw=1:nk=1", src).Output()
	avg := strings.TrimSpace(string(out))
	if num, den, ok := ratio(avg); err != nil || !ok || den == 0 || math.Abs(float64(num)/float64(den)-20.2) > 0.5 {
		t.Fatalf("the source averages %q fps (%v), want about 20.2: not the variable-frame-rate clip this test needs", avg, err)
	}

	mpdData, _ := os.ReadFile(filepath.Join(dir, mpdName))
	p := mpdFrameRate.FindSubmatch(mpdData)
	if p == nil {
		t.Fatalf("%s has no frameRate:\n%s", mpdName, mpdData)
	}
	num, _ := strconv.ParseFloat(string(p[1]), 64)
	den := 1.0
	if len(p[2]) > 0 {
		den, _ = strconv.ParseFloat(string(p[2]), 64)
	}
	mpdRate := num / den

	data, _ := os.ReadFile(filepath.Join(dir, masterName))
	var master playlist.Multivariant
	if err := master.Unmarshal(data); err != nil {
		t.Fatal(err)
	}
	for i, v := range master.Variants {
		// What was encoded: frames over time of the rendition's segments.
		joined := filepath.Join(t.TempDir(), "joined.mp4")
		parts, _ := filepath.Glob(filepath.Join(dir, fmt.Sprintf("seg-%d-*.m4s", i)))
		var all []byte
		for _, f := range append([]string{filepath.Join(dir, fmt.Sprintf("init-%d.m4s", i))}, parts...) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, b...)
		}
		if err := os.WriteFile(joined, all, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(ffprobe, "-v", "error", "-count_frames", "-select_streams", "v:0",
			"-show_entries", "stream=nb_read_frames:format=duration", "-of", "default=nw=1:nk=1", joined).Output()
		if err != nil {
			t.Fatalf("ffprobe: %v", err)
		}
		f := strings.Fields(string(out))
		frames, _ := strconv.ParseFloat(f[0], 64)
		seconds, _ := strconv.ParseFloat(f[1], 64)
		encoded := frames / seconds
		if v.FrameRate == nil || *v.FrameRate != 30 || mpdRate != 30 || math.Abs(encoded-30) > 0.5 {
			t.Errorf("variant %d: FRAME-RATE %v, MPD frameRate %g, encoded %.2f fps (%g frames in %g s); want all 30\n%s",
				i, v.FrameRate, mpdRate, encoded, frames, seconds, data)
		}
	}
	if !strings.Contains(string(data), "FRAME-RATE=30.000") {
		t.Errorf("%s:\n%s", masterName, data)
	}
}

// TestCheckPackage breaks a real published asset the ways a packaging
// fault would and expects checkPackage to refuse each.
func TestCheckPackage(t *testing.T) {
	published, _ := publishClip(t, "short", 0.4, 25, "", false)
	cases := []struct {
		name  string
		spoil func(dir string)
		err   string
	}{
		{"as published", func(string) {}, ""},
		{"a segment missing", func(dir string) { os.Remove(filepath.Join(dir, "seg-1-00001.m4s")) }, "seg-1-00001.m4s, which was not written"},
		{"a playlist the master does not name", func(dir string) {
			data, _ := os.ReadFile(filepath.Join(dir, mediaName(0)))
			if err := os.WriteFile(filepath.Join(dir, mediaName(7)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}, "media_7.m3u8 is not in master.m3u8"},
		{"a playlist the master names missing", func(dir string) { os.Remove(filepath.Join(dir, mediaName(1))) }, "media_1.m3u8, which was not written"},
		{"ffmpeg's target duration left", func(dir string) {
			p := filepath.Join(dir, mediaName(2))
			data, _ := os.ReadFile(p)
			if err := os.WriteFile(p, targetTag.ReplaceAll(data, []byte("#EXT-X-TARGETDURATION:0")), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "TARGETDURATION"},
	}
	for _, tc := range cases {
		dir := t.TempDir()
		entries, _ := os.ReadDir(published)
		for _, e := range entries {
			data, _ := os.ReadFile(filepath.Join(published, e.Name()))
			if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		tc.spoil(dir)
		man, err := readMPD(filepath.Join(dir, mpdName))
		if err == nil {
			err = checkPackage(dir, man)
		}
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.err != "" && (!errors.Is(err, ErrBadSource) || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: err %v, want a bad output naming %q", tc.name, err, tc.err)
		}
	}
}
