package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer/token"
	"github.com/streamgate/streamgate/transcoder"
)

// TestTranscodedAssetPlaysThroughEdge: what the transcoder publishes plays
// through the edge with gohlslib's client (HLS), and ffprobe reads its DASH
// manifest through the edge with every rendition at its size.
func TestTranscodedAssetPlaysThroughEdge(t *testing.T) {
	ffmpeg, ffprobe := testenv.Bin(t, "ffmpeg"), testenv.Bin(t, "ffprobe")
	src := filepath.Join(t.TempDir(), "src.mp4")
	if out, err := exec.Command(ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=4",
		"-f", "lavfi", "-i", "sine=frequency=440:duration=4", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", src).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	dir := t.TempDir()
	cfg := transcoder.DefaultConfig()
	cfg.Origin.Regions = []transcoder.RegionConfig{{Name: "local", Dir: dir}}
	cfg.Transcode.FFmpeg, cfg.Transcode.FFprobe, cfg.Transcode.Preset = ffmpeg, ffprobe, "ultrafast"
	cfg.Transcode.SegmentDuration = time.Second
	cfg.Transcode.Ladders["test"] = []transcoder.Rung{{Name: "360p", Height: 360, VideoBitrate: 800_000}, {Name: "180p", Height: 180, VideoBitrate: 300_000}}
	spec := transcoder.Spec{Asset: "clip", Ladder: "test", Policy: json.RawMessage(`{"public":true}`)}
	if err := transcoder.TranscodeFile(context.Background(), cfg, spec, src, nil); err != nil {
		t.Fatal(err)
	}
	url := serveFolder(t, dir)

	if frames := play(t, url+"master.m3u8"); frames != 100 {
		t.Fatalf("gohlslib played %d frames of the top rendition, want 100 (4 s at 25 fps)", frames)
	}
	out, err := exec.Command(ffprobe, "-v", "error", "-show_entries", "stream=codec_type,height:format=duration", "-of", "json", url+"manifest.mpd").Output()
	if err != nil {
		t.Fatalf("ffprobe through the edge: %v", err)
	}
	var probe struct {
		Streams []struct {
			CodecType string `json:"codec_type"`
			Height    int    `json:"height"`
		} `json:"streams"`
		Format struct{ Duration string } `json:"format"`
	}
	if err := json.Unmarshal(out, &probe); err != nil {
		t.Fatal(err)
	}
	heights := map[int]bool{}
	for _, s := range probe.Streams {
		if s.CodecType == "video" {
			heights[s.Height] = true
		}
	}
	if !heights[360] || !heights[180] || len(heights) != 2 || !strings.HasPrefix(probe.Format.Duration, "4.") {
		t.Fatalf("ffprobe read %s", out)
	}
}

// serveFolder runs an edge over an origin folder and returns the base URL
// of asset "clip" with a valid playback token, at the version its
// asset.json names, as the signer would give it.
func serveFolder(t *testing.T, dir string) string {
	key, _ := token.GenerateKey()
	issuer, _ := token.NewIssuer("test", key)
	jwks := issuer.JWKS()
	cfg := edge.DefaultConfig()
	cfg.Origin.Regions = []edge.RegionConfig{{Name: "local", Dir: dir}}
	srv, err := edge.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), edge.Deps{JWKS: &jwks})
	if err != nil {
		t.Fatal(err)
	}
	addr := testenv.Serve(t, srv.Serve)
	tok, _, err := issuer.Playback("0x00000000000000000000000000000000000000aa", "clip", time.Hour, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "clip", asset.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	a, err := asset.Parse("clip", raw)
	if err != nil {
		t.Fatal(err)
	}
	return "http://" + addr + "/t/" + tok + "/v/" + a.Dir()
}
