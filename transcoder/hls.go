package transcoder

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/bluenviron/gohlslib/v2/pkg/playlist"

	"github.com/streamgate/streamgate/asset"
)

// audioGroup is the EXT-X-MEDIA group every variant plays its audio from.
const audioGroup = "audio"

// packaged is what an encode produced, measured from its files.
type packaged struct {
	Renditions []asset.Rendition
	Duration   float64 // seconds, of the top rendition
	// Version is the folder the package is published to; KeyPeriod and
	// SegmentS are set for a CDN-delivery package (asset.json).
	Version   string
	KeyPeriod int
	SegmentS  float64
}

// repStats are one representation's measured bitrates.
type repStats struct {
	peak, average int // bits/s
	duration      float64
}

// finishHLS rewrites ffmpeg's media playlists as VOD and replaces its
// multivariant playlist with one carrying measured BANDWIDTH and
// AVERAGE-BANDWIDTH, CODECS, RESOLUTION and FRAME-RATE. It then checks
// every playlist and the MPD against the files in dir (checkPackage).
func finishHLS(dir string, e encode) (packaged, error) {
	man, err := readMPD(filepath.Join(dir, mpdName))
	if err != nil {
		return packaged{}, err
	}
	codecs := man.codecs()
	reps := len(e.Renditions)
	if e.Info.AudioIndex >= 0 {
		reps++
	}
	stats := make([]repStats, reps)
	for i := range stats {
		if codecs[strconv.Itoa(i)] == "" {
			return packaged{}, fmt.Errorf("ffmpeg output: %s has no codecs for representation %d", mpdName, i)
		}
		if stats[i], err = rewriteMedia(dir, i, e.Segment); err != nil {
			return packaged{}, err
		}
	}
	m, out := multivariant(e, man, stats)
	data, err := m.Marshal()
	if err != nil {
		return packaged{}, fmt.Errorf("writing %s: %w", masterName, err)
	}
	if err := os.WriteFile(filepath.Join(dir, masterName), data, 0o644); err != nil {
		return packaged{}, fmt.Errorf("writing %s: %w", masterName, err)
	}
	return out, checkPackage(dir, man)
}

// multivariant builds the playlist and the asset.json renditions.
func multivariant(e encode, man mpd, stats []repStats) (playlist.Multivariant, packaged) {
	codecs := man.codecs()
	m := playlist.Multivariant{Version: 6, IndependentSegments: true}
	var audio repStats
	var audioCodec []string
	if n := len(e.Renditions); len(stats) > n {
		uri, ch := mediaName(n), "2"
		m.Renditions = []*playlist.MultivariantRendition{{Type: playlist.MultivariantRenditionTypeAudio,
			GroupID: audioGroup, Name: "audio", Default: true, Autoselect: true, Channels: &ch, URI: &uri}}
		audio, audioCodec = stats[n], []string{codecs[strconv.Itoa(n)]}
	}
	out := packaged{Duration: math.Round(stats[0].duration*1000) / 1000}
	for i, r := range e.Renditions {
		v := &playlist.MultivariantVariant{
			Bandwidth:        stats[i].peak + audio.peak,
			AverageBandwidth: new(stats[i].average + audio.average),
			Codecs:           append([]string{codecs[strconv.Itoa(i)]}, audioCodec...),
			Resolution:       fmt.Sprintf("%dx%d", r.Width, r.Height),
			URI:              mediaName(i),
		}
		// FRAME-RATE is the maximum rate of the rendition as encoded, which
		// the MPD states: ffmpeg encodes a variable-frame-rate source at a
		// constant nominal rate, above the source's average.
		fr := man.frameRate(strconv.Itoa(i))
		if fr == 0 {
			fr = e.Info.FrameRate
		}
		if fr > 0 {
			v.FrameRate = new(math.Round(fr*1000) / 1000)
		}
		if audioCodec != nil {
			v.Audio = audioGroup
		}
		m.Variants = append(m.Variants, v)
		out.Renditions = append(out.Renditions, asset.Rendition{Name: r.Name, Width: r.Width, Height: r.Height,
			Bandwidth: v.Bandwidth, Codecs: joinCodecs(v.Codecs)})
	}
	return m, out
}

func mediaName(i int) string { return "media_" + strconv.Itoa(i) + ".m3u8" }

func joinCodecs(c []string) string {
	s := c[0]
	for _, x := range c[1:] {
		s += "," + x
	}
	return s
}

