package edge

import (
	"io"
	"sync"
)

// fileBody streams a range of a memFile to fasthttp. fasthttp hands
// WriteTo its connection writer, whose ReadFrom recognizes the *os.File
// inside the LimitedReader and uses sendfile. The body holds a reference to
// the memFile, so the bytes outlive any eviction until Close, which fasthttp
// calls once the response is written (or dropped) and which returns the
// handle and the reference. Pooled: no allocation per response.
type fileBody struct {
	m  *memFile
	lr io.LimitedReader
}

var fileBodies = sync.Pool{New: func() any { return new(fileBody) }}

// openFileBody returns the n bytes of m from offset; the caller holds a
// reference to m, and the body takes one of its own.
func openFileBody(m *memFile, offset, n int64) *fileBody {
	m.pin()
	b := fileBodies.Get().(*fileBody)
	b.m, b.lr = m, io.LimitedReader{R: m.open(offset), N: n}
	return b
}

func (b *fileBody) Read(p []byte) (int, error) { return b.lr.Read(p) }

func (b *fileBody) WriteTo(w io.Writer) (int64, error) {
	if rf, ok := w.(io.ReaderFrom); ok {
		return rf.ReadFrom(&b.lr)
	}
	return io.Copy(w, &b.lr)
}

func (b *fileBody) Close() error {
	b.m.put(b.lr.R)
	b.m.unpin()
	*b = fileBody{}
	fileBodies.Put(b)
	return nil
}
