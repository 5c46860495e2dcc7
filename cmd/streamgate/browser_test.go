package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer"
)

// chromium is Debian's package (make deps installs it); Playwright never
// downloads a browser here.
const chromium = "/usr/bin/chromium"

// TestBrowserWatchPage drives the watch page in headless Chromium
// (testdata/browser/watch.mjs, playwright-core) against the e2e edge: a pass
// holder connects an injected test wallet, signs in and plays the clip and
// the CDN-mode "clip-cdn" (ciphertext from /c/, keys through the gate); a
// wallet without the pass sees what it needs; before sign-in a teaser asset
// shows its poster, collections are named, get_url is a "Get a pass" link,
// and each card says how its asset is delivered.
func TestBrowserWatchPage(t *testing.T) {
	testenv.NotShort(t, "a chain, an edge and Chromium")
	modules := browserDeps(t)
	e := startE2EOn(t, withTeaserAndCDN, func(c *edgeConfig) {
		c.Page.Enabled = true
		c.Page.VendorDir = modules
	})
	runWatch(t, e, "page", 90*time.Second)
}

// TestBrowserWatchPageRenews plays a 36 s clip with 20 s playback tokens and
// an edge leeway of 1 s: the page (the SDK) renews the token while hls.js
// plays, hls.js sends the new token from its next request, and playback
// goes on past the first token's expiry without an error answer.
func TestBrowserWatchPageRenews(t *testing.T) {
	testenv.NotShort(t, "a chain, an edge and Chromium")
	modules := browserDeps(t)
	const ttl = 20 * time.Second
	e := startE2EWith(t, dirOriginSeconds(36), func(c *signer.Config) { c.PlaybackTTL = ttl }, func(c *edgeConfig) {
		c.Page.Enabled = true
		c.Page.VendorDir = modules
		c.Token.Leeway = time.Second
	})
	runWatch(t, e, "renewal", 150*time.Second, "PLAYBACK_TTL="+strconv.Itoa(int(ttl/time.Second)))
}

// browserDeps checks what the browser tests need and returns node_modules.
func browserDeps(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	modules := filepath.Join(root, "node_modules")
	for _, p := range []string{
		chromium,
		filepath.Join(modules, "playwright-core", "package.json"),
		filepath.Join(modules, "ethers", "package.json"),
		filepath.Join(modules, "hls.js", "dist", "hls.min.js"),
	} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s is missing: run make deps", p)
		}
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node not found: run make deps")
	}
	return modules
}

// runWatch runs testdata/browser/watch.mjs's scenarios of suite against e.
func runWatch(t *testing.T, e *e2e, suite string, timeout time.Duration, env ...string) {
	t.Helper()
	shots := screenshotDir(t)
	t.Logf("screenshots in %s", shots)
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join("testdata", "browser", "watch.mjs"))
	cmd.Env = append(os.Environ(),
		"URL="+e.url,
		"HOLDER_KEY="+keyHex(e.chain.Accounts[1]),
		"OTHER_KEY="+keyHex(e.chain.Accounts[2]),
		"CHAIN_ID="+strconv.Itoa(testenv.ChainID),
		"SCREENSHOT_DIR="+shots,
		"SCENARIOS="+suite,
	)
	cmd.Env = append(cmd.Env, env...)
	cmd.WaitDelay = 5 * time.Second // Chromium's children may hold the pipes
	out, err := cmd.CombinedOutput()
	t.Logf("watch.mjs:\n%s", out)
	if err != nil {
		t.Fatalf("watch.mjs: %v (screenshots in %s)", err, shots)
	}
}

// withTeaser is dirOrigin plus asset "trailer": a teaser with a real JPEG
// poster and a get_url, gated by an ERC-1155 condition on an address
// without code (no on-chain name) that has a label.
func withTeaser(t *testing.T, manifest string) []edge.RegionConfig {
	regions := dirOrigin(t, manifest)
	dir := filepath.Join(regions[0].Dir, "trailer")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(testenv.Bin(t, "ffmpeg"), "-hide_banner", "-loglevel", "error", "-f", "lavfi",
		"-i", "testsrc2=size=320x180", "-frames:v", "1", filepath.Join(dir, "poster.jpg")).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	writeFile(t, filepath.Join(dir, "asset.json"), `{"id":"trailer","title":"Trailer","teaser":true,
		"get_url":"https://example.com/get-a-pass","policy":{"any":[{"chain_id":1337,
		"contract":"0x00000000000000000000000000000000000b0b01","standard":"erc1155","token_id":"1","label":"Backstage Pass"}]}}`)
	return regions
}

// withTeaserAndCDN is withTeaser plus "clip-cdn" (title "CDN clip"): a 4 s
// CDN-mode asset under the clip's policy.
func withTeaserAndCDN(t *testing.T, manifest string) []edge.RegionConfig {
	regions := withTeaser(t, manifest)
	var m struct{ Policy json.RawMessage }
	if err := json.Unmarshal([]byte(manifest), &m); err != nil {
		t.Fatal(err)
	}
	cdnPublish(t, regions[0].Dir, "clip-cdn", "CDN clip", m.Policy, 4)
	return regions
}

func keyHex(a *testenv.Account) string {
	return "0x" + hex.EncodeToString(crypto.FromECDSA(a.Key))
}

// screenshotDir is the test's artifact folder, kept under -outputdir when go
// test runs with -artifacts; otherwise a temp folder that outlives the test,
// so the screenshots stay for a look.
func screenshotDir(t *testing.T) string {
	if f := flag.Lookup("test.artifacts"); f != nil && f.Value.String() == "true" {
		return t.ArtifactDir()
	}
	dir, err := os.MkdirTemp("", "streamgate-browser-")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
