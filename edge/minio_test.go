package edge

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bluenviron/gohlslib/v2"
	"github.com/bluenviron/gohlslib/v2/pkg/codecs"
	"github.com/minio/minio-go/v7"

	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/origin"
)

// minioOrigin starts MinIO with the test clip as public asset "clip" and
// returns the region config that reaches it through endpoint (MinIO itself,
// or a proxy in front of it).
func minioOrigin(t *testing.T) *testenv.MinIOServer {
	m := testenv.MinIO(t)
	m.Bucket(t, "media")
	testenv.Upload(t, m.Client, "media", "clip", testenv.Media(t))
	manifest := []byte(`{"id":"clip","title":"test clip","policy":{"public":true}}`)
	if _, err := m.Client.PutObject(context.Background(), "media", "clip/asset.json", bytes.NewReader(manifest), int64(len(manifest)), minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	return m
}

func s3Config(m *testenv.MinIOServer, endpoint string) func(*Config) {
	return func(c *Config) {
		c.Origin.Regions = []RegionConfig{{Name: "minio", S3: origin.S3Config{
			Endpoint: endpoint, Bucket: "media", AccessKey: m.AccessKey, SecretKey: m.SecretKey,
		}}}
	}
}

func TestColdObjectIsFetchedOnce(t *testing.T) {
	m := minioOrigin(t)
	endpoint, gets := testenv.CountingProxy(t, m.Endpoint)
	e := newTestEdge(t, t.TempDir(), s3Config(m, endpoint))
	u := e.url + "/t/" + e.playback(t, "clip") + "/v/clip/chunk-stream0-00002.m4s"
	var wg sync.WaitGroup
	var failed atomic.Int64
	start := make(chan struct{})
	for range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			resp, err := http.Get(u)
			if err != nil || resp.StatusCode != 200 {
				failed.Add(1)
			}
			if resp != nil {
				resp.Body.Close()
			}
		}()
	}
	close(start)
	wg.Wait()
	if failed.Load() != 0 {
		t.Fatalf("%d of 200 requests failed", failed.Load())
	}
	if n := gets("/media/clip/chunk-stream0-00002.m4s"); n != 1 {
		t.Fatalf("origin saw %d GETs of the segment for 200 concurrent requests, want 1", n)
	}
	if n := gets("/media/clip/asset.json"); n != 1 {
		t.Fatalf("origin saw %d GETs of asset.json, want 1", n)
	}
}

// TestPlayThroughEdge plays the clip from MinIO through the edge with a real
// HLS client, and reads the DASH manifest with ffprobe.
func TestPlayThroughEdge(t *testing.T) {
	m := minioOrigin(t)
	e := newTestEdge(t, t.TempDir(), s3Config(m, m.Endpoint))
	base := e.url + "/t/" + e.playback(t, "clip") + "/v/clip/"

	var mu sync.Mutex
	var videoAUs, audioAUs int
	quiet := func(string) {} // the defaults log every download
	c := &gohlslib.Client{
		URI:                       base + "master.m3u8",
		OnDownloadPrimaryPlaylist: quiet,
		OnDownloadStreamPlaylist:  quiet,
		OnDownloadSegment:         quiet,
		OnDownloadPart:            quiet,
	}
	c.OnTracks = func(tracks []*gohlslib.Track) error {
		for _, tr := range tracks {
			switch tr.Codec.(type) {
			case *codecs.H264:
				c.OnDataH26x(tr, func(_, _ int64, _ [][]byte) { mu.Lock(); videoAUs++; mu.Unlock() })
			case *codecs.MPEG4Audio:
				c.OnDataMPEG4Audio(tr, func(_ int64, aus [][]byte) { mu.Lock(); audioAUs += len(aus); mu.Unlock() })
			}
		}
		return nil
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait2() }()
	select {
	case err := <-done:
		if err != nil && !strings.Contains(err.Error(), gohlslib.ErrClientEOS.Error()) {
			t.Fatalf("hls client: %v", err)
		}
	case <-time.After(60 * time.Second):
		c.Close()
		t.Fatal("hls client did not reach the end of the stream")
	}
	mu.Lock()
	defer mu.Unlock()
	if videoAUs != 100 || audioAUs < 150 { // 4 s at 25 fps; AAC at 48 kHz is ~47 frames/s
		t.Fatalf("played %d video and %d audio access units, want 100 and ~187", videoAUs, audioAUs)
	}

	out, err := exec.Command(testenv.Bin(t, "ffprobe"), "-v", "error", "-count_frames",
		"-show_entries", "stream=codec_type,width,height,nb_read_frames", "-of", "json", base+"manifest.mpd").Output()
	if err != nil {
		t.Fatalf("ffprobe through the edge: %v", err)
	}
	var probe struct {
		Streams []struct {
			CodecType string `json:"codec_type"`
			Width     int    `json:"width"`
			Height    int    `json:"height"`
			Frames    string `json:"nb_read_frames"`
		} `json:"streams"`
	}
	if err := json.Unmarshal(out, &probe); err != nil {
		t.Fatal(err)
	}
	var video bool
	for _, s := range probe.Streams {
		if s.CodecType == "video" && s.Width == 320 && s.Height == 180 && s.Frames == "100" {
			video = true
		}
	}
	if !video || len(probe.Streams) != 2 {
		t.Fatalf("ffprobe read %s", out)
	}
}
