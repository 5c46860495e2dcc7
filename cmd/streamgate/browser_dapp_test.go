package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/signer"
	"github.com/streamgate/streamgate/transcoder"
)

// dappVendor are the player builds the test dApp loads from its own site,
// at /vendor/ + their path under node_modules (npm's layout, versions pinned
// in package.json); hls.mjs is hls.js's ES module build, which the README's
// example imports.
var dappVendor = []string{
	"hls.js/dist/hls.min.js",
	"hls.js/dist/hls.mjs",
	"dashjs/dist/modern/umd/dash.all.min.js",
	"shaka-player/dist/shaka-player.compiled.js",
}

// dappEnv is an edge hosting the signer (startE2E) and the test dApp
// (testdata/dapp) served from another origin, as a third-party site
// embedding the player SDK would be.
type dappEnv struct {
	*e2e
	dapp    string // http://localhost:PORT, an origin the signer signs in
	other   string // http://127.0.0.1:PORT2, the same page on an origin it does not
	results map[string]json.RawMessage
	served  *sync.Map // path → generated file both sites serve (serve)
}

// startDApp starts the edge (signerOpt and opts adjust the signer's and
// edge's configs; long, if set, is a transcoded asset published as "long"
// beside "clip", both gated by the pass) and the dApp's two sites. The
// signer's domains list the dApp's localhost:PORT only.
func startDApp(t *testing.T, long string, signerOpt func(*signer.Config), opts ...func(*edgeConfig)) *dappEnv {
	return startDAppOn(t, publishWithLong(long), signerOpt, opts...)
}

// startDAppOn is startDApp over the origin publish makes.
func startDAppOn(t *testing.T, publish e2eOrigin, signerOpt func(*signer.Config), opts ...func(*edgeConfig)) *dappEnv {
	testenv.NotShort(t, "a chain, an edge, the dApp's server and Chromium")
	modules := browserDeps(t)
	for _, p := range dappVendor {
		if _, err := os.Stat(filepath.Join(modules, p)); err != nil {
			t.Fatalf("%s is missing: run make deps", p)
		}
	}
	served := new(sync.Map)
	handler := dappHandler(modules, served)
	dappHost := testenv.Serve(t, handler)
	otherHost := testenv.Serve(t, handler)
	_, port, err := net.SplitHostPort(dappHost)
	if err != nil {
		t.Fatal(err)
	}
	d := &dappEnv{dapp: "http://localhost:" + port, other: "http://" + otherHost, served: served}
	d.e2e = startE2EWith(t, publish, func(c *signer.Config) {
		c.Domains = append(c.Domains, "localhost:"+port)
		if signerOpt != nil {
			signerOpt(c)
		}
	}, opts...)
	return d
}

// serve makes both dApp sites answer GET path with body, a file the test
// generates (e.g. the README's example with the test's edge in it); its
// type follows path's extension.
func (d *dappEnv) serve(path, body string) {
	d.served.Store(path, body)
}

// dappHandler serves testdata/dapp, the files stored in served (path →
// body; they take precedence) and, under /vendor/, the dappVendor files
// from modules (nothing else of it).
func dappHandler(modules string, served *sync.Map) func(ctx context.Context, ln net.Listener) error {
	mux := http.NewServeMux()
	files := http.FileServerFS(os.DirFS(filepath.Join("testdata", "dapp")))
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		body, ok := served.Load(r.URL.Path)
		if !ok {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		http.ServeContent(w, r, r.URL.Path, time.Time{}, strings.NewReader(body.(string)))
	})
	for _, p := range dappVendor {
		file := filepath.Join(modules, p)
		mux.HandleFunc("GET /vendor/"+p, func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, file) })
	}
	return func(ctx context.Context, ln net.Listener) error {
		srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go func() {
			<-ctx.Done()
			srv.Close()
		}()
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}

// publishWithLong publishes the clip (dirOrigin) and, when long is set,
// that transcoded asset as "long" under the same policy.
func publishWithLong(long string) e2eOrigin {
	return func(t *testing.T, manifest string) []edge.RegionConfig {
		regions := dirOrigin(t, manifest)
		if long == "" {
			return regions
		}
		dir := filepath.Join(regions[0].Dir, "long")
		copyDir(t, long, dir)
		m := strings.Replace(manifest, `"id":"clip","title":"clip"`, `"id":"long","title":"long"`, 1)
		if m == manifest {
			t.Fatalf("manifest %s: no id to replace", manifest)
		}
		writeFile(t, filepath.Join(dir, "asset.json"), m)
		return regions
	}
}

