// Package testenv starts real Redis, MinIO and ffmpeg-made media for tests.
//
// Every helper takes a testing.TB, binds servers to a free 127.0.0.1 port,
// waits until they answer, and stops them with t.Cleanup. Under go test
// -short the helpers skip the test; on a full run a missing binary fails it,
// because a skipped test checks nothing. `make deps` installs the binaries.
package testenv

import (
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// NotShort is the one place the -short policy lives: a test that needs a
// real part (a server, a toolchain, a browser) is skipped under
// `go test -short` and runs on every full run, failing if the part is missing.
func NotShort(t testing.TB, needs string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("needs %s: skipped in -short", needs)
	}
}

// Bin returns the path of the executable name, looked up first in the repo's
// bin/ (where `make deps` builds MinIO) and then in PATH, always absolute. It skips the test
// under -short, and fails it when the binary is missing.
func Bin(t testing.TB, name string) string {
	t.Helper()
	NotShort(t, name)
	if root, err := RepoRoot(); err == nil {
		p := filepath.Join(root, "bin", name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return p
		}
	}
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found: run make deps", name)
	}
	// A relative PATH entry gives a relative path, which would not resolve
	// for a child started in another folder (cmd.Dir).
	if p, err = filepath.Abs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// RepoRoot walks up from the working directory (the package dir under go
// test, any folder of the repository for a benchmark) to the directory
// holding go.mod, so builds and paths work from anywhere inside it.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory: run from inside the repository")
		}
		dir = parent
	}
}

// FreePort returns a TCP port number (e.g. "41234", not an address) that was
// free on 127.0.0.1 a moment ago. The kernel may hand it out again before the
// caller binds it, so start the server right away.
func FreePort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("finding a free port: %v", err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

// waitFor polls ready until it succeeds, the process exits, or timeout
// passes; it fails the test with the server's log tail in the last two cases.
func waitFor(t testing.TB, p *proc, timeout time.Duration, ready func() error) {
	t.Helper()
	err := poll(timeout, func() error {
		select {
		case <-p.done:
			t.Fatalf("%s exited before it was ready: %v\n%s", p.name, p.err, p.tail())
		default:
		}
		return ready()
	})
	if err != nil {
		t.Fatalf("%s not ready after %s: %v\n%s", p.name, timeout, err, p.tail())
	}
}
