package edge

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/testenv"
)

var poster = []byte("\xff\xd8\xff\xe0 a poster frame \xff\xd9")

// teaserOrigin is MinIO with assets whose poster the teaser route must or
// must not serve: "open" (teaser: true), "gated" (no teaser), "typo"
// (teaser: "true", a string), "noposter" (teaser without a poster), and
// "broken" (an unusable asset.json saying teaser).
func teaserOrigin(t *testing.T) *testenv.MinIOServer {
	m := testenv.MinIO(t)
	m.Bucket(t, "media")
	put := func(key string, body []byte) {
		t.Helper()
		if _, err := m.Client.PutObject(context.Background(), "media", key, bytes.NewReader(body), int64(len(body)), minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	manifest := func(id, extra string) {
		put(id+"/asset.json", []byte(`{"id":"`+id+`","title":"`+id+`","policy":{"public":true}`+extra+`}`))
	}
	for _, id := range []string{"open", "gated", "typo", "broken"} {
		put(id+"/poster.jpg", poster)
		put(id+"/master.m3u8", []byte("#EXTM3U\n"))
		put(id+"/other.jpg", poster)
	}
	manifest("open", `,"teaser":true`)
	manifest("gated", ``)
	manifest("typo", `,"teaser":"true"`)
	manifest("noposter", `,"teaser":true`)
	put("broken/asset.json", []byte(`{"id":"broken","teaser":true}`))
	return m
}

// TestTeaserPoster: the poster of a teaser asset is public; every other
// request under /teaser/ is the same 404, whatever exists, with or without
// the watch page.
func TestTeaserPoster(t *testing.T) {
	m := teaserOrigin(t)
	for _, page := range []bool{false, true} {
		e := newTestEdge(t, t.TempDir(), func(c *Config) {
			s3Config(m, m.Endpoint)(c)
			c.Page.Enabled = page
		})
		addr := strings.TrimPrefix(e.url, "http://")
		raw := func(method, path string) (*http.Response, []byte) {
			return testenv.RawHTTP(t, addr, method+" "+path+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		}
		for _, path := range []string{"/teaser/open/poster.jpg", "/teaser/open/poster.jpg?v=2"} {
			resp, body := do(t, "GET", e.url+path, nil)
			if resp.StatusCode != 200 || !bytes.Equal(body, poster) {
				t.Fatalf("page %v: GET %s: %d %q", page, path, resp.StatusCode, body)
			}
			for k, want := range map[string]string{"Content-Type": "image/jpeg", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"} {
				if got := resp.Header.Get(k); got != want {
					t.Errorf("GET %s: %s = %q, want %q", path, k, got, want)
				}
			}
		}
		resp, body := do(t, "HEAD", e.url+"/teaser/open/poster.jpg", nil)
		if resp.StatusCode != 200 || len(body) != 0 || resp.ContentLength != int64(len(poster)) {
			t.Errorf("HEAD: %d, %d body bytes, Content-Length %d", resp.StatusCode, len(body), resp.ContentLength)
		}
		resp, body = raw("POST", "/teaser/open/poster.jpg")
		testenv.WantJSONError(t, resp, body, 405, "method_not_allowed")

		var first []byte
		for _, path := range []string{
			// not teasers, or no poster, or unknown
			"/teaser/gated/poster.jpg", "/teaser/typo/poster.jpg", "/teaser/noposter/poster.jpg",
			"/teaser/broken/poster.jpg", "/teaser/nosuch/poster.jpg",
			// other objects of a teaser asset
			"/teaser/open/master.m3u8", "/teaser/open/asset.json", "/teaser/open/other.jpg",
			"/teaser/open/POSTER.JPG", "/teaser/open/poster.jpeg", "/teaser/open/poster.jpg/x",
			"/teaser/open/x/poster.jpg", "/teaser/open/", "/teaser/open", "/teaser/", "/teaser//poster.jpg",
			// traversal and encodings, which are never decoded
			"/teaser/open/../gated/poster.jpg", "/teaser/gated/../open/poster.jpg", "/teaser/open/./poster.jpg",
			"/teaser/open//poster.jpg", "/teaser/open/%70oster.jpg", "/teaser/%6fpen/poster.jpg",
			"/teaser/open%2fposter.jpg", "/teaser/gated%2f..%2fopen/poster.jpg", "/teaser/open/poster.jpg%00",
			"/teaser/open/poster%2ejpg", "/teaser/Open/poster.jpg", "/teaser/" + strings.Repeat("a", 65) + "/poster.jpg",
			"/teaser/open/poster.jpg;x", "/teaser/open/poster.jpg#x",
		} {
			resp, body := raw("GET", path)
			testenv.WantJSONError(t, resp, body, 404, "not_found")
			if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("GET %s: no Access-Control-Allow-Origin on the 404", path)
			}
			if first == nil {
				first = body
			} else if !bytes.Equal(body, first) {
				t.Errorf("GET %s: body %q differs from %q: the 404 tells cases apart", path, body, first)
			}
		}
		// The token route's grammar is untouched: a teaser asset's objects
		// still need a token.
		resp, body = raw("GET", "/t/x/v/open/poster.jpg")
		testenv.WantJSONError(t, resp, body, 401, "invalid_token")
	}
}

// TestAssetListForThePage: /api/assets gives each asset's teaser, poster,
// get_url and delivery ("edge" when asset.json says "edge" or nothing,
// "cdn"), and each condition's collection: the on-chain name, else the
// label, else the short checksummed address.
func TestAssetListForThePage(t *testing.T) {
	chain := testenv.Chain(t)
	owner := chain.Accounts[0]
	pass := chain.Deploy(t, owner, &bindings.AccessPassMetaData, bindings.NewAccessPass().PackConstructor("Demo Pass", "SGPASS", owner.Address))
	multi := chain.Deploy(t, owner, &bindings.MultiPassMetaData, bindings.NewMultiPass().PackConstructor("https://x.test/{id}", owner.Address))
	token := chain.Deploy(t, owner, &bindings.TestTokenMetaData, bindings.NewTestToken().PackConstructor("Test", "TST", owner.Address))
	dir := t.TempDir()
	cond := func(std, addr, extra string) string {
		return `{"chain_id":1337,"contract":"` + strings.ToLower(addr) + `","standard":"` + std + `"` + extra + `}`
	}
	writeObject(t, dir, "a/asset.json", []byte(`{"id":"a","title":"A","teaser":true,"get_url":"https://example.com/mint",
		"policy":{"any":[`+cond("erc721", pass.Hex(), `,"label":"shown when the chain has no name"`)+`,`+
		cond("erc1155", multi.Hex(), `,"token_id":"1","label":"Backstage"`)+`,`+
		cond("erc1155", multi.Hex(), `,"token_id":"2"`)+`,`+cond("erc20", token.Hex(), ``)+`]}}`))
	writeObject(t, dir, "b/asset.json", []byte(`{"id":"b","title":"B","get_url":"javascript:alert(1)","policy":{"public":true}}`))
	writeObject(t, dir, "c/asset.json", []byte(`{"id":"c","title":"C","version":"v0123456789ab","delivery":"cdn","key_period":3,"segment_s":4,"policy":{"public":true}}`))
	writeObject(t, dir, "d/asset.json", []byte(`{"id":"d","title":"D","delivery":"edge","policy":{"public":true}}`))
	e := newTestEdge(t, dir, func(c *Config) {
		c.Page.Enabled = true
		c.Ownership.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{chain.RPCURL}, Multicall3: "none"}}
	})
	resp, body := do(t, "GET", e.url+"/api/assets", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	var list []struct {
		ID       string `json:"id"`
		Teaser   bool   `json:"teaser"`
		Poster   string `json:"poster"`
		GetURL   string `json:"get_url"`
		Delivery string `json:"delivery"`
		Policy   struct {
			Public bool `json:"public"`
			Any    []struct {
				Collection string `json:"collection"`
				Label      string `json:"label"`
			} `json:"any"`
		} `json:"policy"`
	}
	if err := json.Unmarshal(body, &list); err != nil || len(list) != 4 {
		t.Fatalf("%v: %s", err, body)
	}
	a, b := list[0], list[1]
	for i, want := range []string{"edge", "edge", "cdn", "edge"} {
		if got := list[i].Delivery; got != want {
			t.Errorf("%s: delivery %q, want %q", list[i].ID, got, want)
		}
	}
	if !a.Teaser || a.Poster != "/teaser/a/poster.jpg" || a.GetURL != "https://example.com/mint" {
		t.Errorf("a: %+v", a)
	}
	if b.Teaser || b.Poster != "" || b.GetURL != "" || !b.Policy.Public {
		t.Errorf("b (no teaser, a javascript: get_url): %+v", b)
	}
	short := multi.Hex()[:6] + "…" + multi.Hex()[38:]
	want := []string{"Demo Pass (SGPASS)", "Backstage", short, "Test (TST)"}
	if len(a.Policy.Any) != len(want) {
		t.Fatalf("a's conditions: %s", body)
	}
	for i, w := range want {
		if got := a.Policy.Any[i].Collection; got != w {
			t.Errorf("condition %d: collection %q, want %q", i, got, w)
		}
	}
	if a.Policy.Any[1].Label != "Backstage" {
		t.Errorf("the label itself is not passed on: %s", body)
	}
	// A chain that does not answer: the listing comes within its bound,
	// with the fallbacks.
	chain.Sim.Close()
	e2 := newTestEdge(t, dir, func(c *Config) {
		c.Page.Enabled = true
		c.Ownership.Chains = []ownership.ChainConfig{{ID: testenv.ChainID, RPC: []string{chain.RPCURL}, Multicall3: "none"}}
	})
	start := time.Now()
	resp, body = do(t, "GET", e2.url+"/api/assets", nil)
	t.Logf("listing with the chain down took %s", time.Since(start))
	tokenShort := token.Hex()[:6] + "…" + token.Hex()[38:]
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"collection":"`+tokenShort+`"`) ||
		!strings.Contains(string(body), `"collection":"shown when the chain has no name"`) {
		t.Fatalf("chain down: %d %s", resp.StatusCode, body)
	}
}

// TestTeaserOriginDown: an origin that cannot answer is a 5xx to retry,
// never the 404 that would say "no teaser".
func TestTeaserOriginDown(t *testing.T) {
	m := teaserOrigin(t)
	p := testenv.NewTCPProxy(t, m.Endpoint)
	e := newTestEdge(t, t.TempDir(), func(c *Config) {
		s3Config(m, p.Addr)(c)
		c.Origin.Retries = 0
	})
	p.SetMode(testenv.TCPCut)
	resp, body := do(t, "GET", e.url+"/teaser/open/poster.jpg", nil)
	if resp.StatusCode < 500 {
		t.Fatalf("origin down: %d %s, want a 5xx", resp.StatusCode, body)
	}
	wantError(t, resp, body, resp.StatusCode, "")
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Error("no Access-Control-Allow-Origin on the 5xx")
	}
}
