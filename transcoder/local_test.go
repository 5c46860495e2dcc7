package transcoder

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/internal/testenv"
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
	a, err := asset.Parse("clip", raw)
	if err != nil || len(a.Renditions) != 1 || a.Renditions[0].Height != 180 || a.DurationS < 2.5 {
		t.Fatalf("asset.json %s: %v", raw, err)
	}
	for _, name := range []string{"master.m3u8", "manifest.mpd", "poster.jpg"} {
		if _, err := os.Stat(filepath.Join(dir, "clip", a.Version, name)); err != nil {
			t.Fatal(err)
		}
	}
	bad := spec
	bad.Policy = []byte(`{}`)
	if err := TranscodeFile(context.Background(), cfg, bad, src, nil); err == nil {
		t.Fatal("published an asset without a usable policy")
	}
}

// TestTranscodeFileRelativePaths: every path may be relative to the working
// directory (source, origin folder, work_dir, an ffmpeg given by path), as
// `streamgate demo --dir REL` and a config file give them, although ffmpeg
// runs in the work folder. Names with spaces catch quoting on the way.
func TestTranscodeFileRelativePaths(t *testing.T) {
	ffmpeg, ffprobe := testenv.Bin(t, "ffmpeg"), testenv.Bin(t, "ffprobe")
	t.Chdir(t.TempDir())
	for _, d := range []string{"in put", "tools", "work dir"} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range map[string]string{"tools/ffmpeg": ffmpeg, "tools/ffprobe": ffprobe} {
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}
	src := filepath.Join("in put", "src.mp4")
	out, err := exec.Command(ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=2",
		"-c:v", "libx264", "-preset", "ultrafast", src).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	cfg := DefaultConfig()
	cfg.Origin.Regions = []RegionConfig{{Name: "local", Dir: "origin dir"}}
	cfg.Transcode.WorkDir = "work dir"
	cfg.Transcode.FFmpeg, cfg.Transcode.FFprobe = "tools/ffmpeg", "./tools/ffprobe"
	cfg.Transcode.Preset = "ultrafast"
	cfg.Transcode.Ladders["tiny"] = []Rung{{Name: "180p", Height: 180, VideoBitrate: 300_000}}
	spec := Spec{Asset: "clip", Title: "Clip", Ladder: "tiny", Policy: []byte(`{"public":true}`)}
	if err := TranscodeFile(context.Background(), cfg, spec, src, nil); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"master.m3u8", "manifest.mpd"} {
		if _, err := os.Stat(filepath.Join(versionDir(t, "origin dir", "clip"), name)); err != nil {
			t.Fatal(err)
		}
	}
	if left, _ := os.ReadDir("work dir"); len(left) != 0 {
		t.Fatalf("work dir keeps %d entries", len(left))
	}
}

// TestNewMakesPathsAbsolute: a service's config built in code (not through
// conf.Load) gets the same rule, so its workers hand ffmpeg absolute paths.
func TestNewMakesPathsAbsolute(t *testing.T) {
	testenv.Bin(t, "ffmpeg")
	wd := t.TempDir()
	t.Chdir(wd)
	cfg := DefaultConfig()
	cfg.Admin.Listen = ""
	cfg.Origin.Regions = []RegionConfig{{Name: "local", Dir: "origin"}}
	cfg.Transcode.WorkDir = "work"
	svc, err := New(cfg, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer svc.close()
	got := svc.cfg
	if got.Origin.Regions[0].Dir != filepath.Join(wd, "origin") || got.Transcode.WorkDir != filepath.Join(wd, "work") ||
		got.Transcode.FFmpeg != "ffmpeg" {
		t.Fatalf("paths after New: origin %q work %q ffmpeg %q", got.Origin.Regions[0].Dir, got.Transcode.WorkDir, got.Transcode.FFmpeg)
	}
}

// versionDir reads {originDir}/{id}/asset.json and returns the folder of
// the version it names.
func versionDir(t *testing.T, originDir, id string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(originDir, id, asset.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	a, err := asset.Parse(id, raw)
	if err != nil || !asset.ValidVersion(a.Version) {
		t.Fatalf("asset.json %s: %v, want a version", raw, err)
	}
	return filepath.Join(originDir, id, a.Version)
}
