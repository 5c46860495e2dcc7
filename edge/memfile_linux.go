package edge

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// errNoMemfd is returned when the kernel refuses memfd_create (old kernels,
// seccomp); bodies then stay in Go memory.
var errNoMemfd = errors.New("edge: memfd unavailable")

// maxIdleHandles bounds the open descriptions kept per cached file.
const maxIdleHandles = 8

// memFile is a cached body kept in an anonymous in-memory file (memfd), so
// the kernel sends it with sendfile, as nginx does from the page cache,
// instead of the edge copying it out of a Go slice on every request.
// Each concurrent response needs its own file offset, so responses borrow
// handles: separate open file descriptions of the same memfd.
//
// It is reference counted: the cache holds one reference while it keeps the
// object and every response sending it holds one, so an eviction in the
// middle of a response never takes the bytes away; the last unpin closes
// the memfd and its idle handles.
type memFile struct {
	path string // /proc/self/fd/N: opening it makes a new description
	size int64
	refs atomic.Int64

	mu    sync.Mutex
	memfd *os.File
	idle  []*os.File
}

// newMemFile copies size bytes of body into a new memfd, with one reference
// for the caller.
func newMemFile(name string, body io.Reader, size int64) (*memFile, error) {
	fd, err := unix.MemfdCreate("streamgate:"+name, unix.MFD_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errNoMemfd, err)
	}
	f := os.NewFile(uintptr(fd), name)
	if n, err := io.Copy(f, io.LimitReader(body, size)); err != nil || n != size {
		f.Close()
		return nil, fmt.Errorf("filling memfd for %s: %d of %d bytes: %w", name, n, size, err)
	}
	m := &memFile{path: "/proc/self/fd/" + strconv.Itoa(fd), size: size, memfd: f}
	m.refs.Store(1)
	return m, nil
}

// pin adds a reference; the caller must already hold one (or, for a cache
// hit, hold the stripe lock that eviction waits for: see objects.cached).
func (m *memFile) pin() { m.refs.Add(1) }

// unpin drops a reference; the last one closes the memfd.
func (m *memFile) unpin() {
	switch n := m.refs.Add(-1); {
	case n == 0:
		m.close()
	case n < 0:
		panic("edge: memFile unpinned more often than pinned")
	}
}

// open returns a reader of the file from offset; the caller holds a
// reference. It is a handle (an *os.File, which sendfile can send) unless
// no descriptor can be had (EMFILE): then a positioned reader of the memfd
// itself, copied through user space but still this object's bytes.
func (m *memFile) open(offset int64) io.Reader {
	m.mu.Lock()
	var f *os.File
	if n := len(m.idle); n > 0 {
		f, m.idle = m.idle[n-1], m.idle[:n-1]
	}
	m.mu.Unlock()
	if f == nil {
		f, _ = os.Open(m.path)
	}
	if f != nil {
		if _, err := f.Seek(offset, io.SeekStart); err == nil {
			return f
		}
		f.Close()
	}
	return io.NewSectionReader(m.memfd, offset, m.size-offset)
}

// put returns a reader from open after its response was sent.
func (m *memFile) put(r io.Reader) {
	f, ok := r.(*os.File)
	if !ok {
		return
	}
	m.mu.Lock()
	if len(m.idle) < maxIdleHandles {
		m.idle = append(m.idle, f)
		f = nil
	}
	m.mu.Unlock()
	if f != nil {
		f.Close()
	}
}

// close runs when the last reference goes.
func (m *memFile) close() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, f := range m.idle {
		f.Close()
	}
	m.idle = nil
	m.memfd.Close()
}