// transcodeLong makes a seconds-long test pattern with a tone and runs it
// through the transcoder (one 180p rendition, 2 s segments: cheap) into a
// test folder; it returns the folder of the version it published.
func transcodeLong(t *testing.T, seconds int) string {
	ffmpeg, ffprobe := testenv.Bin(t, "ffmpeg"), testenv.Bin(t, "ffprobe")
	dir := t.TempDir()
	src, d := filepath.Join(dir, "src.mp4"), strconv.Itoa(seconds)
	if out, err := exec.Command(ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration="+d,
		"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration="+d, "-c:v", "libx264", "-preset", "ultrafast",
		"-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", src).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	origin := filepath.Join(dir, "origin")
	cfg := transcoder.DefaultConfig()
	cfg.Origin.Regions = []transcoder.RegionConfig{{Name: "local", Dir: origin}}
	cfg.Transcode.FFmpeg, cfg.Transcode.FFprobe, cfg.Transcode.Preset = ffmpeg, ffprobe, "ultrafast"
	cfg.Transcode.SegmentDuration, cfg.Transcode.AudioBitrate = 2*time.Second, 64_000
	cfg.Transcode.Ladders["test"] = []transcoder.Rung{{Name: "180p", Height: 180, VideoBitrate: 200_000}}
	// The policy is replaced when the asset is published (publishWithLong).
	spec := transcoder.Spec{Asset: "long", Ladder: "test", Policy: json.RawMessage(`{"public":true}`)}
	started := time.Now()
	if err := transcoder.TranscodeFile(t.Context(), cfg, spec, src, nil); err != nil {
		t.Fatal(err)
	}
	t.Logf("transcoded a %d s asset in %s", seconds, time.Since(started).Round(time.Millisecond))
	raw, err := os.ReadFile(filepath.Join(origin, "long", asset.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	a, err := asset.Parse("long", raw)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(origin, a.Dir()) // the published version's objects
}

// run runs testdata/browser/dapp.mjs's scenario against d and collects its
// RESULT lines; onTransfer, when the script prints TRANSFER, moves the pass
// and returns when its block was mined (the script is told the time).
func (d *dappEnv) run(t *testing.T, scenario string, budget time.Duration, extra []string, onTransfer func()) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), budget)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join("testdata", "browser", "dapp.mjs"))
	cmd.Env = append(os.Environ(),
		"SCENARIO="+scenario, "EDGE="+d.url, "DAPP="+d.dapp, "OTHER_DAPP="+d.other,
		"HOLDER_KEY="+keyHex(d.chain.Accounts[1]), "CHAIN_ID="+strconv.Itoa(testenv.ChainID),
	)
	cmd.Env = append(cmd.Env, extra...)
	cmd.WaitDelay = 5 * time.Second // Chromium's children may hold the pipes
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d.results = map[string]json.RawMessage{}
	var out strings.Builder
	sc := bufio.NewScanner(stdout)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		fmt.Fprintln(&out, line)
		switch {
		case line == "TRANSFER" && onTransfer != nil:
			onTransfer()
			fmt.Fprintf(stdin, "MINED %d\n", time.Now().UnixMilli())
		case strings.HasPrefix(line, "RESULT "):
			name, raw, _ := strings.Cut(strings.TrimPrefix(line, "RESULT "), " ")
			d.results[name] = json.RawMessage(raw)
		}
	}
	stdin.Close()
	err = cmd.Wait()
	t.Logf("dapp.mjs %s:\n%s%s", scenario, out.String(), stderr.String())
	if err != nil {
		t.Fatalf("dapp.mjs %s: %v", scenario, err)
	}
}

