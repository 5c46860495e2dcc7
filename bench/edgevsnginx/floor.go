package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/pprofhandler"
	"golang.org/x/sys/unix"

	"github.com/streamgate/streamgate/bench/internal/proc"
)

// The floor is the physical floor's stand-in: a bare fasthttp server that
// answers the same bytes as the edge with no token, policy or ownership
// check, no metrics and no range handling, small bodies from memory and big
// ones with sendfile from a memfd, as the edge's cache does. Whatever the
// edge spends above it is the edge's own work; what both spend is the
// kernel's and fasthttp's. It runs as its own process (this binary,
// `edgevsnginx floor`), pinned to the servers' core like the others.

// floorSendfileMin is the size from which a body is sent from a memfd: the
// edge's cache.sendfile_min_bytes default.
const floorSendfileMin = 64 << 10

// floorObject is one body the floor serves.
type floorObject struct {
	ctype string
	body  []byte // below floorSendfileMin
	file  *floorFile
}

// floorFile is a body kept in a memfd. Each response in flight needs its
// own file offset, so it borrows a handle: a separate open file description
// of the memfd (/proc/self/fd/N), kept for reuse afterwards.
type floorFile struct {
	memfd *os.File // held, so that no finalizer closes the descriptor path names
	path  string
	size  int64
	mu    sync.Mutex
	idle  []*floorBody
}

// floorBody streams one response from a handle; fasthttp's connection
// writer sees the *os.File inside the LimitedReader and uses sendfile, and
// calls Close once the response is written.
type floorBody struct {
	f    *os.File
	lr   io.LimitedReader
	from *floorFile
}

func (b *floorBody) Read(p []byte) (int, error) { return b.lr.Read(p) }

func (b *floorBody) WriteTo(w io.Writer) (int64, error) {
	if rf, ok := w.(io.ReaderFrom); ok {
		return rf.ReadFrom(&b.lr)
	}
	return io.Copy(w, &b.lr)
}

func (b *floorBody) Close() error {
	b.from.mu.Lock()
	b.from.idle = append(b.from.idle, b)
	b.from.mu.Unlock()
	return nil
}

// open returns a body positioned at the start of the file.
func (m *floorFile) open() (*floorBody, error) {
	m.mu.Lock()
	var b *floorBody
	if n := len(m.idle); n > 0 {
		b, m.idle = m.idle[n-1], m.idle[:n-1]
	}
	m.mu.Unlock()
	if b == nil {
		f, err := os.Open(m.path)
		if err != nil {
			return nil, err
		}
		b = &floorBody{f: f, from: m}
	}
	if _, err := b.f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	b.lr = io.LimitedReader{R: b.f, N: m.size}
	return b, nil
}

// newFloorFile copies body into a new memfd.
func newFloorFile(name string, body []byte) (*floorFile, error) {
	fd, err := unix.MemfdCreate("floor:"+name, unix.MFD_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("memfd_create: %w", err)
	}
	f := os.NewFile(uintptr(fd), name)
	if _, err := f.Write(body); err != nil {
		f.Close()
		return nil, fmt.Errorf("filling the memfd of %s: %w", name, err)
	}
	return &floorFile{memfd: f, path: "/proc/self/fd/" + strconv.Itoa(fd), size: int64(len(body))}, nil
}

// floorServer maps request paths to objects.
type floorServer struct {
	objects map[string]*floorObject
}

// floorContentType is nginx's types block of the benchmark.
func floorContentType(name string) string {
	switch filepath.Ext(name) {
	case ".m3u8":
		return "application/vnd.apple.mpegurl"
	case ".m4s":
		return "video/iso.segment"
	}
	return "application/octet-stream"
}

// newFloorServer loads each of files (relative to root) and serves it at
// prefix + "/" + its relative path. The benchmark's prefix is the edge's
// "/t/<token>/v", unchecked, so that the floor parses the same request
// bytes as the edge: fasthttp's cost grows with the path's length.
func newFloorServer(root, prefix string, files []string) (*floorServer, error) {
	s := &floorServer{objects: make(map[string]*floorObject, len(files))}
	for _, name := range files {
		body, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			return nil, fmt.Errorf("floor: %w", err)
		}
		obj := &floorObject{ctype: floorContentType(name)}
		if len(body) >= floorSendfileMin {
			if obj.file, err = newFloorFile(name, body); err != nil {
				return nil, fmt.Errorf("floor: %w", err)
			}
		} else {
			obj.body = body
		}
		s.objects[prefix+"/"+name] = obj
	}
	return s, nil
}

