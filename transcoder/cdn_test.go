package transcoder

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bluenviron/gohlslib/v2/pkg/playlist"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/internal/testenv"
)

// publishCDN transcodes a 5 s clip (320x180 and a tone) with 1 s segments,
// a 180p/90p ladder and key_period 2 as a CDN-delivery asset into a folder
// origin. It returns the origin folder and the parsed asset.json.
func publishCDN(t *testing.T, id string) (string, *asset.Asset) {
	t.Helper()
	ffmpeg := testenv.Bin(t, "ffmpeg")
	src := filepath.Join(t.TempDir(), "src.mp4")
	if out, err := exec.Command(ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=5",
		"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=5", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", src).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	dir := t.TempDir()
	cfg := DefaultConfig()
	cfg.Origin.Regions = []RegionConfig{{Name: "local", Dir: dir}}
	cfg.Transcode.FFmpeg, cfg.Transcode.FFprobe, cfg.Transcode.Preset = ffmpeg, testenv.Bin(t, "ffprobe"), "ultrafast"
	cfg.Transcode.SegmentDuration, cfg.Transcode.KeyPeriod, cfg.Transcode.AudioBitrate = time.Second, 2, 64_000
	cfg.Transcode.Ladders["tiny"] = []Rung{{Name: "180p", Height: 180, VideoBitrate: 300_000}, {Name: "90p", Height: 90, VideoBitrate: 100_000}}
	spec := Spec{Asset: id, Ladder: "tiny", Policy: []byte(`{"public":true}`), Delivery: asset.DeliveryCDN}
	if err := TranscodeFile(context.Background(), cfg, spec, src, nil); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, id, asset.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	a, err := asset.Parse(id, raw)
	if err != nil || !a.CDN() || a.KeyPeriod != 2 || a.SegmentS != 1 || !asset.ValidVersion(a.Version) {
		t.Fatalf("asset.json %s: %v", raw, err)
	}
	return dir, a
}

// TestCDNPackage holds a CDN-delivery publish to docs/protocol.md §4:
// every media segment of every media playlist has ciphertext under aes/
// that decrypts (AES-128-CBC, PKCS#7, the playlist's IV, keys.json's key
// for its period) to exactly the clear segment; IVs are unique across the
// asset; the key changes every key_period segments and is the same across
// renditions for a period; the playlists parse with gohlslib, EXT-X-MAP
// (clear, relative) before the first EXT-X-KEY, segment URIs on the
// token-free path, key URIs relative under the gated one; keys.json names
// exactly the periods used; and the master playlist and MPD are the
// edge-mode ones (relative, clear).
func TestCDNPackage(t *testing.T) {
	dir, a := publishCDN(t, "cdn")
	vdir := filepath.Join(dir, "cdn", a.Version)
	raw, err := os.ReadFile(filepath.Join(vdir, asset.KeysName))
	if err != nil {
		t.Fatal(err)
	}
	ks, keys, err := asset.ParseKeys(raw)
	if err != nil || ks.KeyPeriod != 2 {
		t.Fatalf("keys.json %s: %v", raw, err)
	}
	master, err := os.ReadFile(filepath.Join(vdir, masterName))
	if err != nil {
		t.Fatal(err)
	}
	var m playlist.Multivariant
	if err := m.Unmarshal(master); err != nil {
		t.Fatal(err)
	}
	playlists := []string{*m.Renditions[0].URI}
	for _, v := range m.Variants {
		playlists = append(playlists, v.URI)
	}
	if len(playlists) != 3 || bytes.Contains(master, []byte("/c/")) {
		t.Fatalf("master.m3u8:\n%s", master)
	}
	ivs := map[string]string{}
	periodKey := map[int]string{}
	used := map[int]bool{}
	prefix := "/c/cdn/" + a.Version + "/aes/"
	for _, name := range playlists {
		data, err := os.ReadFile(filepath.Join(vdir, name))
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		if mapAt, keyAt := strings.Index(text, "#EXT-X-MAP:"), strings.Index(text, "#EXT-X-KEY:"); mapAt < 0 || keyAt < mapAt {
			t.Fatalf("%s: EXT-X-MAP (%d) must come before the first EXT-X-KEY (%d)\n%s", name, mapAt, keyAt, text)
		}
		var pl playlist.Media
		if err := pl.Unmarshal(data); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, data)
		}
		if pl.Map == nil || strings.Contains(pl.Map.URI, "/") {
			t.Fatalf("%s: EXT-X-MAP %+v, want the clear init, relative", name, pl.Map)
		}
		if _, err := os.Stat(filepath.Join(vdir, asset.CipherDir, pl.Map.URI)); err == nil {
			t.Errorf("%s: the init segment was encrypted", name)
		}
		if len(pl.Segments) < 5 {
			t.Fatalf("%s: %d segments, want 5 or more (5 s in 1 s segments)", name, len(pl.Segments))
		}
		for j, s := range pl.Segments {
			p := j / 2
			seg, ok := strings.CutPrefix(s.URI, prefix)
			switch {
			case !ok || strings.Contains(seg, "/"):
				t.Fatalf("%s: segment URI %q, want %s{name}", name, s.URI, prefix)
			case s.Key == nil || s.Key.Method != playlist.MediaKeyMethodAES128 || s.Key.URI != "keys/"+strconv.Itoa(p)+".key":
				t.Fatalf("%s: segment %d key %+v, want AES-128 keys/%d.key", name, j, s.Key, p)
			case len(s.Key.IV) != 34 || !strings.HasPrefix(s.Key.IV, "0x"):
				t.Fatalf("%s: IV %q, want 0x and 32 hex digits", name, s.Key.IV)
			case ivs[s.Key.IV] != "":
				t.Fatalf("IV %s used for %s and %s", s.Key.IV, ivs[s.Key.IV], s.URI)
			}
			ivs[s.Key.IV] = s.URI
			used[p] = true
			iv, _ := hex.DecodeString(s.Key.IV[2:])
			plain, err := os.ReadFile(filepath.Join(vdir, seg))
			if err != nil {
				t.Fatalf("clear segment for DASH: %v", err)
			}
			enc, err := os.ReadFile(filepath.Join(vdir, asset.CipherDir, seg))
			if err != nil {
				t.Fatal(err)
			}
			if got := decrypt(t, keys[p][:], iv, enc); !bytes.Equal(got, plain) {
				t.Fatalf("%s: aes/%s does not decrypt to the clear segment (%d vs %d bytes)", name, seg, len(got), len(plain))
			}
			periodKey[p] = hex.EncodeToString(keys[p][:])
		}
	}
	if len(keys) < 3 || len(used) != len(keys) {
		t.Fatalf("keys.json has %d keys, playlists use %d periods; want the same, at least 3 (5 s, 1 s segments, period 2)", len(keys), len(used))
	}
	distinct := map[string]bool{}
	for _, k := range periodKey {
		distinct[k] = true
	}
	if len(distinct) != len(periodKey) {
		t.Fatalf("keys repeat across periods: %v", periodKey)
	}
	mpd, err := os.ReadFile(filepath.Join(vdir, mpdName))
	if err != nil || bytes.Contains(mpd, []byte("/c/")) || bytes.Contains(mpd, []byte(asset.CipherDir+"/")) {
		t.Fatalf("manifest.mpd must address the clear segments: %v\n%s", err, mpd)
	}
	var total, cipherBytes int64
	_ = filepath.WalkDir(vdir, func(path string, d os.DirEntry, err error) error {
		if fi, ferr := d.Info(); err == nil && ferr == nil && fi.Mode().IsRegular() {
			total += fi.Size()
			if filepath.Base(filepath.Dir(path)) == asset.CipherDir {
				cipherBytes += fi.Size()
			}
		}
		return err
	})
	t.Logf("%d segments encrypted under %d keys, %d unique IVs; storage %d bytes, of which ciphertext %d (%.0f%% over the clear set)",
		len(ivs), len(keys), len(ivs), total, cipherBytes, 100*float64(cipherBytes)/float64(total-cipherBytes))
}

