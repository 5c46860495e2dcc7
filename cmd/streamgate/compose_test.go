package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/minio/minio-go/v7"

	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/origin"
)

// TestHostedSignerSharesParts: an edge hosting the signer builds one origin
// and one asset cache for both, so the asset.json the signer read for
// /playback also serves the edge's gate. Reads are counted at a proxy in
// front of MinIO, not by either service.
func TestHostedSignerSharesParts(t *testing.T) {
	var gets func(path string) int64
	e := startE2EOn(t, func(t *testing.T, manifest string) []edge.RegionConfig {
		m := testenv.MinIO(t)
		m.Bucket(t, "media")
		testenv.Upload(t, m.Client, "media", "clip", testenv.Media(t))
		body := []byte(manifest)
		if _, err := m.Client.PutObject(context.Background(), "media", "clip/asset.json", bytes.NewReader(body), int64(len(body)), minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
		endpoint, g := testenv.CountingProxy(t, m.Endpoint)
		gets = g
		return []edge.RegionConfig{{Name: "minio", S3: origin.S3Config{Endpoint: endpoint, Bucket: "media", AccessKey: m.AccessKey, SecretKey: m.SecretKey}}}
	})

	var pb struct{ Token, HLS string }
	e.call(t, "POST", "/playback/clip", e.signIn(t, e.chain.Accounts[1]), nil, 200, &pb)
	if n := gets("/media/clip/asset.json"); n != 1 {
		t.Fatalf("the signer's /playback read asset.json %d times, want 1", n)
	}
	for _, obj := range []string{"master.m3u8", "init-stream0.m4s"} {
		resp, err := http.Get(e.url + "/t/" + pb.Token + "/v/clip/" + obj)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || len(body) == 0 {
			t.Fatalf("%s: %d %q", obj, resp.StatusCode, body)
		}
		if n := gets("/media/clip/" + obj); n != 1 { // the proxy sees the edge's reads
			t.Fatalf("%s: %d origin reads, want 1", obj, n)
		}
	}
	if n := gets("/media/clip/asset.json"); n != 1 {
		t.Fatalf("asset.json was read %d times for the signer and the edge, want 1: one cache for both", n)
	}
}
