package origin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
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
	// AccessKey and SecretKey, when empty, come from the standard AWS
	// environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
	// AWS_SESSION_TOKEN) or the instance's IAM role.
	AccessKey string `yaml:"access_key"`
	SecretKey string `yaml:"secret_key"`
}

// S3 is a Store over an S3-compatible bucket via minio-go.
type S3 struct {
	client *minio.Client
	bucket string
	prefix string
}

var _ Store = (*S3)(nil)

// NewS3 builds the client. It does not dial: readiness is Stat's job.
func NewS3(cfg S3Config) (*S3, error) {
	if cfg.Endpoint == "" || cfg.Bucket == "" {
		return nil, errors.New("s3: endpoint and bucket are required")
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
		Transport:  transport(),
	})
	if err != nil {
		return nil, fmt.Errorf("s3 client for %s: %w", cfg.Endpoint, err)
	}
	prefix := strings.Trim(cfg.Prefix, "/")
	if prefix != "" {
		prefix += "/"
	}
	return &S3{client: client, bucket: cfg.Bucket, prefix: prefix}, nil
}

// transport keeps enough idle connections for an edge's miss traffic.
func transport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 256
	t.IdleConnTimeout = 90 * time.Second
	return t
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
		return nil, Info{}, s3Error(key, err)
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
		return Info{}, s3Error(key, err)
	}
	return s3Info(st), nil
}

func s3Info(st minio.ObjectInfo) Info {
	return Info{Size: st.Size, ETag: st.ETag, ModTime: st.LastModified}
}

func s3Error(key string, err error) error {
	var er minio.ErrorResponse
	if errors.As(err, &er) && (er.Code == minio.NoSuchKey || er.StatusCode == http.StatusNotFound && er.Code != minio.NoSuchBucket) {
		return fmt.Errorf("%s: %w", key, ErrNotFound)
	}
	return fmt.Errorf("%s: %w: %w", key, ErrUnavailable, err)
}
