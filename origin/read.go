package origin

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/streamgate/streamgate/asset"
)

// Objects adapts s to asset.Objects, the read side an asset.Cache needs. A
// missing object's error wraps both ErrNotFound and asset.ErrNoObject, one
// over the limit asset.ErrTooLarge (its body is not read), and a body that
// breaks off ErrUnavailable.
func Objects(s Store) asset.Objects { return objectReader{s} }

type objectReader struct{ s Store }

func (o objectReader) ReadObject(ctx context.Context, key string, limit int64) ([]byte, error) {
	body, info, err := o.s.Get(ctx, key, Range{})
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, fmt.Errorf("%w: %w", asset.ErrNoObject, err)
		}
		return nil, err
	}
	defer body.Close()
	if info.Size > limit {
		return nil, fmt.Errorf("%w: %s: %d bytes, limit %d", asset.ErrTooLarge, key, info.Size, limit)
	}
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w: reading %s: %w", ErrUnavailable, key, err)
	case int64(len(data)) > limit: // the store's size was wrong
		return nil, fmt.Errorf("%w: %s: over %d bytes", asset.ErrTooLarge, key, limit)
	}
	return data, nil
}