// rewriteMedia marks media_i.m3u8 VOD, drops ffmpeg's wall-clock
// PROGRAM-DATE-TIME tags, sets EXT-X-TARGETDURATION from the segments
// (targetDuration), and measures the segments it lists. The peak counts a
// short last segment as half a segment long, so that a lone keyframe does
// not set the variant's BANDWIDTH.
func rewriteMedia(dir string, i int, segment time.Duration) (repStats, error) {
	path := filepath.Join(dir, mediaName(i))
	data, err := os.ReadFile(path)
	if err != nil {
		return repStats{}, fmt.Errorf("ffmpeg output: %w", err)
	}
	// ffmpeg writes the longest segment rounded, 0 for a clip under half a
	// second, which the parser refuses; the target is recomputed below.
	data = targetTag.ReplaceAll(data, []byte("#EXT-X-TARGETDURATION:1"))
	var m playlist.Media
	if err := m.Unmarshal(data); err != nil {
		return repStats{}, badOutput("%s: %v", mediaName(i), err)
	}
	m.TargetDuration = targetDuration(m.Segments)
	var st repStats
	var bytes int64
	for _, s := range m.Segments {
		s.DateTime = nil
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(s.URI)))
		if err != nil {
			return repStats{}, fmt.Errorf("ffmpeg output: %s lists %w", mediaName(i), err)
		}
		bytes += fi.Size()
		st.duration += s.Duration.Seconds()
		d := max(s.Duration.Seconds(), segment.Seconds()/2)
		st.peak = max(st.peak, int(math.Ceil(float64(fi.Size())*8/d)))
	}
	if st.duration > 0 {
		st.average = int(math.Ceil(float64(bytes) * 8 / st.duration))
	}
	vod := playlist.MediaPlaylistTypeVOD
	m.PlaylistType, m.Endlist = &vod, true
	if data, err = m.Marshal(); err != nil {
		return repStats{}, fmt.Errorf("rewriting %s: %w", mediaName(i), err)
	}
	return st, os.WriteFile(path, data, 0o644)
}

var targetTag = regexp.MustCompile(`(?m)^#EXT-X-TARGETDURATION:.*$`)

// targetDuration is the smallest EXT-X-TARGETDURATION RFC 8216 §4.3.3.1
// allows for segs: every EXTINF rounded to the nearest integer (halves
// up), and at least 1 s, so that a clip shorter than half a second still
// has a valid target.
func targetDuration(segs []*playlist.MediaSegment) int {
	t := 1
	for _, s := range segs {
		t = max(t, int(math.Round(s.Duration.Seconds())))
	}
	return t
}

// hlsSegments are what one media playlist lists: its EXT-X-MAP and its
// segments in order.
type hlsSegments struct {
	init  string
	media []string
}

// checkPackage is the one check every published asset passes: the
// multivariant playlist references every playlist in dir and no other,
// each is a valid media playlist (checkMediaPlaylist), and the MPD
// addresses the same segments (checkDASH). A violation is a bad output
// (ErrBadSource): the job fails without retries.
func checkPackage(dir string, man mpd) error {
	data, err := os.ReadFile(filepath.Join(dir, masterName))
	if err != nil {
		return err
	}
	var master playlist.Multivariant
	if err := master.Unmarshal(data); err != nil {
		return badOutput("%s: %v", masterName, err)
	}
	uris := map[string]bool{}
	for _, v := range master.Variants {
		uris[v.URI] = true
	}
	for _, r := range master.Renditions {
		if r.URI != nil {
			uris[*r.URI] = true
		}
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.m3u8"))
	if err != nil {
		return err
	}
	listed := map[string]hlsSegments{}
	for _, path := range names {
		name := filepath.Base(path)
		if name == masterName {
			continue
		}
		id, ok := strings.CutPrefix(strings.TrimSuffix(name, ".m3u8"), "media_")
		if !uris[name] || !ok {
			return badOutput("%s is not in %s", name, masterName)
		}
		delete(uris, name)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if listed[id], err = checkMediaPlaylist(dir, name, data); err != nil {
			return err
		}
	}
	for uri := range uris {
		return badOutput("%s lists %s, which was not written", masterName, uri)
	}
	return checkDASH(man, listed)
}

// checkMediaPlaylist checks a media playlist as published: VOD with
// EXT-X-ENDLIST, EXT-X-TARGETDURATION at least 1 and at least every EXTINF
// rounded to the nearest integer (RFC 8216 §4.3.3.1), every EXTINF
// positive, and its EXT-X-MAP and segments files of dir.
func checkMediaPlaylist(dir, name string, data []byte) (hlsSegments, error) {
	var m playlist.Media
	if err := m.Unmarshal(data); err != nil {
		return hlsSegments{}, badOutput("%s: %v", name, err)
	}
	if m.PlaylistType == nil || *m.PlaylistType != playlist.MediaPlaylistTypeVOD || !m.Endlist {
		return hlsSegments{}, badOutput("%s is not a VOD playlist with EXT-X-ENDLIST", name)
	}
	if m.TargetDuration < 1 {
		return hlsSegments{}, badOutput("%s: EXT-X-TARGETDURATION %d is under 1", name, m.TargetDuration)
	}
	var out hlsSegments
	if m.Map != nil {
		out.init = m.Map.URI
	}
	for _, s := range m.Segments {
		d := s.Duration.Seconds()
		if d <= 0 || math.Round(d) > float64(m.TargetDuration) {
			return hlsSegments{}, badOutput("%s: %s lasts %.5f s, EXT-X-TARGETDURATION is %d (RFC 8216 §4.3.3.1)", name, s.URI, d, m.TargetDuration)
		}
		out.media = append(out.media, s.URI)
	}
	for _, uri := range append([]string{out.init}, out.media...) {
		if uri == "" || strings.Contains(uri, "/") {
			return hlsSegments{}, badOutput("%s lists %q, not a file of the asset", name, uri)
		}
		if fi, err := os.Stat(filepath.Join(dir, uri)); err != nil || !fi.Mode().IsRegular() {
			return hlsSegments{}, badOutput("%s lists %s, which was not written", name, uri)
		}
	}
	return out, nil
}
