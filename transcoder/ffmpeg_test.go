package transcoder

import (
	"context"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/testenv"
)

func TestReadProgress(t *testing.T) {
	out := "frame=1\nout_time_us=N/A\nprogress=continue\nout_time_us=2500000\nout_time_us=2600000\n" +
		"out_time_us=5000000\nout_time_us=9999999\nout_time_us=12000000\nprogress=end\n"
	var got []int
	readProgress(strings.NewReader(out), 10, func(p int) { got = append(got, p) })
	if want := []int{25, 26, 50, 99}; !slices.Equal(got, want) {
		t.Fatalf("progress %v, want %v (never 100 before the publish)", got, want)
	}
}

var ffmpegErrorCases = []struct {
	stderr string
	bad    bool
	want   string
}{
	{"[mov,mp4] moov atom not found\nsrc: Invalid data found when processing input\n", true, "Invalid data found"},
	{"Error opening output files: No space left on device\nConversion failed!\n", false, "No space left on device"},
	{"", false, "ffmpeg: exit status 1"},
}

func TestFFmpegError(t *testing.T) {
	exit := exec.Command("false").Run()
	for _, tc := range ffmpegErrorCases {
		err := ffmpegError(exit, ffmpegReason(tc.stderr))
		if errors.Is(err, ErrBadSource) != tc.bad || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want bad source %v and %q", tc.stderr, err, tc.bad, tc.want)
		}
	}
}

// TestEncodeArgs checks what keeps renditions switchable: keyframes forced
// at every segment boundary, no scene-cut keyframes, one bitrate each.
func TestEncodeArgs(t *testing.T) {
	e := encode{Source: "in.mp4", Info: probeInfo{Width: 1280, Height: 720, FrameRate: 30, Duration: 60, AudioIndex: -1},
		Renditions: plan(DefaultLadder(), probeInfo{Width: 1280, Height: 720}), Segment: 4 * time.Second, Preset: "veryfast", AudioBitrate: 128000}
	args := strings.Join(e.args(), " ")
	for _, want := range []string{
		"-force_key_frames expr:gte(t,n_forced*4) -sc_threshold 0 -g 120",
		"-b:v:0 2800000 -maxrate:v:0 3080000", "-b:v:2 800000",
		"[sp]select='gte(t,6.000)*eq(selected_n,0)',scale=1280:720",
		"-seg_duration 4", "-hls_playlist 1", "-adaptation_sets id=0,streams=v -init_seg_name",
	} {
		if !strings.Contains(args, want) {
			t.Errorf("args lack %q:\n%s", want, args)
		}
	}
	if strings.Contains(args, "-c:a") {
		t.Errorf("audio settings without audio:\n%s", args)
	}
}

// TestEncodeVideoOnly runs the real encode on a source without audio: the
// playlists carry video codecs only and no audio group. The 100p rung is
// 134x100, not quite 4:3, which the dash muxer accepts only because every
// rendition is given the source's aspect ratio.
func TestEncodeVideoOnly(t *testing.T) {
	dir := t.TempDir()
	ffmpeg := testenv.Bin(t, "ffmpeg")
	src := filepath.Join(dir, "silent.mp4")
	mk := exec.Command(ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=2",
		"-c:v", "libx264", "-preset", "ultrafast", src)
	if out, err := mk.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	info, err := probe(context.Background(), testenv.Bin(t, "ffprobe"), src)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	e := encode{Source: src, Info: info, Segment: time.Second, Preset: "ultrafast",
		Renditions: plan([]Rung{{Name: "240p", Height: 240, VideoBitrate: 300_000}, {Name: "100p", Height: 100, VideoBitrate: 100_000}}, info)}
	if err := runFFmpeg(context.Background(), ffmpeg, out, e.args(), info.Duration, func(int) {}); err != nil {
		t.Fatal(err)
	}
	pk, err := finishHLS(out, e)
	if err != nil {
		t.Fatal(err)
	}
	master, _ := os.ReadFile(filepath.Join(out, masterName))
	if len(pk.Renditions) != 2 || strings.Contains(pk.Renditions[1].Codecs, ",") || pk.Renditions[1].Width != 134 ||
		strings.Contains(string(master), "AUDIO") || math.Abs(pk.Duration-2) > 0.05 {
		t.Fatalf("video only: %+v\n%s", pk, master)
	}
	if _, err := os.Stat(filepath.Join(out, posterName)); err != nil {
		t.Fatalf("poster: %v", err)
	}
}
