package testenv

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"
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
	Endpoint  string // "127.0.0.1:PORT", plain HTTP (https from MinIOTLS)
	AccessKey string
	SecretKey string
	Client    *minio.Client // signed with AccessKey/SecretKey
	proc      *proc
	http      *http.Client // for the health check
	scheme    string
}

// MinIO starts a MinIO server on a free loopback port and returns it once
// its health endpoint answers. t.Cleanup stops it and removes its data.
func MinIO(t testing.TB) *MinIOServer {
	t.Helper()
	return startMinIO(t, nil)
}

// MinIOTLS is MinIO serving https only, with a certificate from a private
// CA (pki.CAFile), as a company's MinIO often is: a client trusts it only
// with that CA. Client is set up to trust it.
func MinIOTLS(t testing.TB) (*MinIOServer, TestPKI) {
	t.Helper()
	pki := NewTestPKI(t)
	return startMinIO(t, &pki), pki
}

func startMinIO(t testing.TB, pki *TestPKI) *MinIOServer {
	t.Helper()
	bin := Bin(t, "minio")
	dir := t.TempDir()
	port, console := FreePort(t), FreePort(t)
	// Random keys (MinIO wants 3-20 and 8-40 chars) so no test can lean on
	// another server's credentials.
	s := &MinIOServer{Endpoint: "127.0.0.1:" + port, AccessKey: rand.Text()[:20], SecretKey: rand.Text()}
	opts := &minio.Options{Creds: credentials.NewStaticV4(s.AccessKey, s.SecretKey, "")}
	s.http, s.scheme = http.DefaultClient, "http"
	if pki != nil {
		// MinIO serves TLS when its certs folder holds public.crt and private.key.
		certs := filepath.Join(dir, "certs")
		if err := os.MkdirAll(certs, 0o700); err != nil {
			t.Fatal(err)
		}
		for src, dst := range map[string]string{pki.CertFile: "public.crt", pki.KeyFile: "private.key"} {
			if err := os.Link(src, filepath.Join(certs, dst)); err != nil {
				t.Fatal(err)
			}
		}
		pool := x509.NewCertPool()
		ca, err := os.ReadFile(pki.CAFile)
		if err != nil || !pool.AppendCertsFromPEM(ca) {
			t.Fatalf("test CA %s: %v", pki.CAFile, err)
		}
		tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}
		opts.Secure, opts.Transport = true, tr
		s.http, s.scheme = &http.Client{Transport: tr}, "https"
	}
	s.proc = start(t, bin, []string{
		"MINIO_ROOT_USER=" + s.AccessKey,
		"MINIO_ROOT_PASSWORD=" + s.SecretKey,
		"MINIO_BROWSER=off", // tests never use the web console
	}, "server", "--address", s.Endpoint, "--console-address", "127.0.0.1:"+console,
		"--certs-dir", filepath.Join(dir, "certs"), // not ~/.minio: tests must not touch $HOME
		filepath.Join(dir, "data"))
	c, err := minio.New(s.Endpoint, opts)
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
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.scheme+"://"+s.Endpoint+"/minio/health/cluster", nil)
	if err != nil {
		return err
	}
	resp, err := s.http.Do(req)
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
