package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/streamgate/streamgate/bench/internal/proc"
	"github.com/streamgate/streamgate/internal/testenv"
)

// The CDN-mode set of the bench asset, in the transcoder's versioned layout
// (docs/protocol.md §4): a media playlist whose segments are token-free
// /c/ URLs and whose EXT-X-KEY URIs resolve under the token path. The
// segments are random bytes: indistinguishable from ciphertext, and the
// viewers here count bytes and cache verdicts rather than decode.
const (
	cdnVersion   = "v0000000000b1"
	cdnRendition = "720p"
	cdnSegments  = 12
	cdnSegSize   = 256 << 10
	cdnInitSize  = 1 << 10
	cdnKeyPeriod = 3
)

// cdnSet is what writeCDNSet wrote.
type cdnSet struct {
	keys     [][16]byte
	playlist string // the media playlist's path under the asset
	media    int64  // bytes of init + every segment: what one viewer receives
}

func cdnKeyPath(period int) string {
	return fmt.Sprintf("%s/keys/%d.key", cdnVersion, period)
}

// writeCDNSet writes the CDN set into assetDir: keys.json (never served;
// each key also as a file for nginx's key run), the clear init, the
// ciphertext segments under aes/ and the media playlist.
func writeCDNSet(assetDir string) (cdnSet, error) {
	set := cdnSet{keys: make([][16]byte, (cdnSegments+cdnKeyPeriod-1)/cdnKeyPeriod), playlist: cdnVersion + "/" + cdnRendition + "/index.m3u8"}
	files := map[string][]byte{}
	hexKeys := make([]string, len(set.keys))
	for i := range set.keys {
		if _, err := rand.Read(set.keys[i][:]); err != nil {
			return cdnSet{}, err
		}
		hexKeys[i] = hex.EncodeToString(set.keys[i][:])
		files[cdnKeyPath(i)] = set.keys[i][:]
	}
	schedule, err := json.Marshal(map[string]any{"key_period": cdnKeyPeriod, "keys": hexKeys})
	if err != nil {
		return cdnSet{}, err
	}
	files[cdnVersion+"/keys.json"] = schedule
	init := make([]byte, cdnInitSize)
	if _, err := rand.Read(init); err != nil {
		return cdnSet{}, err
	}
	files[cdnVersion+"/"+cdnRendition+"/init.mp4"] = init
	set.media = cdnInitSize
	var pl strings.Builder
	pl.WriteString("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n" +
		"#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"init.mp4\"\n")
	for i := range cdnSegments {
		seg := make([]byte, cdnSegSize)
		iv := make([]byte, 16)
		if _, err := rand.Read(seg); err != nil {
			return cdnSet{}, err
		}
		if _, err := rand.Read(iv); err != nil {
			return cdnSet{}, err
		}
		name := fmt.Sprintf("%s/seg%05d.m4s", cdnRendition, i)
		files[cdnVersion+"/aes/"+name] = seg
		set.media += cdnSegSize
		fmt.Fprintf(&pl, "#EXT-X-KEY:METHOD=AES-128,URI=\"../keys/%d.key\",IV=0x%x\n#EXTINF:4.000,\n/c/%s/%s/aes/%s\n",
			i/cdnKeyPeriod, iv, assetID, cdnVersion, name)
	}
	pl.WriteString("#EXT-X-ENDLIST\n")
	files[set.playlist] = []byte(pl.String())
	for name, body := range files {
		p := filepath.Join(assetDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return cdnSet{}, err
		}
		if err := os.WriteFile(p, body, 0o644); err != nil {
			return cdnSet{}, fmt.Errorf("writing %s: %w", name, err)
		}
	}
	return set, nil
}

// cdnResult is the CDN scenario's outcome.
type cdnResult struct {
	viewers      int
	perViewer    int64   // media bytes (init + segments) one viewer received
	edgeMedia    float64 // media bytes the edge sent during the run (streamgate_edge_bytes_out_total{kind="segment"})
	edgeCDN      float64 // token-free requests the edge answered ok
	hits, misses int     // the cache's verdicts on segment fetches
	keys         int     // key requests, all 200
}

// extraPct is the media bytes the edge sent per viewer beyond the first, as
// a percentage of what a viewer received.
func (r cdnResult) extraPct() float64 {
	if r.viewers < 2 || r.perViewer == 0 {
		return 0
	}
	return 100 * (r.edgeMedia - float64(r.perViewer)) / float64(r.viewers-1) / float64(r.perViewer)
}

func (r cdnResult) hitRatio() float64 {
	if r.hits+r.misses == 0 {
		return 0
	}
	return float64(r.hits) / float64(r.hits+r.misses)
}