// TestBrowserDAppMatrix: a third-party page on its own origin loads the SDK
// from the edge (a cross-origin module) and each player library from its
// own site, signs in through the injected wallet and plays the clip to its
// end: hls.js (HLS), dash.js (DASH), Shaka (HLS and DASH), frames decoded,
// videoWidth > 0, no CORS error; Chromium's missing native HLS is an error
// event; the same page on an origin the signer does not accept gets no CORS
// grant on the signer's routes and never signs in; sg.play with a bad
// argument (a format the player cannot play, a malformed asset id, an
// object that is no player) rejects and emits bad_argument before any
// wallet prompt or signer request.
func TestBrowserDAppMatrix(t *testing.T) {
	d := startDApp(t, "", nil)
	d.run(t, "matrix", 90*time.Second, nil, nil)
	for _, name := range []string{"hls-hls", "dash-dash", "shaka-hls", "shaka-dash", "bad-argument"} {
		if d.results[name] == nil {
			t.Errorf("no result for %s", name)
		}
	}
}

// TestBrowserDAppEnded: the SDK's ended event comes exactly once at the end
// of the clip however the element's own ended event comes, or fails to
// (dapp.mjs's ended scenario): hls.js, dash.js and Shaka (HLS, DASH) with
// the element's ended event withheld from the page; dash.js with its pause
// event withheld too, so that only dash.js's own PLAYBACK_ENDED (the path
// that paused CI's page at its end with no ended event) tells the SDK; and
// no false end for a viewer who pauses near the end and seeks to it while
// paused.
func TestBrowserDAppEnded(t *testing.T) {
	d := startDApp(t, "", nil)
	d.run(t, "ended", 90*time.Second, nil, nil)
	for _, name := range []string{"withhold-hls-hls", "withhold-dash-dash", "withhold-shaka-hls", "withhold-shaka-dash",
		"withhold-pause-dash-dash", "pause-dash-dash", "pause-hls-hls"} {
		if d.results[name] == nil {
			t.Errorf("no result for %s", name)
		}
		t.Logf("%s: %s", name, d.results[name])
	}
}

// TestBrowserDAppRenewal: playback tokens live 40 s (edge leeway 2 s), and a
// 90 s asset plays to its end in hls.js and Shaka side by side while the SDK
// renews the token under the running players: no 401 reaches a player, no
// error event, the player's requests move to new tokens of the same sid, and
// the signer counts the renewals, none refused. The control: the first
// token, which the players used until the first renewal, is refused as
// expired by then, and the players' requests went on for ~40 s past its
// exp. The longest stall is logged.
func TestBrowserDAppRenewal(t *testing.T) {
	const ttl = 40 * time.Second
	d := startDApp(t, transcodeLong(t, 90), func(c *signer.Config) { c.PlaybackTTL = ttl },
		func(c *edgeConfig) { c.Token.Leeway = 2 * time.Second })
	d.run(t, "renewal", 180*time.Second, nil, nil)
	renewed := 0
	for _, name := range []string{"renewal-hls-hls", "renewal-shaka-dash"} {
		var r struct {
			MaxStallMs, MaxWaitMs, MaxFrameGapMs, Waits, Renewed int
			FirstToken                                           string
		}
		if err := json.Unmarshal(d.results[name], &r); err != nil {
			t.Fatalf("%s: %s: %v", name, d.results[name], err)
		}
		t.Logf("%s: longest stall %d ms (currentTime sampled every 100 ms), longest gap between presented frames %d ms (40 ms at 25 fps), %d waiting events (longest %d ms), %d renewals",
			name, r.MaxStallMs, r.MaxFrameGapMs, r.Waits, r.MaxWaitMs, r.Renewed)
		renewed += r.Renewed
		var denied struct{ Error string }
		d.call(t, "GET", "/t/"+r.FirstToken+"/v/long/master.m3u8", "", nil, 401, &denied)
		if denied.Error != "token_expired" {
			t.Fatalf("%s: the first token, un-renewed, answers %q, want token_expired", name, denied.Error)
		}
	}
	// The signer counted every renewal the pages saw, and refused none.
	results := renewalResults(t, d.url+"/metrics")
	if results["ok"] < renewed || len(results) != 1 {
		t.Fatalf("renewals counted by result %v; the pages saw %d", results, renewed)
	}
}

