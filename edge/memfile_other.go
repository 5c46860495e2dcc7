//go:build !linux

package edge

import (
	"errors"
	"io"
)

// memFile needs Linux's memfd; elsewhere bodies stay in Go memory.
type memFile struct{ size int64 }

var errNoMemfd = errors.New("edge: memfd needs linux")

// maxIdleHandles: no handles are kept where there are no memfds.
const maxIdleHandles = 0

func newMemFile(string, io.Reader, int64) (*memFile, error) { return nil, errNoMemfd }

func (*memFile) open(int64) io.Reader { return nil }
func (*memFile) put(io.Reader)        {}
func (*memFile) pin()                 {}
func (*memFile) unpin()               {}
