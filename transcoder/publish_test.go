package transcoder

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bluenviron/gohlslib/v2/pkg/playlist"
	"github.com/minio/minio-go/v7"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/internal/testenv"
)

// TestPublishTwoRegions submits through the API and checks what lands in
// both regions: every object, content types, asset.json last and valid,
// playlists that gohlslib parses, and renditions ffprobe agrees with.
func TestPublishTwoRegions(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	svc := start(t, r.config(t))
	client := NewClient("http://"+svc.Addr(), testToken)
	src := r.upload(t, "launch", srcAV)
	job, err := client.Submit(context.Background(), Spec{Asset: "launch", Title: "Launch", Source: src, Policy: []byte(`{"public": true}`)})
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	if job.State != StateQueued || job.Ladder != "test" {
		t.Fatalf("submitted job = %+v", job)
	}
	job = waitJob(t, svc.Queue(), job.ID, StatePublished, 30*time.Second)
	if job.Progress != 100 || job.Attempts != 1 || job.Error != "" {
		t.Errorf("published job = %+v", job)
	}
	var version string
	for _, m := range []*testenv.MinIOServer{r.a, r.b} {
		a := readAsset(t, m, "launch")
		checkAsset(t, a, job)
		top := listAsset(t, m, "launch")
		checkObjects(t, m.Endpoint, listAsset(t, m, "launch/"+a.Version), top[asset.ManifestName])
		version = a.Version
		// An edge-delivery publish: one version folder, no CDN objects.
		for name := range top {
			if name != asset.ManifestName && name != asset.VersionsName && !strings.HasPrefix(name, a.Version+"/") ||
				strings.HasPrefix(name, a.Version+"/aes/") || strings.HasSuffix(name, "/"+asset.KeysName) {
				t.Errorf("%s: unexpected object launch/%s", m.Endpoint, name)
			}
		}
	}
	dir := download(t, r.b, "launch/"+version)
	checkHLS(t, dir)
	info, err := probe(context.Background(), testenv.Bin(t, "ffprobe"), filepath.Join(media(t), srcAV))
	if err != nil {
		t.Fatal(err)
	}
	for _, manifest := range []string{masterName, mpdName} {
		checkProbe(t, filepath.Join(dir, manifest), info)
	}
}

