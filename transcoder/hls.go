package transcoder

import (
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/bluenviron/gohlslib/v2/pkg/playlist"

	"github.com/streamgate/streamgate/origin"
)

// audioGroup is the EXT-X-MEDIA group every variant plays its audio from.
const audioGroup = "audio"

// packaged is what an encode produced, measured from its files.
type packaged struct {
	Renditions []origin.Rendition
	Duration   float64 // seconds, of the top rendition
}

// repStats are one representation's measured bitrates.
type repStats struct {
	peak, average int // bits/s
	duration      float64
}

// finishHLS rewrites ffmpeg's media playlists as VOD and replaces its
// multivariant playlist with one carrying measured BANDWIDTH and
// AVERAGE-BANDWIDTH, CODECS, RESOLUTION and FRAME-RATE.
func finishHLS(dir string, e encode) (packaged, error) {
	codecs, err := mpdCodecs(filepath.Join(dir, mpdName))
	if err != nil {
		return packaged{}, err
	}
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
	m, out := multivariant(e, codecs, stats)
	data, err := m.Marshal()
	if err != nil {
		return packaged{}, fmt.Errorf("writing %s: %w", masterName, err)
	}
	if err := os.WriteFile(filepath.Join(dir, masterName), data, 0o644); err != nil {
		return packaged{}, fmt.Errorf("writing %s: %w", masterName, err)
	}
	return out, nil
}

// multivariant builds the playlist and the asset.json renditions.
func multivariant(e encode, codecs map[string]string, stats []repStats) (playlist.Multivariant, packaged) {
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
		if e.Info.FrameRate > 0 {
			v.FrameRate = new(math.Round(e.Info.FrameRate*1000) / 1000)
		}
		if audioCodec != nil {
			v.Audio = audioGroup
		}
		m.Variants = append(m.Variants, v)
		out.Renditions = append(out.Renditions, origin.Rendition{Name: r.Name, Width: r.Width, Height: r.Height,
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
// PROGRAM-DATE-TIME tags, and measures the segments it lists. The peak
// counts a short last segment as half a target duration long, so that a
// lone keyframe does not set the variant's BANDWIDTH.
func rewriteMedia(dir string, i int, target time.Duration) (repStats, error) {
	path := filepath.Join(dir, mediaName(i))
	data, err := os.ReadFile(path)
	if err != nil {
		return repStats{}, fmt.Errorf("ffmpeg output: %w", err)
	}
	var m playlist.Media
	if err := m.Unmarshal(data); err != nil {
		return repStats{}, fmt.Errorf("ffmpeg output: %s: %w", mediaName(i), err)
	}
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
		d := max(s.Duration.Seconds(), target.Seconds()/2)
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

// mpd is the part of the MPD read back: each representation's codecs.
type mpd struct {
	Periods []struct {
		Sets []struct {
			Reps []struct {
				ID     string `xml:"id,attr"`
				Codecs string `xml:"codecs,attr"`
			} `xml:"Representation"`
		} `xml:"AdaptationSet"`
	} `xml:"Period"`
}

// mpdCodecs maps representation ids to their RFC 6381 codecs, which
// ffmpeg's dash muxer derives from the encoded streams.
func mpdCodecs(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ffmpeg output: %w", err)
	}
	var m mpd
	if err := xml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("ffmpeg output: %s: %w", mpdName, err)
	}
	codecs := map[string]string{}
	for _, p := range m.Periods {
		for _, s := range p.Sets {
			for _, r := range s.Reps {
				codecs[r.ID] = r.Codecs
			}
		}
	}
	return codecs, nil
}
