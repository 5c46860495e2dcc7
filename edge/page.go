package edge

import (
	"context"
	"embed"
	"encoding/json"
	"io/fs"
	"mime"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/internal/httperr"
)

// web is the watch page: our own static files, built into the binary.
//
//go:embed web
var web embed.FS

// PageConfig turns on the watch page at / (single machine, `make run`).
type PageConfig struct {
	// Enabled serves /, /web/*, /vendor/* and /api/assets.
	Enabled bool `yaml:"enabled"`
	// VendorDir is the npm install folder (node_modules) whose hls.js build
	// is served under /vendor/; it is never committed or embedded. The page
	// imports the player SDK from SDKPath, so it needs sdk.enabled.
	VendorDir string `yaml:"vendor_dir" conf:"path"`
}

// handlePage serves the watch page and reports whether path was one of it.
func (s *Server) handlePage(rc *fasthttp.RequestCtx) bool {
	if !s.cfg.Page.Enabled {
		return false
	}
	p := string(rc.Path())
	switch {
	case p == "/":
		s.serveEmbedded(rc, "web/index.html")
	case strings.HasPrefix(p, "/web/"):
		s.serveEmbedded(rc, strings.TrimPrefix(p, "/"))
	case strings.HasPrefix(p, "/vendor/"):
		s.serveVendor(rc, strings.TrimPrefix(p, "/vendor/"))
	case p == "/api/assets":
		s.serveAssetList(rc)
	default:
		return false
	}
	return true
}

func (s *Server) serveEmbedded(rc *fasthttp.RequestCtx, name string) {
	data, err := fs.ReadFile(web, path.Clean(name))
	if err != nil {
		httperr.Write(rc, fasthttp.StatusNotFound, "not_found", "no such file")
		return
	}
	rc.SetContentType(contentTypeOf(name))
	rc.Response.Header.Set("Cache-Control", "no-cache")
	rc.SetBody(data)
}

// vendorFiles are the npm-installed browser files the page may load, by the
// name it asks for; nothing else under VendorDir is reachable.
var vendorFiles = map[string]string{
	"hls.min.js": "hls.js/dist/hls.min.js",
}

// serveVendor serves one of vendorFiles from VendorDir (node_modules).
func (s *Server) serveVendor(rc *fasthttp.RequestCtx, name string) {
	rel, ok := vendorFiles[name]
	if !ok {
		httperr.Write(rc, fasthttp.StatusNotFound, "not_found", "no such file")
		return
	}
	data, err := os.ReadFile(filepath.Join(s.cfg.Page.VendorDir, filepath.FromSlash(rel)))
	if err != nil {
		httperr.Write(rc, fasthttp.StatusNotFound, "not_found", name+" is not installed: run make deps")
		return
	}
	rc.SetContentType(contentTypeOf(name))
	rc.Response.Header.Set("Cache-Control", "public, max-age=3600")
	rc.SetBody(data)
}

func contentTypeOf(name string) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// pageAsset is what the page shows of an asset.
type pageAsset struct {
	ID        string          `json:"id"`
	Title     string          `json:"title"`
	DurationS float64         `json:"duration_s"`
	Policy    json.RawMessage `json:"policy"`
}

// serveAssetList lists the published assets with their policies, so the
// page can say what each needs before the viewer signs in.
func (s *Server) serveAssetList(rc *fasthttp.RequestCtx) {
	ctx, cancel := context.WithTimeout(s.ctx, s.cfg.Origin.StreamTimeout)
	defer cancel()
	ids, err := s.origin.Assets(ctx)
	if err != nil {
		s.fail(rc, asset.Other, err)
		return
	}
	list := []pageAsset{}
	for _, id := range ids {
		a, err := s.assets.Get(ctx, []byte(id), time.Now())
		if err != nil {
			continue // unusable manifests are not listed
		}
		list = append(list, pageAsset{ID: a.ID, Title: a.Title, DurationS: a.DurationS, Policy: a.RawPolicy})
	}
	body, _ := json.Marshal(list)
	rc.SetContentType("application/json")
	rc.Response.Header.Set("Cache-Control", "no-store")
	rc.SetBody(body)
}
