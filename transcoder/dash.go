package transcoder

import (
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// mpd is the part of ffmpeg's MPD (ISO/IEC 23009-1) read back: codecs and
// frame rates for the multivariant playlist, and the segment addressing a
// DASH client will follow, checked against what was written.
type mpd struct {
	Duration string      `xml:"mediaPresentationDuration,attr"`
	Periods  []mpdPeriod `xml:"Period"`
}

type mpdPeriod struct {
	Sets []mpdSet `xml:"AdaptationSet"`
}

type mpdSet struct {
	FrameRate string       `xml:"frameRate,attr"`
	Template  *mpdTemplate `xml:"SegmentTemplate"`
	Reps      []mpdRep     `xml:"Representation"`
}

type mpdRep struct {
	ID        string       `xml:"id,attr"`
	Codecs    string       `xml:"codecs,attr"`
	FrameRate string       `xml:"frameRate,attr"`
	Template  *mpdTemplate `xml:"SegmentTemplate"`
}

type mpdTemplate struct {
	Timescale   uint64  `xml:"timescale,attr"`
	Duration    uint64  `xml:"duration,attr"`
	StartNumber *uint64 `xml:"startNumber,attr"`
	Media       string  `xml:"media,attr"`
	Init        string  `xml:"initialization,attr"`
	Timeline    *struct {
		S []struct {
			D uint64 `xml:"d,attr"`
			R int64  `xml:"r,attr"`
		} `xml:"S"`
	} `xml:"SegmentTimeline"`
}

// readMPD parses dir's MPD; ffmpeg writes one period.
func readMPD(path string) (mpd, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return mpd{}, fmt.Errorf("ffmpeg output: %w", err)
	}
	var m mpd
	if err := xml.Unmarshal(data, &m); err != nil {
		return mpd{}, fmt.Errorf("ffmpeg output: %s: %w", mpdName, err)
	}
	if len(m.Periods) != 1 {
		return mpd{}, badOutput("%s has %d periods, want 1", mpdName, len(m.Periods))
	}
	return m, nil
}

// setRep is a representation with the adaptation set whose attributes
// and SegmentTemplate it inherits.
type setRep struct {
	mpdRep
	set mpdSet
}

// reps are the representations by id.
func (m mpd) reps() map[string]setRep {
	out := map[string]setRep{}
	for _, s := range m.Periods[0].Sets {
		for _, r := range s.Reps {
			out[r.ID] = setRep{r, s}
		}
	}
	return out
}

// codecs maps representation ids to their RFC 6381 codecs, which ffmpeg's
// dash muxer derives from the encoded streams.
func (m mpd) codecs() map[string]string {
	out := map[string]string{}
	for id, r := range m.reps() {
		out[id] = r.Codecs
	}
	return out
}

// frameRate is the frame rate representation id was encoded at, in frames
// per second, 0 when the MPD gives none. ffmpeg writes the encoder's
// constant output rate, which for a variable-frame-rate source is its
// nominal rate, not its average.
func (m mpd) frameRate(id string) float64 {
	r := m.reps()[id]
	fr := r.FrameRate
	if fr == "" {
		fr = r.set.FrameRate
	}
	if num, den, ok := ratio(fr); ok && num > 0 && den > 0 {
		return float64(num) / float64(den)
	}
	if f, err := strconv.ParseFloat(fr, 64); err == nil && f > 0 && !math.IsInf(f, 0) {
		return f // FrameRateType without a denominator
	}
	return 0
}