// TestBrowserDAppRevoked: the pass moves while hls.js (HLS), dash.js and
// Shaka (DASH) play the long asset with maxBufferSeconds 6; the in-process
// indexer sees the block, the edge refuses each player's next gated request
// (403 revoked), and each page gets the SDK's revoked event and a stopped
// player. Logged: block→event time, the media buffered then, and how far
// the picture went on after the block.
func TestBrowserDAppRevoked(t *testing.T) {
	d := startDApp(t, transcodeLong(t, 40), nil, func(c *edgeConfig) { c.Indexer.PollInterval = 10 * time.Millisecond })
	transfer := func() { d.transferPass(t, d.chain.Accounts[1], d.chain.Accounts[2]) }
	d.run(t, "revoked", 90*time.Second, []string{"BUFFER=6"}, transfer)
	for _, name := range []string{"revoked-hls-hls", "revoked-dash-dash", "revoked-shaka-dash"} {
		var r struct {
			BlockToRevokedMs                                        int
			BufferedAtBlockS, BufferedAtRevokedS, PlayedAfterBlockS float64
		}
		if err := json.Unmarshal(d.results[name], &r); err != nil {
			t.Fatalf("%s: %s: %v", name, d.results[name], err)
		}
		t.Logf("%s: block→revoked %d ms; buffered ahead %.1f s at the block, %.1f s at the event; %.1f s played after the block",
			name, r.BlockToRevokedMs, r.BufferedAtBlockS, r.BufferedAtRevokedS, r.PlayedAfterBlockS)
	}
}

