package origin

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/streamgate/streamgate/internal/conf"
)

// S3Config names one S3-compatible bucket (AWS S3, MinIO, …).
type S3Config struct {
	// Endpoint is host[:port], without scheme, e.g. "s3.eu-west-1.amazonaws.com".
	Endpoint string `yaml:"endpoint"`
	// Bucket holds the assets, one folder each.
	Bucket string `yaml:"bucket"`
	// Prefix is prepended to every key ("" or "path/"): several deployments may
	// share a bucket.
	Prefix string `yaml:"prefix"`
	// Region is the bucket's region ("" lets the client discover it).
	Region string `yaml:"region"`
	// TLS selects https.
	TLS bool `yaml:"tls"`
	// CAFile is a PEM file of the CA certificates this endpoint's TLS
	// certificate is verified against, instead of the system roots (a MinIO
	// or S3 gateway with a private CA); it needs tls: true. "" uses the
	// system roots (and SSL_CERT_FILE, Go's variable, if set).
	CAFile string `yaml:"ca_file" conf:"path,read"`
	// AccessKey and SecretKey, when empty, come from the standard AWS
	// environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
	// AWS_SESSION_TOKEN) or the instance's IAM role.
	AccessKey string `yaml:"access_key"`
	SecretKey string `yaml:"secret_key"`
}

// S3 is a Store over an S3-compatible bucket via minio-go.
type S3 struct {
	client   *minio.Client
	bucket   string
	prefix   string
	endpoint string
	region   string
}

var _ Store = (*S3)(nil)

// NewS3 builds the client. It does not dial: readiness is Stat's job. An
// unreadable ca_file, or one without a certificate, is an error naming it.
func NewS3(cfg S3Config) (*S3, error) {
	if err := cfg.Check(); err != nil {
		return nil, fmt.Errorf("s3: %w", err)
	}
	tr, err := transport(cfg.CAFile)
	if err != nil {
		return nil, fmt.Errorf("s3: ca_file: %w", err)
	}
	creds := credentials.NewChainCredentials([]credentials.Provider{
		&credentials.EnvAWS{},
		&credentials.IAM{Client: &http.Client{Transport: http.DefaultTransport}},
	})
	if cfg.AccessKey != "" {
		creds = credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, "")
	}
	client, err := minio.New(cfg.Endpoint, &minio.Options{
		Creds:      creds,
		Secure:     cfg.TLS,
		Region:     cfg.Region,
		MaxRetries: 1, // Regions retries with its own backoff and fall-through
		Transport:  tr,
	})
	if err != nil {
		return nil, fmt.Errorf("s3 client for %s: %w", cfg.Endpoint, err)
	}
	prefix := strings.Trim(cfg.Prefix, "/")
	if prefix != "" {
		prefix += "/"
	}
	return &S3{client: client, bucket: cfg.Bucket, prefix: prefix, endpoint: cfg.Endpoint, region: cfg.Region}, nil
}

// Check reports a missing endpoint or bucket, or a ca_file without tls, by
// its key under the block.
func (c S3Config) Check() error {
	switch {
	case c.Endpoint == "":
		return errors.New("endpoint: want host[:port]")
	case c.Bucket == "":
		return errors.New("bucket: want a bucket name")
	case c.CAFile != "" && !c.TLS:
		return errors.New("ca_file: set tls: true to use it")
	}
	return nil
}

// transport keeps enough idle connections for an edge's miss traffic and
// trusts caFile's certificates beside the system roots.
func transport(caFile string) (*http.Transport, error) {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 256
	t.IdleConnTimeout = 90 * time.Second
	if caFile != "" {
		pool, err := conf.CertPool(caFile)
		if err != nil {
			return nil, err
		}
		t.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return t, nil
}

// Bucket is the bucket's name.
func (s *S3) Bucket() string { return s.bucket }

// EnsureBucket creates the bucket when it does not exist, in the
// configured region, and reports whether it did. Only a writer that owns
// the bucket's lifecycle calls it (the transcoder with create_buckets).
func (s *S3) EnsureBucket(ctx context.Context) (created bool, err error) {
	ok, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return false, fmt.Errorf("bucket %q at %s: %w", s.bucket, s.endpoint, err)
	}
	if ok {
		return false, nil
	}
	err = s.client.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{Region: s.region})
	var er minio.ErrorResponse
	if errors.As(err, &er) && (er.Code == "BucketAlreadyOwnedByYou" || er.Code == "BucketAlreadyExists") {
		return false, nil // another worker made it meanwhile
	}
	if err != nil {
		return false, fmt.Errorf("create bucket %q at %s: %w", s.bucket, s.endpoint, err)
	}
	return true, nil
}

// Get opens key; the request is sent before Get returns, so a missing key or
// an unreachable server is reported here rather than on the first Read.
func (s *S3) Get(ctx context.Context, key string, r Range) (io.ReadCloser, Info, error) {
	if err := r.check(key); err != nil {
		return nil, Info{}, err
	}
	opts := minio.GetObjectOptions{}
	if r.Offset > 0 || r.Length > 0 {
		end := int64(0)
		if r.Length > 0 {
			end = r.Offset + r.Length - 1
		}
		if err := opts.SetRange(r.Offset, end); err != nil {
			return nil, Info{}, fmt.Errorf("range for %s: %w", key, err)
		}
	}
	// Core's GetObject sends the request now and returns the headers, which
	// carry the whole size of a ranged read in Content-Range.
	body, st, h, err := minio.Core{Client: s.client}.GetObject(ctx, s.bucket, s.prefix+key, opts)
	if err != nil {
		return nil, Info{}, s.error(key, err)
	}
	info := s3Info(st)
	if cr := h.Get("Content-Range"); cr != "" {
		if i := strings.LastIndexByte(cr, '/'); i >= 0 {
			if n, err := strconv.ParseInt(cr[i+1:], 10, 64); err == nil {
				info.Size = n
			}
		}
	}
	return body, info, nil
}

// Stat describes key with a HEAD request.
func (s *S3) Stat(ctx context.Context, key string) (Info, error) {
	st, err := s.client.StatObject(ctx, s.bucket, s.prefix+key, minio.StatObjectOptions{})
	if err != nil {
		return Info{}, s.error(key, err)
	}
	return s3Info(st), nil
}

func s3Info(st minio.ObjectInfo) Info {
	return Info{Size: st.Size, ETag: st.ETag, ModTime: st.LastModified}
}

// error maps a client error for key: a missing object is ErrNotFound; a
// missing bucket is a misconfiguration (ErrUnavailable, never a 404 for
// every asset) whose message names the bucket and endpoint, since that is
// what an operator must create; anything else is ErrUnavailable.
func (s *S3) error(key string, err error) error {
	var er minio.ErrorResponse
	if errors.As(err, &er) && er.Code == minio.NoSuchBucket {
		return fmt.Errorf("%s: %w: bucket %q does not exist at %s (create it, e.g. mc mb, or set the transcoder's create_buckets: true): %w",
			key, ErrUnavailable, s.bucket, s.endpoint, err)
	}
	if errors.As(err, &er) && (er.Code == minio.NoSuchKey || er.StatusCode == http.StatusNotFound) {
		return fmt.Errorf("%s: %w", key, ErrNotFound)
	}
	return fmt.Errorf("%s: %w: bucket %q at %s: %w", key, ErrUnavailable, s.bucket, s.endpoint, err)
}
