package edge

import (
	"io"
	"os"
	"sync"
)

// fileBody streams a range of a memFile to fasthttp. fasthttp hands
// WriteTo its connection writer, whose ReadFrom recognizes the *os.File
// inside the LimitedReader and uses sendfile; Close, called by fasthttp once
// the response is written, returns the handle. Pooled: no allocation per
// response.
type fileBody struct {
	m  *memFile
	lr io.LimitedReader
}

var fileBodies = sync.Pool{New: func() any { return new(fileBody) }}

// openFileBody returns the n bytes from offset, or nil if m was evicted.
func openFileBody(m *memFile, offset, n int64) *fileBody {
	f := m.open(offset)
	if f == nil {
		return nil
	}
	b := fileBodies.Get().(*fileBody)
	b.m, b.lr = m, io.LimitedReader{R: f, N: n}
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
	b.m.put(b.lr.R.(*os.File))
	*b = fileBody{}
	fileBodies.Put(b)
	return nil
}
