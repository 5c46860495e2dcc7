package signer

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/minio/minio-go/v7"

	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/origin"
)

// TestPlaybackThroughOriginOutage (issue 12, item 1): the standalone
// signer's asset.json cache follows the edge's rule: with MinIO cut, /playback
// keeps answering from the last good asset.json past origin.asset_ttl, and
// once MinIO is back a withdrawn asset.json is a 404 at once.
func TestPlaybackThroughOriginOutage(t *testing.T) {
	m := testenv.MinIO(t)
	m.Bucket(t, "media")
	manifest := []byte(`{"id":"pub","title":"t","policy":{"public":true}}`)
	if _, err := m.Client.PutObject(context.Background(), "media", "pub/asset.json", bytes.NewReader(manifest), int64(len(manifest)), minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	p := testenv.NewTCPProxy(t, m.Endpoint)
	ts := newTestSigner(t, func(c *Config, _ *Deps) {
		c.Origin.Regions = []RegionConfig{{Name: "minio", S3: origin.S3Config{
			Endpoint: p.Addr, Bucket: "media", AccessKey: m.AccessKey, SecretKey: m.SecretKey,
		}}}
		c.Origin.Timeout, c.Origin.Retries = 300*time.Millisecond, 0
		c.Origin.Eject.Backoff, c.Origin.Eject.MaxBackoff = 300*time.Millisecond, 600*time.Millisecond
		c.Origin.AssetTTL = 100 * time.Millisecond
	})
	session := ts.session(t, common.HexToAddress("0x00000000000000000000000000000000000000b0"), 0)
	if resp, body := ts.play(t, "pub", session); resp.StatusCode != 200 {
		t.Fatalf("healthy origin: %d %s", resp.StatusCode, body)
	}

	p.SetMode(testenv.TCPCut)
	ok := 0
	for end := time.Now().Add(10 * ts.srv.cfg.Origin.AssetTTL); time.Now().Before(end); ok++ {
		if resp, body := ts.play(t, "pub", session); resp.StatusCode != 200 {
			t.Fatalf("playback %d during the outage: %d %s", ok, resp.StatusCode, body)
		}
	}
	t.Logf("outage of %s: %d playback tokens issued, none refused", 10*ts.srv.cfg.Origin.AssetTTL, ok)
	if _, body := ts.do(t, "GET", "/metrics", ""); !strings.Contains(string(body), "\nstreamgate_asset_stale 1\n") {
		t.Fatalf("signer metrics lack streamgate_asset_stale 1:\n%s", body)
	}

	p.SetMode(testenv.TCPPass)
	if err := m.Client.RemoveObject(context.Background(), "media", "pub/asset.json", minio.RemoveObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	testenv.WaitFor(t, 10*time.Second, func() error {
		if resp, body := ts.play(t, "pub", session); resp.StatusCode != 404 {
			return fmt.Errorf("withdrawn asset: %d %s, want 404", resp.StatusCode, body)
		}
		return nil
	})
}
