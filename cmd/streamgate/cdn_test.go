package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/transcoder"
)

// cdnKeyPeriod is the CDN-mode test asset's key period: segments per key
// (1 s segments here).
const cdnKeyPeriod = 3

// cdnOrigin publishes a 4 s clip (320x180, 25 fps, with audio) through the
// transcoder as a CDN-mode asset "clip" with manifest's policy: the clear
// CMAF set, the AES-128 ciphertext under aes/, keys.json, and media
// playlists naming token-free /c/ segments and gated keys.
func cdnOrigin(t *testing.T, manifest string) []edge.RegionConfig {
	return cdnOriginSeconds(4)(t, manifest)
}

// cdnOriginSeconds is cdnOrigin with a clip of that many seconds.
func cdnOriginSeconds(seconds int) e2eOrigin {
	return func(t *testing.T, manifest string) []edge.RegionConfig {
		var m struct{ Policy json.RawMessage }
		if err := json.Unmarshal([]byte(manifest), &m); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		cdnPublish(t, dir, "clip", "", m.Policy, seconds)
		return []edge.RegionConfig{{Name: "local", Dir: dir}}
	}
}

// cdnPublish transcodes a clip of that many seconds (320x180, 25 fps, a
// tone; one 180p rendition, 1 s segments, cdnKeyPeriod) and publishes it
// into the folder origin dir as CDN-mode asset id under policy.
func cdnPublish(t *testing.T, dir, id, title string, policy json.RawMessage, seconds int) {
	ffmpeg, ffprobe := testenv.Bin(t, "ffmpeg"), testenv.Bin(t, "ffprobe")
	src, d := filepath.Join(t.TempDir(), "src.mp4"), strconv.Itoa(seconds)
	if out, err := exec.Command(ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration="+d,
		"-f", "lavfi", "-i", "sine=frequency=440:duration="+d, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", src).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	cfg := transcoder.DefaultConfig()
	cfg.Origin.Regions = []transcoder.RegionConfig{{Name: "local", Dir: dir}}
	cfg.Transcode.FFmpeg, cfg.Transcode.FFprobe, cfg.Transcode.Preset = ffmpeg, ffprobe, "ultrafast"
	cfg.Transcode.SegmentDuration = time.Second
	cfg.Transcode.KeyPeriod = cdnKeyPeriod
	cfg.Transcode.Ladders["test"] = []transcoder.Rung{{Name: "180p", Height: 180, VideoBitrate: 300_000}}
	spec := transcoder.Spec{Asset: id, Title: title, Ladder: "test", Policy: policy, Delivery: asset.DeliveryCDN}
	started := time.Now()
	if err := transcoder.TranscodeFile(context.Background(), cfg, spec, src, nil); err != nil {
		t.Fatal(err)
	}
	t.Logf("published a %d s CDN-mode asset %q in %s", seconds, id, time.Since(started).Round(time.Millisecond))
}

// cdnPlay is the CDN test's layout: an edge hosting the signer and the
// indexer over the CDN-mode clip, a counting proxy in front of it, and the
// nginx cache stand-in in front of that.
type cdnPlay struct {
	*e2e
	ffmpeg  string
	cdn     *testenv.CDNEnv
	reached func(path string) int64 // GETs that reached the edge, by path
}

// The in-process indexer keeps its default poll interval (200 ms), so the
// revocation time measured is the one a deployment sees.
func startCDNPlay(t *testing.T) *cdnPlay {
	e := startE2EOn(t, cdnOrigin)
	proxy, reached := testenv.CountingProxy(t, strings.TrimPrefix(e.url, "http://"))
	return &cdnPlay{e2e: e, ffmpeg: testenv.Bin(t, "ffmpeg"), cdn: testenv.CDN(t, proxy), reached: reached}
}

// session is a holder's playback: its token and the version folder the
// signer's HLS URL names (/t/{token}/v/clip/{version}/master.m3u8).
type session struct{ tok, version string }

// play signs a in and starts a playback session of the clip.
func (p *cdnPlay) play(t *testing.T, a *testenv.Account) session {
	var pb struct{ Token, HLS string }
	p.call(t, "POST", "/playback/clip", p.signIn(t, a), nil, 200, &pb)
	rest, ok := strings.CutPrefix(pb.HLS, "/t/"+pb.Token+"/v/clip/")
	version, ok2 := strings.CutSuffix(rest, "/master.m3u8")
	if !ok || !ok2 || !asset.ValidVersion(version) {
		t.Fatalf("playback URL %s names no version", pb.HLS)
	}
	return session{pb.Token, version}
}

// path is a gated path of the session's version.
func (s session) path(rel string) string { return "/t/" + s.tok + "/v/clip/" + s.version + "/" + rel }

// ffmpegPlay decodes the clip's video through the cache with tok and
// returns the frames decoded; realtime reads at the media's pace (-re), as
// a player does, so keys are asked for as playback reaches their period.
// It may run on another goroutine: it only logs.
func (p *cdnPlay) ffmpegPlay(t *testing.T, s session, realtime bool) int {
	args := []string{"-hide_banner", "-nostdin", "-v", "error"}
	if realtime {
		args = append(args, "-re")
	}
	args = append(args, "-i", p.cdn.URL+s.path("master.m3u8"), "-map", "0:v:0", "-f", "framecrc", "-")
	cmd := exec.Command(p.ffmpeg, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Logf("ffmpeg: %v: %s", err, stderr.String())
	}
	frames := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			frames++
		}
	}
	return frames
}

