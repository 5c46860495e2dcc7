package origin

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sync"

	"github.com/minio/minio-go/v7"
)

// PutOptions describe an object being written.
type PutOptions struct {
	// ContentType is stored with the object (S3) and sent back on reads.
	ContentType string
	// Progress, when set, is called with the running count of bytes sent.
	// Calls never overlap, though S3 multipart uploads make them from the
	// goroutines that send the parts.
	Progress func(sent int64)
}

// Writer is a Store that can also write objects: what the transcoder
// publishes to.
type Writer interface {
	Store
	// Put writes size bytes of body (size -1: unknown) to key, replacing any
	// object there. Readers see either the old object or the whole new one.
	Put(ctx context.Context, key string, body io.Reader, size int64, opts PutOptions) error
}

var (
	_ Writer = (*S3)(nil)
	_ Writer = (*Dir)(nil)
)

// Put uploads body with one PutObject; minio-go switches to a multipart
// upload for large or unknown sizes by itself. Failures wrap ErrUnavailable.
func (s *S3) Put(ctx context.Context, key string, body io.Reader, size int64, opts PutOptions) error {
	po := minio.PutObjectOptions{ContentType: opts.ContentType}
	if opts.Progress != nil {
		po.Progress = &progressHook{report: opts.Progress}
	}
	if _, err := s.client.PutObject(ctx, s.bucket, s.prefix+key, body, size, po); err != nil {
		return s.error(key, err)
	}
	return nil
}

// progressHook is minio-go's progress reader: it Reads len(p) for every
// len(p) bytes sent and ignores the data. Parts upload in parallel, hence
// the lock.
type progressHook struct {
	mu     sync.Mutex
	sent   int64
	report func(int64)
}

func (h *progressHook) Read(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.sent += int64(len(p))
	h.report(h.sent)
	return len(p), nil
}

// Put writes body to a temporary file next to key and renames it into
// place, so a reader never sees a partial object. Missing folders are made.
func (d *Dir) Put(ctx context.Context, key string, body io.Reader, size int64, opts PutOptions) error {
	if err := d.root.MkdirAll(path.Dir(key), 0o755); err != nil {
		return dirError(key, err)
	}
	tmp := key + ".tmp-" + rand.Text()[:8]
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return dirError(key, err)
	}
	err = copyTo(ctx, f, body, size, opts.Progress)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = d.root.Rename(tmp, key)
	}
	if err != nil {
		_ = d.root.Remove(tmp) // best effort: err is what the caller needs
		return fmt.Errorf("writing %s: %w: %w", key, ErrUnavailable, err)
	}
	return nil
}

// copyTo copies body to w, checking ctx between chunks and reporting
// progress; a known size must match what body holds.
func copyTo(ctx context.Context, w io.Writer, body io.Reader, size int64, progress func(int64)) error {
	buf := make([]byte, 256<<10)
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		k, rerr := body.Read(buf)
		if k > 0 {
			if _, err := w.Write(buf[:k]); err != nil {
				return err
			}
			n += int64(k)
			if progress != nil {
				progress(n)
			}
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			return rerr
		}
	}
	if size >= 0 && n != size {
		return fmt.Errorf("body has %d bytes, want %d", n, size)
	}
	return nil
}
