package transcoder

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/origin"
)

// sources opens buckets on the sources endpoint, one client per bucket.
type sources struct {
	cfg     origin.S3Config
	mu      sync.Mutex
	buckets map[string]*origin.S3
}

func newSources(cfg origin.S3Config) *sources {
	return &sources{cfg: cfg, buckets: map[string]*origin.S3{}}
}

// bucket returns the store for bucket, keys taken whole (no prefix: a
// source URL names the full key).
func (s *sources) bucket(name string) (*origin.S3, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b := s.buckets[name]; b != nil {
		return b, nil
	}
	cfg := s.cfg
	cfg.Bucket, cfg.Prefix = name, ""
	b, err := origin.NewS3(cfg)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	s.buckets[name] = b
	return b, nil
}

// stat describes the source at url.
func (s *sources) stat(ctx context.Context, url string) (origin.Info, error) {
	bucket, key, err := ParseSourceURL(url)
	if err != nil {
		return origin.Info{}, err
	}
	b, err := s.bucket(bucket)
	if err != nil {
		return origin.Info{}, err
	}
	return b.Stat(ctx, key)
}

// download copies the source at url to the file dst. A missing or empty
// source is ErrBadSource; anything else (network, disk full) is worth a
// retry.
func (s *sources) download(ctx context.Context, url, dst string) error {
	bucket, key, err := ParseSourceURL(url)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadSource, err)
	}
	b, err := s.bucket(bucket)
	if err != nil {
		return err
	}
	body, info, err := b.Get(ctx, key, origin.Range{})
	if errors.Is(err, origin.ErrNotFound) {
		return fmt.Errorf("%w: %s does not exist", ErrBadSource, url)
	}
	if err != nil {
		return fmt.Errorf("downloading source: %w", err)
	}
	defer body.Close()
	if info.Size == 0 {
		return fmt.Errorf("%w: %s is empty (0 bytes)", ErrBadSource, url)
	}
	f, err := os.Create(dst)
	if err != nil {
		return fmt.Errorf("downloading source: %w", err)
	}
	n, err := io.Copy(f, body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n != info.Size {
		err = fmt.Errorf("got %d of %d bytes", n, info.Size)
	}
	if err != nil {
		return fmt.Errorf("downloading source: %w", err)
	}
	return nil
}

// Upload puts the local file at path into the sources bucket as
// {prefix}{asset}/{file name} and returns its s3:// URL for Spec.Source.
// progress, if set, is told the bytes sent so far and the total. A failed
// upload is retried twice.
func Upload(ctx context.Context, cfg origin.S3Config, id, path string, progress func(sent, total int64)) (string, error) {
	if !asset.ValidID(id) {
		return "", fmt.Errorf("%w: asset: want %s, got %q", ErrBadSpec, asset.IDGrammar, id)
	}
	store, err := origin.NewS3(cfg)
	if err != nil {
		return "", fmt.Errorf("sources: %w", err)
	}
	key := id + "/" + safeName(filepath.Base(path))
	for attempt := 1; ; attempt++ {
		err = uploadOnce(ctx, store, key, path, progress)
		if err == nil || attempt == 3 || errors.Is(err, ErrBadSpec) || errors.Is(err, os.ErrNotExist) {
			break
		}
		sleep(ctx, time.Duration(attempt)*time.Second)
		if ctx.Err() != nil {
			break
		}
	}
	if err != nil {
		return "", fmt.Errorf("uploading %s: %w", path, err)
	}
	prefix := strings.Trim(cfg.Prefix, "/")
	if prefix != "" {
		prefix += "/"
	}
	return SourceURL(cfg.Bucket, prefix+key), nil
}

func uploadOnce(ctx context.Context, store *origin.S3, key, path string, progress func(sent, total int64)) error {
	f, size, err := openFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if size == 0 {
		return fmt.Errorf("%w: %s is empty", ErrBadSpec, path)
	}
	opts := origin.PutOptions{ContentType: asset.ContentType(key)}
	if progress != nil {
		opts.Progress = func(sent int64) { progress(sent, size) }
	}
	return store.Put(ctx, key, f, size, opts)
}

// safeName keeps a file name to [A-Za-z0-9._-], so that the key needs no
// escaping anywhere.
func safeName(name string) string {
	b := []byte(name)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			b[i] = '_'
		}
	}
	if s := strings.Trim(string(b), "."); s != "" {
		return s
	}
	return "source"
}