// listAsset lists the folder asset/ ({asset} or {asset}/{version}) in a
// region's media bucket, by name relative to it.
func listAsset(t *testing.T, m *testenv.MinIOServer, asset string) map[string]minio.ObjectInfo {
	t.Helper()
	out := map[string]minio.ObjectInfo{}
	for o := range m.Client.ListObjects(context.Background(), "media", minio.ListObjectsOptions{Prefix: asset + "/", Recursive: true}) {
		if o.Err != nil {
			t.Fatalf("listing %s: %v", m.Endpoint, o.Err)
		}
		info, err := m.Client.StatObject(context.Background(), "media", o.Key, minio.StatObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		out[strings.TrimPrefix(o.Key, asset+"/")] = info
	}
	return out
}

// checkObjects wants the full set of outputs of a version folder with their
// content types, and asset.json written after every one of them.
func checkObjects(t *testing.T, region string, objects map[string]minio.ObjectInfo, manifest minio.ObjectInfo) {
	t.Helper()
	if manifest.ContentType != "application/json" {
		t.Errorf("%s: asset.json content type %q", region, manifest.ContentType)
	}
	want := map[string]string{
		masterName: "application/vnd.apple.mpegurl",
		mpdName:    "application/dash+xml", posterName: "image/jpeg",
		"media_0.m3u8": "application/vnd.apple.mpegurl", "media_1.m3u8": "application/vnd.apple.mpegurl",
		"media_2.m3u8": "application/vnd.apple.mpegurl", "init-0.m4s": "video/iso.segment",
		"init-2.m4s": "video/iso.segment", "seg-1-00004.m4s": "video/iso.segment",
	}
	for name, ct := range want {
		if got := objects[name].ContentType; got != ct {
			t.Errorf("%s: %s content type %q, want %q", region, name, got, ct)
		}
	}
	for name, o := range objects {
		if o.LastModified.After(manifest.LastModified) {
			t.Errorf("%s: %s (%s) written after asset.json (%s)", region, name, o.LastModified, manifest.LastModified)
		}
	}
	if len(objects) < 2+3+3+1+2*4 { // manifests, playlists, inits, poster, ≥4 segments a stream
		t.Errorf("%s: %d objects: %v", region, len(objects), slices.Sorted(keys(objects)))
	}
}

func keys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func readAsset(t *testing.T, m *testenv.MinIOServer, id string) *asset.Asset {
	t.Helper()
	o, err := m.Client.GetObject(context.Background(), "media", id+"/"+asset.ManifestName, minio.GetObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	data, err := io.ReadAll(o)
	if err != nil {
		t.Fatalf("reading asset.json from %s: %v", m.Endpoint, err)
	}
	a, err := asset.Parse(id, data)
	if err != nil {
		t.Fatalf("asset.json from %s: %v\n%s", m.Endpoint, err, data)
	}
	return a
}

func checkAsset(t *testing.T, a *asset.Asset, job Job) {
	t.Helper()
	if a.Title != job.Title || !a.Policy.Public || !a.CreatedAt.Equal(job.CreatedAt.Truncate(time.Nanosecond)) {
		t.Errorf("asset = %+v, job = %+v", a, job)
	}
	if math.Abs(a.DurationS-srcSeconds) > 0.1 {
		t.Errorf("duration_s = %g, want %g", a.DurationS, srcSeconds)
	}
	want := []struct {
		name string
		w, h int
	}{{"180p", 320, 180}, {"90p", 160, 90}}
	if len(a.Renditions) != len(want) {
		t.Fatalf("renditions = %+v, want 180p and 90p (360p is above the source)", a.Renditions)
	}
	for i, w := range want {
		r := a.Renditions[i]
		if r.Name != w.name || r.Width != w.w || r.Height != w.h || r.Bandwidth <= 0 ||
			!strings.HasPrefix(r.Codecs, "avc1.") || !strings.HasSuffix(r.Codecs, ",mp4a.40.2") {
			t.Errorf("rendition %d = %+v, want %s %dx%d", i, r, w.name, w.w, w.h)
		}
	}
}

// download copies the folder asset/ from a region into a temp folder.
func download(t *testing.T, m *testenv.MinIOServer, asset string) string {
	t.Helper()
	dir := t.TempDir()
	for name := range listAsset(t, m, asset) {
		if err := m.Client.FGetObject(context.Background(), "media", asset+"/"+name, filepath.Join(dir, filepath.FromSlash(name)), minio.GetObjectOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// checkHLS parses the playlists with gohlslib: attributes present, media
// playlists VOD, segments no longer than the segment duration (keyframes
// aligned), total duration that of the source.
func checkHLS(t *testing.T, dir string) {
	t.Helper()
	data, _ := os.ReadFile(filepath.Join(dir, masterName))
	var m playlist.Multivariant
	if err := m.Unmarshal(data); err != nil {
		t.Fatalf("master.m3u8: %v\n%s", err, data)
	}
	if len(m.Variants) != 2 || len(m.Renditions) != 1 || m.Renditions[0].URI == nil {
		t.Fatalf("master.m3u8: %d variants, %d renditions\n%s", len(m.Variants), len(m.Renditions), data)
	}
	for i, v := range m.Variants {
		if v.Bandwidth <= 0 || v.AverageBandwidth == nil || *v.AverageBandwidth > v.Bandwidth || len(v.Codecs) != 2 ||
			v.FrameRate == nil || *v.FrameRate != 25 || v.Audio != audioGroup || v.Resolution != []string{"320x180", "160x90"}[i] {
			t.Errorf("variant %d: %+v\n%s", i, v, data)
		}
		checkMedia(t, dir, v.URI)
	}
	checkMedia(t, dir, *m.Renditions[0].URI)
}

func checkMedia(t *testing.T, dir, name string) {
	t.Helper()
	data, _ := os.ReadFile(filepath.Join(dir, path.Clean(name)))
	var m playlist.Media
	if err := m.Unmarshal(data); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var total time.Duration
	for _, s := range m.Segments {
		total += s.Duration
		if s.Duration > time.Second+50*time.Millisecond || s.DateTime != nil {
			t.Errorf("%s: segment %s lasts %s (want ≤ 1s, keyframe aligned), date %v", name, s.URI, s.Duration, s.DateTime)
		}
	}
	if m.PlaylistType == nil || *m.PlaylistType != playlist.MediaPlaylistTypeVOD || !m.Endlist || m.Map == nil {
		t.Errorf("%s: not a finished VOD fMP4 playlist\n%s", name, data)
	}
	if math.Abs(total.Seconds()-srcSeconds) > 0.1 {
		t.Errorf("%s: %s of segments, want %gs", name, total, srcSeconds)
	}
}

// checkProbe reads a manifest with ffprobe: two H.264 renditions, the top
// one at the source's size, the other half as big, AAC, and the source's
// duration.
func checkProbe(t *testing.T, manifest string, src probeInfo) {
	t.Helper()
	out, err := exec.Command(testenv.Bin(t, "ffprobe"), "-v", "error", "-print_format", "json",
		"-show_format", "-show_streams", manifest).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", manifest, err)
	}
	var p ffprobeOutput
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	sizes := map[string]bool{}
	audio := false
	for _, s := range p.Streams {
		switch s.CodecType {
		case "video":
			sizes[fmt.Sprintf("%s %dx%d", s.CodecName, s.Width, s.Height)] = true
		case "audio":
			audio = audio || s.CodecName == "aac"
		}
	}
	top, half := fmt.Sprintf("h264 %dx%d", src.Width, src.Height), fmt.Sprintf("h264 %dx%d", src.Width/2, src.Height/2)
	if len(sizes) != 2 || !sizes[top] || !sizes[half] || !audio {
		t.Errorf("%s: video %v, aac %v", filepath.Base(manifest), sizes, audio)
	}
	if d := parseSeconds(p.Format.Duration); math.Abs(d-src.Duration) > 0.15 {
		t.Errorf("%s: duration %gs, want the source's %gs", filepath.Base(manifest), d, src.Duration)
	}
}