var pprofPath = []byte("/debug/pprof/")

// handle answers GET of a known path with 200 and its bytes, and nothing
// else: the floor checks nothing.
func (s *floorServer) handle(rc *fasthttp.RequestCtx) {
	if bytes.HasPrefix(rc.Path(), pprofPath) {
		pprofhandler.PprofHandler(rc)
		return
	}
	obj := s.objects[string(rc.Path())] // no allocation: the compiler's map lookup by []byte
	if obj == nil {
		rc.SetStatusCode(fasthttp.StatusNotFound)
		return
	}
	rc.Response.Header.SetContentType(obj.ctype)
	if obj.file == nil {
		rc.Response.SetBodyRaw(obj.body)
		return
	}
	b, err := obj.file.open()
	if err != nil {
		rc.SetStatusCode(fasthttp.StatusInternalServerError)
		return
	}
	rc.SetBodyStream(b, int(obj.file.size))
}

// serve serves s on ln until ctx ends, with TCP_NOTSENT_LOWAT lowat (the
// edge's http.not_sent_lowat; 0 leaves the kernel's default) on each
// connection, so the floor uses the edge's socket strategy.
func (s *floorServer) serve(ctx context.Context, ln net.Listener, lowat int) error {
	srv := &fasthttp.Server{Handler: s.handle, Name: "floor"}
	if lowat > 0 {
		ln = lowatListener{ln, lowat}
	}
	go func() {
		<-ctx.Done()
		_ = srv.Shutdown()
	}()
	return srv.Serve(ln)
}

// lowatListener sets TCP_NOTSENT_LOWAT on each accepted connection.
type lowatListener struct {
	net.Listener
	bytes int
}

func (l lowatListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		if raw, rerr := tc.SyscallConn(); rerr == nil {
			_ = raw.Control(func(fd uintptr) {
				_ = unix.SetsockoptInt(int(fd), unix.IPPROTO_TCP, unix.TCP_NOTSENT_LOWAT, l.bytes)
			})
		}
	}
	return c, err
}

// floorMain is `edgevsnginx floor -listen ADDR -root DIR -files a,b,c
// [-prefix /t/TOKEN/v] [-lowat N]`, the floor process the benchmark starts.
func floorMain(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("floor", flag.ContinueOnError)
	listen := fs.String("listen", "", "host:port")
	root := fs.String("root", "", "origin folder")
	files := fs.String("files", "", "comma-separated paths under -root to serve")
	prefix := fs.String("prefix", "", "path prefix in front of each file's /path (the edge's /t/TOKEN/v)")
	lowat := fs.Int("lowat", 16384, "TCP_NOTSENT_LOWAT bytes (0: kernel default)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *listen == "" || *root == "" || *files == "" {
		return fmt.Errorf("floor: -listen, -root and -files are required")
	}
	s, err := newFloorServer(*root, *prefix, strings.Split(*files, ","))
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("floor: %w", err)
	}
	return s.serve(ctx, ln, *lowat)
}

// startFloor starts the floor process (this binary, GOMAXPROCS=1) on the
// servers' core, serving the fixture's three payloads under prefix (the
// edge's "/t/<token>/v"), and warms it.
func startFloor(ctx context.Context, dir, host, prefix string, fx fixture, lowat int) (running, error) {
	self, err := os.Executable()
	if err != nil {
		return running{}, fmt.Errorf("floor: finding this binary: %w", err)
	}
	port, err := proc.FreePort()
	if err != nil {
		return running{}, err
	}
	names := []string{playlistName, segmentName, cdnKeyPath(0)}
	files := make([]string, len(names))
	for i, n := range names {
		files[i] = assetID + "/" + n
	}
	env := append(os.Environ(), "GOMAXPROCS=1")
	srv, err := startPinned("floor", filepath.Join(dir, "floor.log"), env, self, "floor",
		"-listen", fmt.Sprintf("%s:%d", host, port), "-root", fx.originDir,
		"-files", strings.Join(files, ","), "-prefix", prefix, "-lowat", strconv.Itoa(lowat))
	if err != nil {
		return running{}, err
	}
	base := fmt.Sprintf("http://%s:%d", host, port)
	at := base + prefix + "/"
	r := running{srv: srv, playlist: at + files[0], segment: at + files[1], key: at + files[2],
		base: base, pprof: base + "/debug/pprof"}
	return r, warmBoth(ctx, r, fx)
}
