//go:build !linux

package edge

import (
	"errors"
	"io"
	"os"
)

// memFile needs Linux's memfd; elsewhere bodies stay in Go memory.
type memFile struct{ size int64 }

var errNoMemfd = errors.New("edge: memfd needs linux")

func newMemFile(string, io.Reader, int64) (*memFile, error) { return nil, errNoMemfd }

func (*memFile) open(int64) *os.File { return nil }
func (*memFile) put(f *os.File)      { f.Close() }
func (*memFile) release()            {}
