package main

import (
	"context"
	"encoding/hex"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer"
)

// chromium is Debian's package (make deps installs it); Playwright never
// downloads a browser here.
const chromium = "/usr/bin/chromium"

// TestBrowserWatchPage drives the watch page in headless Chromium
// (testdata/browser/watch.mjs, playwright-core) against the e2e edge: a pass
// holder connects an injected test wallet, signs in and plays the clip; a
// wallet without the pass sees what it needs.
func TestBrowserWatchPage(t *testing.T) {
	testenv.NotShort(t, "a chain, an edge and Chromium")
	modules := browserDeps(t)
	e := startE2E(t, func(c *edgeConfig) {
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