// runCDN starts the cache stand-in (nginx proxy_cache, as internal/testenv
// runs it for the tests) in front of the edge, then lets n viewers, each
// with its own playback token, play the CDN set at once: the playlist, init
// and keys through the token path, the segments through the cache.
func runCDN(ctx context.Context, dir string, edge running, fx fixture, n int) (res cdnResult, stop func(), err error) {
	stop = func() {}
	prefix := filepath.Join(dir, "cdn")
	if err := os.MkdirAll(prefix, 0o755); err != nil {
		return res, stop, err
	}
	port, err := proc.FreePort()
	if err != nil {
		return res, stop, err
	}
	addr := fmt.Sprintf("%s:%d", loopback, port)
	conf, err := testenv.WriteCDNConfig(prefix, addr, strings.TrimPrefix(edge.base, "http://"))
	if err != nil {
		return res, stop, err
	}
	srv, err := startPinned("cdn", filepath.Join(dir, "cdn.log"), os.Environ(),
		"nginx", "-p", prefix+"/", "-c", conf, "-e", filepath.Join(prefix, "error.log"))
	if err != nil {
		return res, stop, err
	}
	stop = srv.Stop
	if err := waitOK(ctx, srv, "http://"+addr+"/healthz"); err != nil {
		return res, stop, err
	}
	toks, err := edge.tokens(n)
	if err != nil {
		return res, stop, err
	}
	before, err := edgeCounters(ctx, edge.base)
	if err != nil {
		return res, stop, err
	}
	base := "http://" + addr
	var mu sync.Mutex
	g, gctx := errgroup.WithContext(ctx)
	for _, tok := range toks {
		g.Go(func() error {
			v, err := playCDN(gctx, base+"/t/"+tok+"/v/"+assetID+"/"+fx.cdn.playlist)
			if err != nil {
				return err
			}
			mu.Lock()
			defer mu.Unlock()
			if res.perViewer != 0 && v.bytes != res.perViewer {
				return fmt.Errorf("viewers received %d and %d media bytes", res.perViewer, v.bytes)
			}
			res.perViewer = v.bytes
			res.hits += v.hits
			res.misses += v.misses
			res.keys += v.keys
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return res, stop, srv.Failed(err)
	}
	after, err := edgeCounters(ctx, edge.base)
	if err != nil {
		return res, stop, err
	}
	res.viewers = n
	res.edgeMedia = after.media - before.media
	res.edgeCDN = after.cdnOK - before.cdnOK
	if res.perViewer != fx.cdn.media {
		return res, stop, fmt.Errorf("a viewer received %d media bytes, the set has %d", res.perViewer, fx.cdn.media)
	}
	return res, stop, nil
}

// viewer is one simulated player's tally.
type viewer struct {
	bytes              int64
	hits, misses, keys int
}

// playCDN fetches a media playlist, then in order its init segment, each
// new key and each segment, as a player does without waiting on playback.
func playCDN(ctx context.Context, playlist string) (viewer, error) {
	var v viewer
	pu, err := url.Parse(playlist)
	if err != nil {
		return v, err
	}
	body, err := get(ctx, playlist)
	if err != nil {
		return v, err
	}
	lastKey := ""
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		line := sc.Text()
		var ref string
		kind := "segment"
		switch {
		case strings.HasPrefix(line, "#EXT-X-MAP:"):
			ref, kind = attr(line, "URI"), "init"
		case strings.HasPrefix(line, "#EXT-X-KEY:"):
			if ref, kind = attr(line, "URI"), "key"; ref == lastKey {
				continue
			}
			lastKey = ref
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		default:
			ref = line
		}
		u, err := pu.Parse(ref)
		if err != nil {
			return v, err
		}
		n, cache, err := fetch(ctx, u.String())
		if err != nil {
			return v, err
		}
		switch kind {
		case "key":
			if n != 16 {
				return v, fmt.Errorf("key %s: %d bytes", u.Path, n)
			}
			v.keys++
		case "init":
			v.bytes += n
		default:
			v.bytes += n
			if cache == "HIT" {
				v.hits++
			} else {
				v.misses++
			}
		}
	}
	return v, sc.Err()
}

// attr returns a quoted attribute of an EXT-X tag line.
func attr(line, name string) string {
	_, rest, ok := strings.Cut(line, name+"=\"")
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, "\"")
	return v
}

// fetch GETs url and returns the body's length and the cache's verdict.
func fetch(ctx context.Context, u string) (int64, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return 0, "", fmt.Errorf("reading %s: %w", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		return 0, "", fmt.Errorf("GET %s: status %d", u, resp.StatusCode)
	}
	return n, resp.Header.Get(testenv.CacheStatus), nil
}

// counters are the edge series the scenario reads before and after.
type counters struct{ media, cdnOK float64 }

func edgeCounters(ctx context.Context, base string) (counters, error) {
	body, err := get(ctx, base+"/metrics")
	if err != nil {
		return counters{}, err
	}
	var c counters
	for line := range strings.SplitSeq(string(body), "\n") {
		name, val, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		f, err := strconv.ParseFloat(val, 64)
		if err != nil {
			continue
		}
		switch name {
		case `streamgate_edge_bytes_out_total{kind="segment"}`:
			c.media = f
		case `streamgate_edge_cdn_requests_total{result="ok"}`:
			c.cdnOK = f
		}
	}
	return c, nil
}

// cdnLines reports the scenario with the goals.
func cdnLines(r cdnResult) string {
	n := float64(r.viewers)
	return fmt.Sprintf("CDN mode: %d viewers at once through nginx proxy_cache, %d segments of %d B (+ %d B init) each, key_period %d\n"+
		"  media per viewer %d B; the edge sent %.0f B of media (%.0f token-free segment requests) = %.4f%% of a viewer's media per additional viewer (goal < 1%%)\n"+
		"  cache segment hit ratio %.4f (%d hits, %d misses; goal >= (N-1)/N = %.4f); %d key requests, all 200\n",
		r.viewers, cdnSegments, cdnSegSize, cdnInitSize, cdnKeyPeriod,
		r.perViewer, r.edgeMedia, r.edgeCDN, r.extraPct(), r.hitRatio(), r.hits, r.misses, (n-1)/n, r.keys)
}
