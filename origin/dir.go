package origin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
)

// Dir is a Store over a local folder, for one machine and `make run`. Keys
// cannot escape the folder: it is opened as an os.Root.
type Dir struct {
	root *os.Root
}

var _ Store = (*Dir)(nil)

// NewDir opens the folder at path.
func NewDir(path string) (*Dir, error) {
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, fmt.Errorf("opening origin folder: %w", err)
	}
	return &Dir{root: root}, nil
}

// Get opens key, seeking to r.Offset and limiting to r.Length.
func (d *Dir) Get(_ context.Context, key string, r Range) (io.ReadCloser, Info, error) {
	if err := r.check(key); err != nil {
		return nil, Info{}, err
	}
	f, err := d.root.Open(key)
	if err != nil {
		return nil, Info{}, dirError(key, err)
	}
	info, err := fileInfo(f)
	if err != nil {
		f.Close()
		return nil, Info{}, dirError(key, err)
	}
	if r.Offset > 0 {
		if _, err := f.Seek(r.Offset, io.SeekStart); err != nil {
			f.Close()
			return nil, Info{}, fmt.Errorf("seeking %s: %w", key, err)
		}
	}
	if r.Length > 0 {
		return limitedFile{io.LimitReader(f, r.Length), f}, info, nil
	}
	return f, info, nil
}

// Stat describes key.
func (d *Dir) Stat(_ context.Context, key string) (Info, error) {
	st, err := d.root.Stat(key)
	if err != nil {
		return Info{}, dirError(key, err)
	}
	if st.IsDir() {
		return Info{}, fmt.Errorf("%s: %w", key, ErrNotFound)
	}
	return infoOf(st), nil
}

// Close releases the folder.
func (d *Dir) Close() error { return d.root.Close() }

func fileInfo(f *os.File) (Info, error) {
	st, err := f.Stat()
	if err != nil {
		return Info{}, err
	}
	if st.IsDir() {
		return Info{}, fs.ErrNotExist
	}
	return infoOf(st), nil
}

// infoOf derives an ETag from size and modification time, as nginx does.
func infoOf(st fs.FileInfo) Info {
	mt := st.ModTime()
	etag := strconv.FormatInt(mt.UnixNano(), 16) + "-" + strconv.FormatInt(st.Size(), 16)
	return Info{Size: st.Size(), ETag: etag, ModTime: mt}
}

func dirError(key string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", key, ErrNotFound)
	}
	return fmt.Errorf("%s: %w: %w", key, ErrUnavailable, err)
}

type limitedFile struct {
	io.Reader
	f *os.File
}

func (l limitedFile) Close() error { return l.f.Close() }
