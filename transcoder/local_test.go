package transcoder

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/origin"
)

// TestTranscodeFile publishes a lavfi clip into a local-folder origin
// without a queue, as `streamgate demo` does.
func TestTranscodeFile(t *testing.T) {
	ffmpeg := testenv.Bin(t, "ffmpeg")
	src := filepath.Join(t.TempDir(), "src.mp4")
	out, err := exec.Command(ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=3",
		"-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", src).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	dir := t.TempDir()
	cfg := DefaultConfig()
	cfg.Origin.Regions = []RegionConfig{{Name: "local", Dir: dir}}
	cfg.Transcode.FFmpeg, cfg.Transcode.FFprobe = ffmpeg, testenv.Bin(t, "ffprobe")
	cfg.Transcode.Preset = "ultrafast"
	cfg.Transcode.Ladders["tiny"] = []Rung{{Name: "180p", Height: 180, VideoBitrate: 300_000}}
	spec := Spec{Asset: "clip", Title: "Clip", Ladder: "tiny", Policy: []byte(`{"public":true}`)}
	if err := TranscodeFile(context.Background(), cfg, spec, src, nil); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "clip", "asset.json"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := origin.ParseAsset("clip", raw)
	if err != nil || len(a.Renditions) != 1 || a.Renditions[0].Height != 180 || a.DurationS < 2.5 {
		t.Fatalf("asset.json %s: %v", raw, err)
	}
	for _, name := range []string{"master.m3u8", "manifest.mpd", "poster.jpg"} {
		if _, err := os.Stat(filepath.Join(dir, "clip", name)); err != nil {
			t.Fatal(err)
		}
	}
	bad := spec
	bad.Policy = []byte(`{}`)
	if err := TranscodeFile(context.Background(), cfg, bad, src, nil); err == nil {
		t.Fatal("published an asset without a usable policy")
	}
}
