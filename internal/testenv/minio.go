package testenv

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// MinIOServer is a single-drive MinIO server private to one test. Each call
// to MinIO starts an independent server with its own data dir and keys, so a
// test can run two origins side by side.
type MinIOServer struct {
	Endpoint  string // "127.0.0.1:PORT", plain HTTP
	AccessKey string
	SecretKey string
	Client    *minio.Client // signed with AccessKey/SecretKey
	proc      *proc
}

// MinIO starts a MinIO server on a free loopback port and returns it once
// its health endpoint answers. t.Cleanup stops it and removes its data.
func MinIO(t testing.TB) *MinIOServer {
	t.Helper()
	bin := Bin(t, "minio")
	dir := t.TempDir()
	port, console := FreePort(t), FreePort(t)
	// Random keys (MinIO wants 3-20 and 8-40 chars) so no test can lean on
	// another server's credentials.
	s := &MinIOServer{Endpoint: "127.0.0.1:" + port, AccessKey: rand.Text()[:20], SecretKey: rand.Text()}
	s.proc = start(t, bin, []string{
		"MINIO_ROOT_USER=" + s.AccessKey,
		"MINIO_ROOT_PASSWORD=" + s.SecretKey,
		"MINIO_BROWSER=off", // tests never use the web console
	}, "server", "--address", s.Endpoint, "--console-address", "127.0.0.1:"+console,
		"--certs-dir", filepath.Join(dir, "certs"), // not ~/.minio: tests must not touch $HOME
		filepath.Join(dir, "data"))
	c, err := minio.New(s.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(s.AccessKey, s.SecretKey, "")})
	if err != nil {
		t.Fatalf("minio client for %s: %v", s.Endpoint, err)
	}
	s.Client = c
	waitFor(t, s.proc, 30*time.Second, s.ready)
	return s
}

// ready asks /minio/health/cluster rather than /live or /ready: those two
// answer 200 as soon as HTTP is up, before the object layer, bucket metadata
// and IAM are initialized, while cluster waits for all three.
func (s *MinIOServer) ready() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+s.Endpoint+"/minio/health/cluster", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health: %s", resp.Status)
	}
	return nil
}

// Bucket creates bucket name and returns it, for use inline.
func (s *MinIOServer) Bucket(t testing.TB, name string) string {
	t.Helper()
	if err := s.Client.MakeBucket(context.Background(), name, minio.MakeBucketOptions{}); err != nil {
		t.Fatalf("creating bucket %s on %s: %v", name, s.Endpoint, err)
	}
	return name
}

// Stop kills the server before the test ends, to exercise an origin going
// down. It is idempotent; t.Cleanup calls it anyway. There is no Restart:
// start a new server with MinIO instead.
func (s *MinIOServer) Stop() { s.proc.stop() }