// segments are the initialization and media segment names a DASH client
// computes for representation id: from the SegmentTimeline if there is one,
// else ceil(mediaPresentationDuration / duration) segments of the
// template, as clients count them (ISO/IEC 23009-1 §5.3.9.5.3).
func (m mpd) segments(id string) (init string, media []string, err error) {
	r, ok := m.reps()[id]
	if !ok {
		return "", nil, badOutput("%s has no representation %s", mpdName, id)
	}
	t := r.Template
	if t == nil {
		t = r.set.Template
	}
	if t == nil || t.Media == "" {
		return "", nil, badOutput("%s: representation %s has no SegmentTemplate", mpdName, id)
	}
	var n uint64
	switch {
	case t.Timeline != nil:
		for _, s := range t.Timeline.S {
			if s.R < 0 {
				return "", nil, badOutput("%s: representation %s has an open-ended S@r", mpdName, id)
			}
			n += 1 + uint64(s.R)
		}
	case t.Duration > 0 && t.Timescale > 0:
		total, err := isoSeconds(m.Duration)
		if err != nil {
			return "", nil, badOutput("%s: mediaPresentationDuration: %v", mpdName, err)
		}
		n = uint64(math.Ceil(total*float64(t.Timescale)/float64(t.Duration) - 1e-9))
	default:
		return "", nil, badOutput("%s: representation %s has neither SegmentTimeline nor duration", mpdName, id)
	}
	if n == 0 || n > 1<<20 {
		return "", nil, badOutput("%s: representation %s has %d segments", mpdName, id, n)
	}
	start := uint64(1)
	if t.StartNumber != nil {
		start = *t.StartNumber
	}
	if init, err = expand(t.Init, id, 0); err != nil {
		return "", nil, err
	}
	for i := range n {
		name, err := expand(t.Media, id, start+i)
		if err != nil {
			return "", nil, err
		}
		media = append(media, name)
	}
	return init, media, nil
}

// templateID matches the identifiers a SegmentTemplate may hold
// (ISO/IEC 23009-1 Table 16): $$, or a name with an optional %0Nd width.
var templateID = regexp.MustCompile(`\$(RepresentationID|Number|Bandwidth|Time|SubNumber)?(%0(\d+)d)?\$`)

// expand fills a template's $RepresentationID$ and $Number$ (the only
// ones the transcoder writes); any other identifier is an error.
func expand(tmpl, id string, number uint64) (string, error) {
	var err error
	out := templateID.ReplaceAllStringFunc(tmpl, func(s string) string {
		p := templateID.FindStringSubmatch(s)
		width, _ := strconv.Atoi(p[3])
		switch p[1] {
		case "":
			if p[2] == "" {
				return "$"
			}
		case "RepresentationID":
			if p[2] == "" {
				return id
			}
		case "Number":
			return fmt.Sprintf("%0*d", width, number)
		}
		err = badOutput("%s: unsupported template identifier %s", mpdName, s)
		return s
	})
	if err == nil && strings.Contains(out, "/") {
		err = badOutput("%s: segment %q is not in the asset folder", mpdName, out)
	}
	return out, err
}

// isoDuration is the xs:duration form ffmpeg writes: PT[nH][nM][n.nS].
var isoDuration = regexp.MustCompile(`^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d*)?)S)?$`)

func isoSeconds(s string) (float64, error) {
	p := isoDuration.FindStringSubmatch(s)
	if p == nil || s == "PT" {
		return 0, fmt.Errorf("%q is not PT[nH][nM][nS]", s)
	}
	var total float64
	for i, unit := range []float64{3600, 60, 1} {
		if p[i+1] != "" {
			v, _ := strconv.ParseFloat(p[i+1], 64)
			total += v * unit
		}
	}
	return total, nil
}

// checkDASH holds the MPD to what was published: for every representation
// the segments a DASH client will ask for are exactly those its HLS media
// playlist lists (checked to exist by checkMediaPlaylist), so neither format
// promises a segment the origin lacks or leaves one out.
func checkDASH(m mpd, listed map[string]hlsSegments) error {
	reps := m.reps()
	if len(reps) != len(listed) {
		return badOutput("%s has %d representations, the HLS playlists %d", mpdName, len(reps), len(listed))
	}
	for id, hls := range listed {
		init, media, err := m.segments(id)
		if err != nil {
			return err
		}
		if init != hls.init {
			return badOutput("%s: representation %s initializes from %s, its HLS playlist from %s", mpdName, id, init, hls.init)
		}
		if !slices.Equal(media, hls.media) {
			return badOutput("%s: representation %s promises %d segments (%s … %s), its HLS playlist lists %d",
				mpdName, id, len(media), media[0], media[len(media)-1], len(hls.media))
		}
	}
	return nil
}

// badOutput is a packaging fault: ffmpeg's output breaks a rule the
// formats set. The same source would break it again, so the job fails
// without retries.
func badOutput(format string, args ...any) error {
	return fmt.Errorf("%w: ffmpeg output: %s", ErrBadSource, fmt.Sprintf(format, args...))
}
