package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/testenv"
)

// cdnVersion and cdnKeyPeriod are the CDN-mode test asset's version folder
// and key period (segments per key; the test clip has 1 s segments).
const (
	cdnVersion   = "v00000000c1a0"
	cdnKeyPeriod = 3
)

// cdnOrigin publishes the test clip as a CDN-mode asset in the versioned
// layout (docs/protocol.md §4, §6): the clear CMAF set, each media segment
// encrypted whole (AES-128-CBC, PKCS#7, a random IV each) under aes/, one
// random key per cdnKeyPeriod segments in keys.json, and media playlists
// whose segments are token-free /c/ URLs and whose keys resolve under the
// token path.
func cdnOrigin(t *testing.T, manifest string) []edge.RegionConfig {
	dir := t.TempDir()
	vdir := filepath.Join(dir, "clip", cdnVersion)
	copyDir(t, testenv.Media(t), vdir)
	var keys [][]byte
	for _, pl := range []string{"media_0.m3u8", "media_1.m3u8"} {
		raw, err := os.ReadFile(filepath.Join(vdir, pl))
		if err != nil {
			t.Fatal(err)
		}
		var out, pending strings.Builder
		seg := 0
		for line := range strings.SplitSeq(strings.TrimRight(string(raw), "\n"), "\n") {
			switch {
			case strings.HasPrefix(line, "#EXTINF"), strings.HasPrefix(line, "#EXT-X-PROGRAM-DATE-TIME"):
				pending.WriteString(line + "\n")
			case line != "" && !strings.HasPrefix(line, "#"):
				period := seg / cdnKeyPeriod
				for len(keys) <= period {
					keys = append(keys, randomBytes(t, 16))
				}
				iv := encryptSegment(t, keys[period], filepath.Join(vdir, line), filepath.Join(vdir, "aes", line))
				fmt.Fprintf(&out, "#EXT-X-KEY:METHOD=AES-128,URI=\"keys/%d.key\",IV=0x%x\n%s/c/clip/%s/aes/%s\n", period, iv, pending.String(), cdnVersion, line)
				pending.Reset()
				seg++
			default:
				out.WriteString(line + "\n")
			}
		}
		writeFile(t, filepath.Join(vdir, pl), out.String())
	}
	hexKeys := make([]string, len(keys))
	for i, k := range keys {
		hexKeys[i] = hex.EncodeToString(k)
	}
	schedule, _ := json.Marshal(map[string]any{"key_period": cdnKeyPeriod, "keys": hexKeys})
	writeFile(t, filepath.Join(vdir, "keys.json"), string(schedule))
	var m map[string]any
	if err := json.Unmarshal([]byte(manifest), &m); err != nil {
		t.Fatal(err)
	}
	m["delivery"], m["version"] = "cdn", cdnVersion
	b, _ := json.Marshal(m)
	writeFile(t, filepath.Join(dir, "clip", "asset.json"), string(b))
	return []edge.RegionConfig{{Name: "local", Dir: dir}}
}