// decrypt is AES-128-CBC with PKCS#7 padding checked strictly.
func decrypt(t *testing.T, key, iv, enc []byte) []byte {
	t.Helper()
	block, err := aes.NewCipher(key)
	if err != nil || len(enc) == 0 || len(enc)%aes.BlockSize != 0 {
		t.Fatalf("ciphertext of %d bytes: %v", len(enc), err)
	}
	out := make([]byte, len(enc))
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(out, enc)
	pad := int(out[len(out)-1])
	if pad < 1 || pad > aes.BlockSize || !bytes.Equal(out[len(out)-pad:], bytes.Repeat([]byte{byte(pad)}, pad)) {
		t.Fatalf("bad PKCS#7 padding %d", pad)
	}
	return out[:len(out)-pad]
}

// serveCDNLayout is the edge's mapping of a folder origin, without a gate:
// /t/{tok}/v/{asset}/{path} serves {asset}/{path} except keys.json and aes/,
// /t/{tok}/v/{asset}/{version}/keys/{p}.key the 16 bytes of key p, and
// /c/{asset}/{version}/aes/{name} the ciphertext. It logs every path asked.
func serveCDNLayout(t *testing.T, dir string) (string, func() []string) {
	t.Helper()
	var mu sync.Mutex
	var asked []string
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		p := r.URL.Path
		if rest, ok := strings.CutPrefix(p, "/c/"); ok {
			if parts := strings.Split(rest, "/"); len(parts) != 4 || parts[2] != asset.CipherDir {
				http.NotFound(w, r)
				return
			}
			r.URL.Path = "/" + rest
			files.ServeHTTP(w, r)
			return
		}
		parts := strings.SplitN(p, "/", 6) // "", t, tok, v, asset, rest
		if len(parts) != 6 || parts[1] != "t" || parts[3] != "v" {
			http.NotFound(w, r)
			return
		}
		rest := strings.Split(parts[5], "/")
		if len(rest) == 3 && rest[1] == "keys" && strings.HasSuffix(rest[2], ".key") {
			raw, err := os.ReadFile(filepath.Join(dir, parts[4], rest[0], asset.KeysName))
			n, perr := strconv.Atoi(strings.TrimSuffix(rest[2], ".key"))
			_, keys, kerr := asset.ParseKeys(raw)
			if err != nil || perr != nil || kerr != nil || n < 0 || n >= len(keys) {
				http.NotFound(w, r)
				return
			}
			_, _ = w.Write(keys[n][:])
			return
		}
		if strings.HasSuffix(p, "/"+asset.KeysName) || strings.Contains(p, "/"+asset.CipherDir+"/") {
			http.NotFound(w, r)
			return
		}
		r.URL.Path = "/" + parts[4] + "/" + parts[5]
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), asked...)
	}
}

