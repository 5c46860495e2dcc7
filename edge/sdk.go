package edge

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/sdk"
)

// SDKPath is where the edge serves the player SDK, @streamgate/player's
// streamgate.js; the v1 path segment is its major version.
const SDKPath = "/sdk/v1/streamgate.js"

// SDKConfig turns the player SDK route on or off, independently of the
// watch page: apps on other origins import it from the edge.
type SDKConfig struct {
	// Enabled serves GET/HEAD SDKPath.
	Enabled bool `yaml:"enabled"`
}

// sdkETag is the strong validator of the embedded file: its content hash.
var sdkETag = func() []byte {
	sum := sha256.Sum256(sdk.JS)
	return []byte(`"` + hex.EncodeToString(sum[:16]) + `"`)
}()

// handleSDK serves SDKPath and reports whether the request was for it. A
// module script loaded from another origin is a CORS request (HTML's
// "fetch a module script" uses mode cors), so the answer allows any origin;
// the file is public and no credential is read.
func (s *Server) handleSDK(rc *fasthttp.RequestCtx) bool {
	if !s.cfg.SDK.Enabled || string(rc.Path()) != SDKPath {
		return false
	}
	rc.Response.Header.Set("Access-Control-Allow-Origin", "*")
	if !rc.IsGet() && !rc.IsHead() {
		httperr.Write(rc, fasthttp.StatusMethodNotAllowed, "method_not_allowed", "use GET or HEAD")
		rc.Response.Header.Set("Allow", "GET, HEAD")
		return true
	}
	rc.Response.Header.SetBytesV("Etag", sdkETag)
	rc.Response.Header.Set("Cache-Control", "public, max-age=3600")
	if notModified(&rc.Request.Header, sdkETag) {
		rc.SetStatusCode(fasthttp.StatusNotModified)
		return true
	}
	rc.SetContentType("text/javascript; charset=utf-8")
	rc.Response.SetBodyRaw(sdk.JS) // never written to; fasthttp leaves the body out of a HEAD answer, keeping its Content-Length
	return true
}
