package edge

import (
	"bytes"
	"runtime/pprof"
	"strconv"
	"time"

	"github.com/valyala/fasthttp"
	"github.com/valyala/fasthttp/pprofhandler"

	"github.com/streamgate/streamgate/internal/httperr"
)

// pprofPrefix is where debug.pprof serves Go's runtime profiles, the paths
// net/http/pprof and `go tool pprof` use.
const pprofPrefix = "/debug/pprof/"

// maxProfileSeconds bounds one CPU profile request.
const maxProfileSeconds = 300

// handlePProf serves /debug/pprof/* on the admin listener when debug.pprof
// is on, and reports whether path was one. The CPU profile is ours, so its
// refusals are the JSON errors; the other profiles (heap, goroutine, …,
// the index) are net/http/pprof's through fasthttp's adaptor.
func (s *Server) handlePProf(rc *fasthttp.RequestCtx) bool {
	path := rc.Path()
	if !s.cfg.Debug.PProf || !bytes.HasPrefix(path, []byte(pprofPrefix)) {
		return false
	}
	switch name := string(path[len(pprofPrefix):]); {
	case name == "profile":
		s.cpuProfile(rc)
	case name == "trace":
		// An execution trace is not served: it can be large, and
		// net/http/pprof's refusals are plain text.
		httperr.Write(rc, fasthttp.StatusNotFound, "not_found", "no such route")
	case bytes.HasSuffix(path, []byte("/")) && name != "":
		httperr.Write(rc, fasthttp.StatusNotFound, "not_found", "no such route")
	default:
		pprofhandler.PprofHandler(rc)
	}
	return true
}

// cpuProfile answers GET /debug/pprof/profile?seconds=N (1–300, default
// 30) with a pprof-format CPU profile of the whole process taken over the
// next N seconds: 400 bad_request for another N, 503 unavailable while
// another profile is running (the runtime allows one at a time).
func (s *Server) cpuProfile(rc *fasthttp.RequestCtx) {
	secs := 30
	if v := rc.QueryArgs().Peek("seconds"); v != nil {
		n, err := strconv.Atoi(string(v))
		if err != nil || n < 1 || n > maxProfileSeconds {
			httperr.Write(rc, fasthttp.StatusBadRequest, "bad_request", "seconds: want an integer from 1 to 300")
			return
		}
		secs = n
	}
	var buf bytes.Buffer
	if err := pprof.StartCPUProfile(&buf); err != nil {
		httperr.Write(rc, fasthttp.StatusServiceUnavailable, "unavailable", "a CPU profile is already running")
		return
	}
	select {
	case <-time.After(time.Duration(secs) * time.Second):
	case <-rc.Done(): // shutdown: return what was taken
	}
	pprof.StopCPUProfile()
	rc.SetContentType("application/octet-stream")
	rc.Response.Header.Set("Content-Disposition", `attachment; filename="profile"`)
	rc.SetBody(buf.Bytes())
}
