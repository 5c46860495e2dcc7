// Package origin reads asset objects from S3-compatible buckets or a local
// folder, and falls through an ordered list of regions.
package origin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"time"
)

// ErrNotFound is returned (wrapped) when the object does not exist in a store
// or, for Regions, in any of them. It is never retried.
var ErrNotFound = errors.New("origin: object not found")

// ErrUnavailable is returned (wrapped) when no region could answer: timeouts,
// refused connections, server errors.
var ErrUnavailable = errors.New("origin: unavailable")

// Range selects bytes [Offset, Offset+Length) of an object; Length 0 means to
// the end.
type Range struct {
	Offset, Length int64
}

// check refuses what no caller may ask: a negative offset or length, or an
// end past MaxInt64 (S3's inclusive end would overflow into a suffix range).
func (r Range) check(key string) error {
	if r.Offset < 0 || r.Length < 0 || r.Length > math.MaxInt64-r.Offset {
		return fmt.Errorf("origin: invalid range offset %d length %d for %s", r.Offset, r.Length, key)
	}
	return nil
}

// Info describes an object.
type Info struct {
	Size    int64 // whole object, whatever range was asked for
	ETag    string
	ModTime time.Time
}

// Store is one origin: a bucket prefix or a folder.
type Store interface {
	// Get opens key (a slash-separated relative path). The caller closes the
	// body; ctx governs the whole read.
	Get(ctx context.Context, key string, r Range) (io.ReadCloser, Info, error)
	// Stat describes key without reading it.
	Stat(ctx context.Context, key string) (Info, error)
}
