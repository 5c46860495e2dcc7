package origin

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/streamgate/streamgate/internal/testenv"
)

// A missing bucket is the operator's to create: every call on it (read,
// stat, write, list) is ErrUnavailable, never ErrNotFound, and names the
// bucket and endpoint. EnsureBucket creates it once, and reads then work.
func TestS3MissingBucket(t *testing.T) {
	m := testenv.MinIO(t)
	s, err := NewS3(S3Config{Endpoint: m.Endpoint, Bucket: "media", AccessKey: m.AccessKey, SecretKey: m.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, _, getErr := s.Get(ctx, "a/asset.json", Range{})
	_, statErr := s.Stat(ctx, "a/asset.json")
	putErr := s.Put(ctx, "a/x", strings.NewReader("x"), 1, PutOptions{})
	_, listErr := s.Assets(ctx)
	want := `bucket "media" does not exist at ` + m.Endpoint
	for name, err := range map[string]error{"get": getErr, "stat": statErr, "put": putErr, "list": listErr} {
		if !errors.Is(err, ErrUnavailable) || errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want ErrUnavailable naming %q", name, err, want)
		}
	}
	for i, wantCreated := range []bool{true, false} {
		created, err := s.EnsureBucket(ctx)
		if err != nil || created != wantCreated {
			t.Fatalf("EnsureBucket #%d: created %v, err %v", i+1, created, err)
		}
	}
	if _, err := s.Stat(ctx, "a/asset.json"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing key in the created bucket: %v, want ErrNotFound", err)
	}
}

// An https MinIO with a private CA is reached with ca_file, and refused
// without it (the system roots do not know the CA).
func TestS3CAFile(t *testing.T) {
	m, pki := testenv.MinIOTLS(t)
	m.Bucket(t, "media")
	cfg := S3Config{Endpoint: m.Endpoint, Bucket: "media", TLS: true, AccessKey: m.AccessKey, SecretKey: m.SecretKey}
	ctx := context.Background()
	untrusted, err := NewS3(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := untrusted.Stat(ctx, "k"); !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("without ca_file: %v, want a certificate error", err)
	}
	cfg.CAFile = pki.CAFile
	s, err := NewS3(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, "k", strings.NewReader("v"), 1, PutOptions{}); err != nil {
		t.Fatalf("put with ca_file: %v", err)
	}
	if _, err := s.Stat(ctx, "k"); err != nil {
		t.Fatalf("stat with ca_file: %v", err)
	}
}

// ca_file is checked when the config is: it needs tls, and a file that is
// missing or holds no certificate is an error naming the key.
func TestS3CAFileErrors(t *testing.T) {
	base := S3Config{Endpoint: "127.0.0.1:1", Bucket: "b"}
	for _, c := range []struct {
		cfg  func(S3Config) S3Config
		want string
	}{
		{func(c S3Config) S3Config { c.CAFile = "/x.pem"; return c }, "ca_file: set tls: true"},
		{func(c S3Config) S3Config { c.TLS, c.CAFile = true, "/nonexistent/ca.pem"; return c }, "ca_file: open /nonexistent/ca.pem"},
		{func(c S3Config) S3Config { c.TLS, c.CAFile = true, "s3bucket_test.go"; return c }, "ca_file: no PEM certificate in s3bucket_test.go"},
		{func(c S3Config) S3Config { c.Bucket = ""; return c }, "bucket: want a bucket name"},
	} {
		if _, err := NewS3(c.cfg(base)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("err = %v, want %q", err, c.want)
		}
	}
	err := CheckRegions([]RegionConfig{{Name: "eu", S3: S3Config{Endpoint: "h", Bucket: "b", CAFile: "/ca.pem"}}})
	if err == nil || err.Error() != "origin.regions[0].s3.ca_file: set tls: true to use it" {
		t.Errorf("CheckRegions: %v", err)
	}
}
