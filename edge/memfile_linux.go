package edge

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"

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
type memFile struct {
	path string // /proc/self/fd/N: opening it makes a new description
	size int64

	mu     sync.Mutex
	memfd  *os.File
	idle   []*os.File
	closed bool
}

// newMemFile copies size bytes of body into a new memfd.
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
	return &memFile{path: "/proc/self/fd/" + strconv.Itoa(fd), size: size, memfd: f}, nil
}

// open returns a handle positioned at offset, or nil once the file has been
// evicted (the caller fetches the object again).
func (m *memFile) open(offset int64) *os.File {
	m.mu.Lock()
	var f *os.File
	if n := len(m.idle); n > 0 {
		f, m.idle = m.idle[n-1], m.idle[:n-1]
	} else if !m.closed {
		f, _ = os.Open(m.path)
	}
	m.mu.Unlock()
	if f == nil {
		return nil
	}
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		f.Close()
		return nil
	}
	return f
}

// put returns a handle after its response was sent.
func (m *memFile) put(f *os.File) {
	m.mu.Lock()
	if !m.closed && len(m.idle) < maxIdleHandles {
		m.idle = append(m.idle, f)
		f = nil
	}
	m.mu.Unlock()
	if f != nil {
		f.Close()
	}
}

// release runs when the cache drops the object: handles still sending keep
// the memory alive until they are put back.
func (m *memFile) release() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return
	}
	m.closed = true
	for _, f := range m.idle {
		f.Close()
	}
	m.idle = nil
	m.memfd.Close()
}
