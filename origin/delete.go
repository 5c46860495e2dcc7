package origin

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/minio/minio-go/v7"
)

// Pruner is a Writer that can also delete a folder: what the transcoder's
// version retention needs.
type Pruner interface {
	Writer
	// DeleteFolder deletes every object whose key starts with folder, which
	// must end in "/". A folder that holds nothing is no error. Failures wrap
	// ErrUnavailable.
	DeleteFolder(ctx context.Context, folder string) error
}

var (
	_ Pruner = (*S3)(nil)
	_ Pruner = (*Dir)(nil)
)

func checkFolder(folder string) error {
	if !strings.HasSuffix(folder, "/") || strings.Trim(folder, "/") == "" {
		return fmt.Errorf("deleting %q: want a folder ending in /", folder)
	}
	return nil
}

// DeleteFolder removes the folder's tree inside the root.
func (d *Dir) DeleteFolder(_ context.Context, folder string) error {
	if err := checkFolder(folder); err != nil {
		return err
	}
	if err := d.root.RemoveAll(strings.TrimSuffix(folder, "/")); err != nil {
		return fmt.Errorf("deleting %s: %w: %w", folder, ErrUnavailable, err)
	}
	return nil
}

// DeleteFolder lists the folder under the bucket prefix and removes what it
// lists in batches (S3 DeleteObjects).
func (s *S3) DeleteFolder(ctx context.Context, folder string) error {
	if err := checkFolder(folder); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	objs := make(chan minio.ObjectInfo)
	var listErr error
	go func() {
		defer close(objs)
		for obj := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.prefix + folder, Recursive: true}) {
			if obj.Err != nil {
				listErr = obj.Err
				return
			}
			select {
			case objs <- obj:
			case <-ctx.Done():
				return
			}
		}
	}()
	var errs []error
	for r := range s.client.RemoveObjects(ctx, s.bucket, objs, minio.RemoveObjectsOptions{}) {
		errs = append(errs, fmt.Errorf("%s: %w", r.ObjectName, r.Err))
	}
	if listErr != nil {
		errs = append(errs, listErr)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("deleting %s: %w: %w", folder, ErrUnavailable, err)
	}
	return nil
}
