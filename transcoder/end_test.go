package transcoder

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/internal/testenv"
)

// TestTranscodeEndsTogether transcodes sources whose audio overruns the
// video by a fraction of an AAC frame (44.1 kHz AAC, as a camera or
// `ffmpeg -shortest` writes it), whose audio stops early, and whose video
// is, is not, and is just past a multiple of the 1 s segment, and
// publishes each as an edge and a CDN asset. For every media playlist and
// every MPD representation of both it checks that the stream ends within
// one AAC frame of the top video rendition and that its last segment is at
// least minLastSegment long: a player appends a 5 ms last audio segment
// never, and never ends.
func TestTranscodeEndsTogether(t *testing.T) {
	cases := []struct {
		name         string
		video, audio float64 // seconds; audio 0 = as long as the video, with -shortest
		want         float64 // the published duration, seconds
	}{
		{"20 s, audio past the video by a partial AAC frame", 20, 0, 20},
		{"6.5 s (163 frames), not a multiple of the segment", 6.5, 0, 6.52},
		{"4 s, the browser tests' clip", 4, 0, 4},
		{"7.04 s, a frame past a boundary the audio cuts before", 7.04, 0, 7},
		{"4.04 s, a frame past a boundary: cut there", 4.04, 0, 4},
		{"3.2 s with 2 s of audio: padded with silence", 3.2, 2, 3.2},
		{"2.4 s with 0.4 s more audio: cut at the video", 2.4, 2.8, 2.4},
	}
	ffmpeg := testenv.Bin(t, "ffmpeg")
	for _, tc := range cases {
		t.Run(strings.Fields(tc.name)[0], func(t *testing.T) {
			src := filepath.Join(t.TempDir(), "src.mp4")
			args := []string{"-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", fmt.Sprintf("testsrc2=size=320x180:rate=25:duration=%g", tc.video)}
			if tc.audio == 0 {
				args = append(args, "-f", "lavfi", "-i", fmt.Sprintf("sine=frequency=440:duration=%g", tc.video), "-shortest")
			} else {
				args = append(args, "-f", "lavfi", "-i", fmt.Sprintf("sine=frequency=440:duration=%g", tc.audio))
			}
			args = append(args, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", src)
			if out, err := exec.Command(ffmpeg, args...).CombinedOutput(); err != nil {
				t.Fatalf("ffmpeg: %v\n%s", err, out)
			}
			dir := t.TempDir()
			cfg := DefaultConfig()
			cfg.Origin.Regions = []RegionConfig{{Name: "local", Dir: dir}}
			cfg.Transcode.FFmpeg, cfg.Transcode.FFprobe, cfg.Transcode.Preset = ffmpeg, testenv.Bin(t, "ffprobe"), "ultrafast"
			cfg.Transcode.SegmentDuration, cfg.Transcode.KeyPeriod, cfg.Transcode.AudioBitrate = time.Second, 2, 64_000
			cfg.Transcode.Ladders["tiny"] = []Rung{{Name: "180p", Height: 180, VideoBitrate: 300_000}, {Name: "90p", Height: 90, VideoBitrate: 100_000}}
			specs := []Spec{
				{Asset: "edge", Ladder: "tiny", Policy: []byte(`{"public":true}`), Delivery: asset.DeliveryEdge},
				{Asset: "cdn", Ladder: "tiny", Policy: []byte(`{"public":true}`), Delivery: asset.DeliveryCDN},
			}
			if err := TranscodeFileAs(context.Background(), cfg, src, nil, specs...); err != nil {
				t.Fatal(err)
			}
			for _, id := range []string{"edge", "cdn"} {
				vdir := versionDir(t, dir, id)
				ends := map[string]float64{}
				for i := range 3 { // 180p, 90p, audio
					name := mediaName(i)
					data, err := os.ReadFile(filepath.Join(vdir, name))
					if err != nil {
						t.Fatal(err)
					}
					m := parseMedia(t, data)
					var total float64
					for _, s := range m.Segments {
						total += s.Duration.Seconds()
					}
					last := m.Segments[len(m.Segments)-1].Duration.Seconds()
					checkEnd(t, id+" "+name, total, last, tc.want)
					ends["hls "+name] = total
				}
				man, err := readMPD(filepath.Join(vdir, mpdName))
				if err != nil {
					t.Fatal(err)
				}
				for rid, r := range man.reps() {
					total, last := timeline(t, r)
					checkEnd(t, id+" MPD representation "+rid, total, last, tc.want)
					ends["dash "+rid] = total
				}
				t.Logf("%s: stream ends %v", id, ends)
			}
		})
	}
}

// checkEnd holds one stream to the video's end: within one AAC frame of
// want (the frames past it are the audio's last, partial one), and a last
// segment of at least minLastSegment.
func checkEnd(t *testing.T, what string, total, last, want float64) {
	t.Helper()
	if math.Abs(total-want) > aacFrame+1e-4 { // EXTINF has five decimals
		t.Errorf("%s ends at %.5f s, want %.3f s ± one AAC frame (%.4f s)", what, total, want, aacFrame)
	}
	if last < minLastSegment {
		t.Errorf("%s ends with a %.5f s segment, want ≥ %g s", what, last, minLastSegment)
	}
}

// timeline is the sum of representation r's SegmentTimeline and its last
// segment's duration, in seconds.
func timeline(t *testing.T, r setRep) (total, last float64) {
	t.Helper()
	tmpl := r.Template
	if tmpl == nil {
		tmpl = r.set.Template
	}
	if tmpl == nil || tmpl.Timeline == nil || tmpl.Timescale == 0 || len(tmpl.Timeline.S) == 0 {
		t.Fatalf("representation %s has no SegmentTimeline", r.ID)
	}
	var units uint64
	for _, s := range tmpl.Timeline.S {
		units += s.D * uint64(s.R+1)
	}
	ts := float64(tmpl.Timescale)
	return float64(units) / ts, float64(tmpl.Timeline.S[len(tmpl.Timeline.S)-1].D) / ts
}