func randomBytes(t *testing.T, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// encryptSegment writes from's bytes to to as RFC 8216 §4.3.2.4 AES-128
// wants them and returns the IV.
func encryptSegment(t *testing.T, key []byte, from, to string) []byte {
	buf, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	pad := aes.BlockSize - len(buf)%aes.BlockSize
	buf = append(buf, bytes.Repeat([]byte{byte(pad)}, pad)...)
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	iv := randomBytes(t, aes.BlockSize)
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(buf, buf)
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(buf))
	return iv
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

func startCDNPlay(t *testing.T) *cdnPlay {
	e := startE2EOn(t, cdnOrigin, func(c *edgeConfig) { c.Indexer.PollInterval = 10 * time.Millisecond })
	proxy, reached := testenv.CountingProxy(t, strings.TrimPrefix(e.url, "http://"))
	return &cdnPlay{e2e: e, ffmpeg: testenv.Bin(t, "ffmpeg"), cdn: testenv.CDN(t, proxy), reached: reached}
}

// token signs a in and returns a playback token for the clip.
func (p *cdnPlay) token(t *testing.T, a *testenv.Account) string {
	var pb struct{ Token string }
	p.call(t, "POST", "/playback/clip", p.signIn(t, a), nil, 200, &pb)
	return pb.Token
}

// ffmpegPlay decodes the clip's video through the cache with tok and
// returns the frames decoded; realtime reads at the media's pace (-re), as
// a player does, so keys are asked for as playback reaches their period.
// It may run on another goroutine: it only logs.
func (p *cdnPlay) ffmpegPlay(t *testing.T, tok string, realtime bool) int {
	args := []string{"-hide_banner", "-nostdin", "-v", "error"}
	if realtime {
		args = append(args, "-re")
	}
	args = append(args, "-i", p.cdn.URL+"/t/"+tok+"/v/clip/"+cdnVersion+"/master.m3u8", "-map", "0:v:0", "-f", "framecrc", "-")
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
func (p *cdnPlay) segments(t *testing.T, tok string) []string {
	var segs []string
	for _, pl := range []string{"media_0.m3u8", "media_1.m3u8"} {
		resp, err := http.Get(p.cdn.URL + "/t/" + tok + "/v/clip/" + cdnVersion + "/" + pl)
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
	ta, tb := p.token(t, a), p.token(t, b)
	for who, tok := range map[string]string{"A": ta, "B": tb} {
		if frames := p.ffmpegPlay(t, tok, false); frames != 100 {
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
	video := 0
	for _, s := range segs {
		if strings.Contains(s, "stream0") && p.reached(s) == 1 {
			video++
		}
	}
	if video != 4 {
		t.Fatalf("%d video segments reached the edge once, want all 4 (ffmpeg played them)", video)
	}
	// A key is never cached: each holder's key requests reached the edge.
	for _, tok := range []string{ta, tb} {
		if n := p.reached("/t/" + tok + "/v/clip/" + cdnVersion + "/keys/0.key"); n < 1 {
			t.Errorf("a holder's key 0 reached the edge %d times", n)
		}
	}
	resp, err := http.Get(p.cdn.URL + "/t/" + ta + "/v/clip/" + cdnVersion + "/keys/0.key")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cc, cs := resp.Header.Get("Cache-Control"), resp.Header.Get(testenv.CacheStatus); cc != "private, no-store" || cs == "HIT" {
		t.Fatalf("key through the cache: Cache-Control %q, %s %q", cc, testenv.CacheStatus, cs)
	}
	// Through the cache, the token-free path serves nothing but ciphertext,
	// and caches none of its refusals (edge/cdn_test.go holds the whole class).
	v := "/c/clip/" + cdnVersion + "/"
	for _, path := range []string{v + "chunk-stream0-00001.m4s", v + "init-stream0.m4s", v + "master.m3u8", v + "media_0.m3u8",
		v + "manifest.mpd", "/c/clip/asset.json", v + "keys.json", v + "keys/0.key", v + "aes/../keys.json", v + "aes/%2e%2e/chunk-stream0-00001.m4s"} {
		for i := range 2 {
			resp, body := testenv.RawHTTP(t, p.cdn.Addr, "GET "+path+" HTTP/1.1\r\nHost: cdn\r\nConnection: close\r\n\r\n")
			if resp.StatusCode != 404 || resp.Header.Get(testenv.CacheStatus) == "HIT" {
				t.Fatalf("%s #%d through the cache: %d %s %q", path, i, resp.StatusCode, resp.Header.Get(testenv.CacheStatus), body)
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
	ta, tb := p.token(t, a), p.token(t, b)
	keyOf := func(tok string, period int) (int, string) {
		resp, err := http.Get(p.cdn.URL + fmt.Sprintf("/t/%s/v/clip/%s/keys/%d.key", tok, cdnVersion, period))
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
	key0 := "/t/" + ta + "/v/clip/" + cdnVersion + "/keys/0.key"
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
