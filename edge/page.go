package edge

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"io/fs"
	"mime"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/asset/policy"
	"github.com/streamgate/streamgate/contracts/ownership"
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
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	DurationS float64 `json:"duration_s"`
	// Policy is asset.json's, each condition with a "collection" name.
	Policy json.RawMessage `json:"policy"`
	Teaser bool            `json:"teaser"`
	Poster string          `json:"poster,omitempty"` // the teaser route, when Teaser
	GetURL string          `json:"get_url,omitempty"`
	// Delivery is "edge" or "cdn" (asset.json's, "" read as edge), so the
	// page can say how the asset reaches the viewer.
	Delivery string `json:"delivery"`
}

// nameWait bounds how long a listing waits for collections' on-chain
// names; unread ones get their fallback now and their name in a later
// listing.
const nameWait = time.Second

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
	var assets []*asset.Asset
	var cs []ownership.Collection
	for _, id := range ids {
		a, err := s.assets.Get(ctx, []byte(id), time.Now())
		if err != nil {
			continue // unusable manifests are not listed
		}
		assets = append(assets, a)
		cs = collections(a.Policy, cs)
	}
	nctx, ncancel := context.WithTimeout(ctx, nameWait)
	names := s.names.Lookup(nctx, cs)
	ncancel()
	list := []pageAsset{}
	for _, a := range assets {
		pa := pageAsset{ID: a.ID, Title: a.Title, DurationS: a.DurationS, Policy: a.RawPolicy, Teaser: a.Teaser, GetURL: a.GetURL, Delivery: asset.DeliveryEdge}
		if a.CDN() {
			pa.Delivery = asset.DeliveryCDN
		}
		if a.Teaser {
			pa.Poster = teaserPrefix + a.ID + "/" + posterName
		}
		if p, err := namedPolicy(a.RawPolicy, names); err == nil {
			pa.Policy = p
		}
		list = append(list, pa)
	}
	body, _ := json.Marshal(list)
	rc.SetContentType("application/json")
	rc.Response.Header.Set("Cache-Control", "no-store")
	rc.SetBody(body)
}

// collections appends p's conditions' contracts to cs.
func collections(p *policy.Policy, cs []ownership.Collection) []ownership.Collection {
	if c := p.Condition; c != nil {
		k := ownership.Collection{ChainID: c.ChainID, Contract: c.Address}
		if !slices.Contains(cs, k) {
			cs = append(cs, k)
		}
	}
	for i := range p.Any {
		cs = collections(&p.Any[i], cs)
	}
	for i := range p.All {
		cs = collections(&p.All[i], cs)
	}
	return cs
}

// namedPolicy is raw (a policy Parse accepted) with "collection" added to
// each condition: its on-chain name, else its label, else its contract's
// short EIP-55 address (0xAbCd…1234).
func namedPolicy(raw json.RawMessage, names map[ownership.Collection]string) (json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	var walk func(v any)
	walk = func(v any) {
		node, ok := v.(map[string]any)
		if !ok {
			return
		}
		for _, key := range []string{"any", "all"} {
			if list, ok := node[key].([]any); ok {
				for _, kid := range list {
					walk(kid)
				}
			}
		}
		if _, ok := node["standard"]; !ok {
			return
		}
		num, _ := node["chain_id"].(json.Number)
		id, _ := num.Int64()
		contract, _ := node["contract"].(string)
		addr := common.HexToAddress(contract)
		name := names[ownership.Collection{ChainID: id, Contract: addr}]
		if label, _ := node["label"].(string); name == "" {
			name = label
		}
		if hex := addr.Hex(); name == "" {
			name = hex[:6] + "…" + hex[len(hex)-4:]
		}
		node["collection"] = name
	}
	walk(doc)
	return json.Marshal(doc)
}