// segments lists the token-free segment paths of the clip's media playlists.
func (p *cdnPlay) segments(t *testing.T, s session) []string {
	var segs []string
	for _, pl := range []string{"media_0.m3u8", "media_1.m3u8"} {
		resp, err := http.Get(p.cdn.URL + s.path(pl))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for line := range strings.SplitSeq(string(body), "\n") {
			if strings.HasPrefix(line, "/c/") {
				segs = append(segs, line)
			}
		}
	}
	if len(segs) < 8 {
		t.Fatalf("the media playlists name %d token-free segments", len(segs))
	}
	return segs
}

// TestCDNTwoHoldersShareTheCache: two holders with their own tokens play
// the CDN-mode clip through the cache stand-in with ffmpeg, which decrypts
// AES-128: every frame decodes for both, and the edge served each media
// segment once in total; every later fetch was a cache hit.
func TestCDNTwoHoldersShareTheCache(t *testing.T) {
	p := startCDNPlay(t)
	owner, a, b := p.chain.Accounts[0], p.chain.Accounts[1], p.chain.Accounts[2]
	p.chain.Transact(t, owner, common.HexToAddress(p.pass), bindings.NewAccessPass().PackMint(b.Address))
	ta, tb := p.play(t, a), p.play(t, b)
	for who, s := range map[string]session{"A": ta, "B": tb} {
		if frames := p.ffmpegPlay(t, s, false); frames != 100 {
			t.Fatalf("holder %s decoded %d frames, want 100 (4 s at 25 fps)", who, frames)
		}
	}
	segs := p.segments(t, ta)
	for _, s := range segs {
		n := p.reached(s)
		if n > 1 {
			t.Errorf("%s reached the edge %d times, want at most once", s, n)
		}
		if n == 0 {
			continue // an audio segment ffmpeg did not need for the video
		}
		resp, err := http.Get(p.cdn.URL + s)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get(testenv.CacheStatus); got != "HIT" {
			t.Errorf("%s: a later fetch is %s, want HIT", s, got)
		}
	}
	played := 0
	for _, s := range segs {
		if p.reached(s) == 1 {
			played++
		}
	}
	if played < 4 {
		t.Fatalf("%d segments reached the edge, want at least the 4 video ones ffmpeg decoded", played)
	}
	t.Logf("%d of %d segments reached the edge, once each; every other fetch by either holder was a cache hit", played, len(segs))
	// A key is never cached: each holder's key requests reached the edge.
	for _, s := range []session{ta, tb} {
		if n := p.reached(s.path("keys/0.key")); n < 1 {
			t.Errorf("a holder's key 0 reached the edge %d times", n)
		}
	}
	// The key traffic docs/protocol.md §4 (CDN delivery) states: how many
	// key requests one ffmpeg playback made, against the keys there are.
	keys, requests := (len(segs)/2+cdnKeyPeriod-1)/cdnKeyPeriod, int64(0)
	for k := range keys + 1 { // one past the schedule: none asked for
		requests += p.reached(ta.path("keys/" + strconv.Itoa(k) + ".key"))
	}
	t.Logf("holder A's ffmpeg made %d key requests for %d media playlists of %d segments (%d keys each, key_period %d)",
		requests, 2, len(segs)/2, keys, cdnKeyPeriod)
	resp, err := http.Get(p.cdn.URL + ta.path("keys/0.key"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cc, cs := resp.Header.Get("Cache-Control"), resp.Header.Get(testenv.CacheStatus); cc != "private, no-store" || cs == "HIT" {
		t.Fatalf("key through the cache: Cache-Control %q, %s %q", cc, testenv.CacheStatus, cs)
	}
	// Through the cache, the token-free path serves nothing but ciphertext,
	// and caches none of its refusals (edge/cdn_test.go holds the whole class).
	v := "/c/clip/" + ta.version + "/"
	clearSeg := strings.Replace(segs[0], "/aes/", "/", 1) // the clear copy of a segment, for DASH on the gated path
	name := path.Base(clearSeg)
	for _, u := range []string{clearSeg, v + "master.m3u8", v + "media_0.m3u8", v + "manifest.mpd", "/c/clip/asset.json",
		"/c/clip/versions.json", v + "keys.json", v + "keys/0.key", v + "aes/../keys.json", v + "aes/%2e%2e/" + name, v + "aes/..%2f" + name} {
		for i := range 2 {
			resp, body := testenv.RawHTTP(t, p.cdn.Addr, "GET "+u+" HTTP/1.1\r\nHost: cdn\r\nConnection: close\r\n\r\n")
			if resp.StatusCode != 404 || resp.Header.Get(testenv.CacheStatus) == "HIT" {
				t.Fatalf("%s #%d through the cache: %d %s %q", u, i, resp.StatusCode, resp.Header.Get(testenv.CacheStatus), body)
			}
		}
	}
}

// TestCDNRevocation: holder A plays in real time through the cache; the
// pass is transferred on the chain; A's next key request is 403 revoked
// once the indexer has seen the block, while holder B keeps getting keys,
// and A's player stops after the media it had keys for.
func TestCDNRevocation(t *testing.T) {
	p := startCDNPlay(t)
	owner, a, b, c := p.chain.Accounts[0], p.chain.Accounts[1], p.chain.Accounts[2], p.chain.Accounts[3]
	pass := common.HexToAddress(p.pass)
	p.chain.Transact(t, owner, pass, bindings.NewAccessPass().PackMint(b.Address))
	ta, tb := p.play(t, a), p.play(t, b)
	keyOf := func(s session, period int) (int, string) {
		resp, err := http.Get(p.cdn.URL + s.path(fmt.Sprintf("keys/%d.key", period)))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		var e struct{ Error string }
		_ = json.Unmarshal(body, &e)
		return resp.StatusCode, e.Error
	}
	frames := make(chan int, 1)
	started := time.Now()
	go func() { frames <- p.ffmpegPlay(t, ta, true) }()
	key0 := ta.path("keys/0.key")
	testenv.WaitFor(t, 10*time.Second, testenv.Holds("A's player fetched its first key", func() bool { return p.reached(key0) > 0 }))
	id := passOf(t, p.e2e, pass, a.Address)
	p.chain.Transact(t, a, pass, bindings.NewAccessPass().PackTransferFrom(a.Address, c.Address, id))
	mined := time.Now()
	testenv.WaitFor(t, 5*time.Second, func() error {
		if code, e := keyOf(ta, 1); code != 403 || e != "revoked" {
			return fmt.Errorf("A's next key: %d %s, want 403 revoked", code, e)
		}
		return nil
	})
	t.Logf("A's next key refused (403 revoked) %s after the transfer's block", time.Since(mined))
	if code, _ := keyOf(tb, 1); code != 200 {
		t.Fatalf("holder B's key after A's transfer: %d, want 200", code)
	}
	n := <-frames
	played := float64(n) / 25
	t.Logf("A's player decoded %d frames (%.2f s of media); the transfer came %.2f s into playback, so A played %.2f s of media past the block: the key period it held (%d × 1 s segments)",
		n, played, mined.Sub(started).Seconds(), played-mined.Sub(started).Seconds(), cdnKeyPeriod)
	if n >= 100 || n < 25*cdnKeyPeriod-25 {
		t.Fatalf("A decoded %d frames after losing its pass, want the first key period's (%d) but not the whole clip", n, 25*cdnKeyPeriod)
	}
	if frames := p.ffmpegPlay(t, tb, false); frames != 100 {
		t.Fatalf("holder B decoded %d frames after A's transfer, want 100", frames)
	}
}

// passOf finds the ERC-721 id holder was minted on pass.
func passOf(t *testing.T, e *e2e, pass, holder common.Address) *big.Int {
	logs, err := e.chain.Client.FilterLogs(context.Background(), ethereum.FilterQuery{
		Addresses: []common.Address{pass}, Topics: [][]common.Hash{{crypto.Keccak256Hash([]byte("Transfer(address,address,uint256)"))}, nil, {common.BytesToHash(holder.Bytes())}},
	})
	if err != nil || len(logs) == 0 {
		t.Fatalf("the mint to %s: %v", holder, err)
	}
	return logs[0].Topics[3].Big()
}