// TestBrowserDAppCDN: a CDN-mode asset (20 s, 1 s segments, a key per 3)
// played from the dApp through the nginx CDN stand-in in front of the edge
// (the SDK, the signer's routes, playlists, keys and /c/ segments all go
// through it). Holders A and B play it with hls.js and Shaka (HLS, AES-128
// decrypted by the player), B also with dash.js and Shaka (DASH, the clear
// copy on the gated path), maxBufferSeconds 6; then A's pass moves: A's
// next key request is 403 revoked and each of A's pages gets the SDK's
// revoked event, while B's four play to the end (each page's SDK ended
// event, which a 5 ms last audio segment once kept hls.js from ever
// firing). At the edge: each ciphertext segment the pages fetched reached
// it exactly once (the edge's
// streamgate_edge_cdn_requests_total agrees), and every key request did
// (no key is cached). Logged: frames per page, the edge's share of the
// segment bytes, block→revoked and the media A had buffered.
func TestBrowserDAppCDN(t *testing.T) {
	var origin string
	d := startDAppOn(t, func(t *testing.T, manifest string) []edge.RegionConfig {
		regions := cdnOriginSeconds(20)(t, manifest)
		origin = regions[0].Dir
		return regions
	}, nil)
	owner, a, b, c := d.chain.Accounts[0], d.chain.Accounts[1], d.chain.Accounts[2], d.chain.Accounts[3]
	pass := common.HexToAddress(d.pass)
	d.chain.Transact(t, owner, pass, bindings.NewAccessPass().PackMint(b.Address))
	proxy, reached := testenv.CountingProxy(t, strings.TrimPrefix(d.url, "http://"))
	cdn := testenv.CDN(t, proxy)
	transfer := func() {
		d.chain.Transact(t, a, pass, bindings.NewAccessPass().PackTransferFrom(a.Address, c.Address, passOf(t, d.e2e, pass, a.Address)))
	}
	d.run(t, "cdn", 50*time.Second, []string{"EDGE=" + cdn.URL, "HOLDER_B_KEY=" + keyHex(b), "BUFFER=6"}, transfer)

	for _, name := range []string{"cdn-A-hls-hls", "cdn-A-shaka-hls"} {
		var r struct {
			FramesAtBlock, VideoWidth, BlockToRevokedMs, BlockToFirst403Ms int
			BufferedAtBlockS, BufferedAtRevokedS, PlayedAfterBlockS        float64
		}
		if err := json.Unmarshal(d.results[name], &r); err != nil {
			t.Fatalf("%s: %s: %v", name, d.results[name], err)
		}
		if r.FramesAtBlock <= 0 || r.VideoWidth <= 0 {
			t.Errorf("%s: %d frames, %d px wide before the block", name, r.FramesAtBlock, r.VideoWidth)
		}
		t.Logf("%s: %d frames decoded (%d px wide) by the block; block→first key 403 %d ms, →revoked %d ms; buffered ahead %.1f s at the block, %.1f s at the event; %.1f s played after the block",
			name, r.FramesAtBlock, r.VideoWidth, r.BlockToFirst403Ms, r.BlockToRevokedMs, r.BufferedAtBlockS, r.BufferedAtRevokedS, r.PlayedAfterBlockS)
	}
	for _, name := range []string{"cdn-B-hls-hls", "cdn-B-shaka-hls", "cdn-B-dash-dash", "cdn-B-shaka-dash"} {
		var r struct{ Frames, VideoWidth, KeysAfterBlock int }
		if err := json.Unmarshal(d.results[name], &r); err != nil {
			t.Fatalf("%s: %s: %v", name, d.results[name], err)
		}
		if r.Frames <= 0 || r.VideoWidth <= 0 {
			t.Errorf("%s: %d frames, %d px wide", name, r.Frames, r.VideoWidth)
		}
		t.Logf("%s: %d frames (%d px wide) to the end, %d keys granted after A's block", name, r.Frames, r.VideoWidth, r.KeysAfterBlock)
	}

	var traffic map[string]struct {
		Fetches  int64
		Statuses []int
		Cache    []string
	}
	if err := json.Unmarshal(d.results["cdn-traffic"], &traffic); err != nil {
		t.Fatalf("cdn-traffic: %s: %v", d.results["cdn-traffic"], err)
	}
	var segs, fetches, edgeHits, keys, keyFetches, edgeBytes, pageBytes int64
	for path, tr := range traffic {
		n := reached(path)
		if !strings.HasPrefix(path, "/c/") {
			// A key: never cached, so every fetch reached the edge.
			keys++
			keyFetches += tr.Fetches
			if n < tr.Fetches || slices.ContainsFunc(tr.Cache, func(s string) bool { return s != "BYPASS" }) {
				t.Errorf("key %s: %d fetches by the pages, %d reached the edge; cache %v", path, tr.Fetches, n, tr.Cache)
			}
			continue
		}
		if n != 1 || !slices.Equal(tr.Statuses, []int{200}) {
			t.Errorf("%s: fetched %d times (%v), reached the edge %d times, want once", path, tr.Fetches, tr.Statuses, n)
		}
		fi, err := os.Stat(filepath.Join(origin, filepath.FromSlash(strings.TrimPrefix(path, "/c/"))))
		if err != nil {
			t.Fatal(err)
		}
		segs++
		fetches += tr.Fetches
		edgeHits += n
		edgeBytes += n * fi.Size()
		pageBytes += tr.Fetches * fi.Size()
	}
	if segs < 10 || fetches <= segs {
		t.Fatalf("%d ciphertext segments fetched %d times: the holders did not share the cache", segs, fetches)
	}
	if got := resultCounts(t, d.url+"/metrics", "streamgate_edge_cdn_requests_total")["ok"]; int64(got) != edgeHits {
		t.Errorf("streamgate_edge_cdn_requests_total{result=\"ok\"} = %d; the counting proxy saw %d", got, edgeHits)
	}
	t.Logf("ciphertext: %d segments, %d fetches by the pages, %d reached the edge (%d of %d bytes, %.0f%%); keys: %d fetches of %d key paths, all reached the edge",
		segs, fetches, edgeHits, edgeBytes, pageBytes, 100*float64(edgeBytes)/float64(pageBytes), keyFetches, keys)
}

// renewalResults reads streamgate_signer_playback_renewals_total by result
// from a Prometheus text page.
func renewalResults(t *testing.T, url string) map[string]int {
	return resultCounts(t, url, "streamgate_signer_playback_renewals_total")
}

// resultCounts reads the counter name by its result label from a
// Prometheus text page.
func resultCounts(t *testing.T, url, name string) map[string]int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	counts := map[string]int{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), name+`{result="`)
		if !ok {
			continue
		}
		result, value, _ := strings.Cut(rest, `"} `)
		n, err := strconv.ParseFloat(value, 64)
		if err != nil {
			t.Fatalf("metrics line %q: %v", sc.Text(), err)
		}
		counts[result] = int(n)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return counts
}