// TestCDNPlaysInFFmpeg: ffmpeg, a real HLS client, decrypts and decodes the
// CDN-delivery asset end to end from an HTTP server laid out as the edge
// serves it (segments from /c/, keys and playlists under the token path)
// without an error, and ffprobe counts every frame of every rendition; and it fetched every key and segment
// from where the design puts them. The clear DASH plays too.
func TestCDNPlaysInFFmpeg(t *testing.T) {
	dir, a := publishCDN(t, "cdnplay")
	url, asked := serveCDNLayout(t, dir)
	base := url + "/t/tok/v/cdnplay/" + a.Version + "/"
	// ffmpeg plays every stream to the end, decrypting and decoding, and
	// reports no error.
	out, err := exec.Command(testenv.Bin(t, "ffmpeg"), "-hide_banner", "-v", "error", "-i", base+masterName, "-map", "0", "-f", "null", "-").CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Fatalf("ffmpeg -i master.m3u8 -f null -: %v\n%s", err, out)
	}
	ffprobe := testenv.Bin(t, "ffprobe")
	for _, manifest := range []string{masterName, mpdName} {
		cmd := exec.Command(ffprobe, "-v", "error", "-count_frames", "-show_entries", "stream=index,codec_type,nb_read_frames", "-of", "csv=p=0", base+manifest)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || stderr.Len() > 0 {
			t.Fatalf("ffprobe decoding %s: %v\n%s", manifest, err, stderr.String())
		}
		frames := map[string]int{}
		seen := map[string]bool{} // ffprobe lists a stream again in each program
		for _, line := range strings.Fields(string(out)) {
			f := strings.Split(line, ",")
			if len(f) != 3 || seen[f[0]] {
				continue
			}
			seen[f[0]] = true
			c, _ := strconv.Atoi(f[2])
			frames[f[1]] += c
		}
		// Two video renditions of 5 s at 25 fps, and the audio.
		if frames["video"] != 250 || frames["audio"] == 0 {
			t.Fatalf("%s: decoded %v frames, want 250 video and audio\n%s", manifest, frames, out)
		}
		t.Logf("%s: decoded %v frames", manifest, frames)
	}
	var keysAsked, cipherAsked, clearAsked int
	for _, p := range asked() {
		switch {
		case strings.Contains(p, "/keys/"):
			keysAsked++
		case strings.HasPrefix(p, "/c/"):
			cipherAsked++
		case strings.HasSuffix(p, ".m4s") && !strings.Contains(p, "init"):
			clearAsked++
		}
	}
	if keysAsked == 0 || cipherAsked < 15 || clearAsked < 15 {
		t.Fatalf("asked %d keys, %d ciphertext, %d clear segments (DASH): %v", keysAsked, cipherAsked, clearAsked, asked())
	}
	t.Logf("ffmpeg fetched %d keys and %d ciphertext segments for HLS, %d clear segments for DASH", keysAsked, cipherAsked, clearAsked)
}
