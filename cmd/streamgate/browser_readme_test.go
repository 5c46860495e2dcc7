package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/testenv"
)

// TestBrowserReadmeDAppExample runs README.md's "Playback in your dApp"
// example as written: its first ```js block, with only the placeholders the
// README names replaced (the edge's URL, the asset id, chain 1; each must
// occur), is the module of testdata/dapp/readme.html on the dApp's own
// origin, its "hls.js" import mapped to hls.js's ES module build. A pass
// holder's wallet starts on chain 1 and clicks #watch: the example's
// wrong_chain branch switches the wallet to the test chain before any
// prompt, the viewer signs exactly once, and hls.js plays the clip (frames
// decoded, videoWidth > 0, #status cleared of the wrong_chain words) with
// no console error. A wallet without the pass
// gets the signer's policy_unmet message in #status.
func TestBrowserReadmeDAppExample(t *testing.T) {
	const heading = "### Playback in your dApp (player SDK)"
	example := readmeFence(t, filepath.Join("..", "..", "README.md"), heading, "js")
	subs := []string{
		"https://edge.example.com", "", // the edge's origin, once it runs
		`"launch-keynote"`, `"clip"`,
		"{ chainId: 1 }", "{ chainId: " + strconv.Itoa(testenv.ChainID) + " }",
	}
	for i := 0; i < len(subs); i += 2 {
		if !strings.Contains(example, subs[i]) {
			t.Fatalf("README.md %q: the example no longer contains %q, a placeholder this test replaces:\n%s", heading, subs[i], example)
		}
	}
	d := startDApp(t, "", nil)
	subs[1] = d.url
	d.serve("/readme-example.js", strings.NewReplacer(subs...).Replace(example))
	d.run(t, "readme", 20*time.Second, []string{"WALLET_CHAIN_ID=1", "NON_HOLDER_KEY=" + keyHex(d.chain.Accounts[2])}, nil)

	var holder struct {
		Frames, VideoWidth int
		Status             string
	}
	if err := json.Unmarshal(d.results["readme-holder"], &holder); err != nil {
		t.Fatalf("readme-holder: %s: %v", d.results["readme-holder"], err)
	}
	var other struct{ Status string }
	if err := json.Unmarshal(d.results["readme-non-holder"], &other); err != nil {
		t.Fatalf("readme-non-holder: %s: %v", d.results["readme-non-holder"], err)
	}
	if holder.Frames <= 0 || holder.VideoWidth <= 0 {
		t.Errorf("readme-holder: %d frames, %d px wide", holder.Frames, holder.VideoWidth)
	}
	t.Logf("holder: %d frames, %d px wide, #status %q; non-holder: #status %q", holder.Frames, holder.VideoWidth, holder.Status, other.Status)
}
