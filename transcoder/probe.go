package transcoder

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"strings"
)

// probeInfo is what the ladder and the encode need to know of a source.
type probeInfo struct {
	// Width and Height are the displayed size: sample aspect ratio and
	// rotation applied.
	Width, Height int
	// FrameRate is the source's maximum frame rate in frames per second, 0
	// when unknown. It sizes the GOP; the rate ffmpeg encodes at is read
	// back from its MPD.
	FrameRate float64
	// Duration is in seconds.
	Duration float64
	// VideoIndex and AudioIndex are stream indexes in the source; AudioIndex
	// is -1 when there is no audio.
	VideoIndex, AudioIndex int
	// VideoEnd is where the video stream ends, in seconds from the source's
	// start (the earliest stream's, where ffmpeg's timeline begins): the
	// encode ends the audio there too. It is Duration when ffprobe gives
	// the video no duration of its own.
	VideoEnd float64
}

// ffprobeOutput is the part of `ffprobe -print_format json -show_format
// -show_streams` that is used.
type ffprobeOutput struct {
	Streams []ffprobeStream `json:"streams"`
	Format  struct {
		Duration  string `json:"duration"`
		StartTime string `json:"start_time"`
	} `json:"format"`
}

type ffprobeStream struct {
	Index        int    `json:"index"`
	CodecType    string `json:"codec_type"`
	CodecName    string `json:"codec_name"`
	CodecTag     string `json:"codec_tag_string"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	SAR          string `json:"sample_aspect_ratio"`
	AvgFrameRate string `json:"avg_frame_rate"`
	RFrameRate   string `json:"r_frame_rate"`
	Duration     string `json:"duration"`
	StartTime    string `json:"start_time"`
	Disposition  struct {
		AttachedPic int `json:"attached_pic"`
	} `json:"disposition"`
	Tags struct {
		Rotate string `json:"rotate"`
		// Duration is Matroska's per-stream DURATION tag, HH:MM:SS.fraction,
		// which ffprobe reports instead of a stream duration.
		Duration string `json:"DURATION"`
	} `json:"tags"`
	SideData []struct {
		Rotation float64 `json:"rotation"`
	} `json:"side_data_list"`
}

// probe runs ffprobe on path. Whatever ffprobe cannot read, or finds no
// usable video in, is ErrBadSource.
func probe(ctx context.Context, ffprobe, path string) (probeInfo, error) {
	cmd := exec.CommandContext(ctx, ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-i", path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() != nil {
			return probeInfo{}, ctx.Err()
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return probeInfo{}, fmt.Errorf("running ffprobe: %w", err)
		}
		msg := strings.ReplaceAll(strings.ReplaceAll(lastLine(stderr.String()), path+": ", ""), path, "source")
		return probeInfo{}, fmt.Errorf("%w: ffprobe cannot read it: %s", ErrBadSource, msg)
	}
	return parseProbe(out)
}

// parseProbe picks the first video stream that is not cover art and the
// first audio stream.
func parseProbe(out []byte) (probeInfo, error) {
	var p ffprobeOutput
	if err := json.Unmarshal(out, &p); err != nil {
		return probeInfo{}, fmt.Errorf("%w: ffprobe output: %w", ErrBadSource, err)
	}
	info := probeInfo{VideoIndex: -1, AudioIndex: -1}
	var video *ffprobeStream
	for i, s := range p.Streams {
		switch {
		case s.CodecType == "video" && s.Disposition.AttachedPic == 0 && video == nil:
			video, info.VideoIndex = &p.Streams[i], s.Index
		case s.CodecType == "audio" && info.AudioIndex < 0 && s.CodecName != "":
			info.AudioIndex = s.Index
		}
	}
	if video == nil {
		return probeInfo{}, fmt.Errorf("%w: it has no video stream", ErrBadSource)
	}
	if video.CodecName == "" || video.Width <= 0 || video.Height <= 0 {
		return probeInfo{}, fmt.Errorf("%w: unsupported video codec %q (%dx%d)", ErrBadSource, video.CodecTag, video.Width, video.Height)
	}
	info.Width, info.Height = displaySize(video)
	info.FrameRate = frameRate(video)
	info.Duration = parseSeconds(p.Format.Duration)
	if info.Duration <= 0 {
		info.Duration = parseSeconds(video.Duration)
	}
	if info.Duration <= 0 || math.IsInf(info.Duration, 0) {
		return probeInfo{}, fmt.Errorf("%w: it has no duration (a still image or a live stream?)", ErrBadSource)
	}
	info.VideoEnd = videoEnd(video, parseSeconds(p.Format.StartTime), info.Duration)
	return info, nil
}

// videoEnd is where video ends in seconds from the source's start, from
// its own duration (or Matroska DURATION tag) and start time; total when
// neither is known or the result is not within (0, total+1].
func videoEnd(video *ffprobeStream, start, total float64) float64 {
	d := parseSeconds(video.Duration)
	if d <= 0 {
		d = clockSeconds(video.Tags.Duration)
	}
	end := parseSeconds(video.StartTime) - start + d
	if d <= 0 || end <= 0 || end > total+1 || math.IsInf(end, 0) {
		return total
	}
	return end
}

// clockSeconds parses HH:MM:SS.fraction, 0 if s is not one.
func clockSeconds(s string) float64 {
	h, rest, ok1 := strings.Cut(s, ":")
	m, sec, ok2 := strings.Cut(rest, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	ss := parseSeconds(sec)
	if !ok1 || !ok2 || err1 != nil || err2 != nil || hh < 0 || mm < 0 || ss <= 0 {
		return 0
	}
	return float64(hh*3600+mm*60) + ss
}

// displaySize applies the sample aspect ratio and a quarter-turn rotation,
// as ffmpeg's autorotate and our setsar=1 will.
func displaySize(s *ffprobeStream) (int, int) {
	w, h := s.Width, s.Height
	if num, den, ok := ratio(s.SAR); ok && num > 0 && den > 0 && num != den {
		w = int(math.Round(float64(w) * float64(num) / float64(den)))
	}
	rot := s.Tags.Rotate
	for _, sd := range s.SideData {
		if sd.Rotation != 0 {
			rot = strconv.Itoa(int(sd.Rotation))
		}
	}
	if r, err := strconv.Atoi(rot); err == nil && (r%180+180)%180 == 90 {
		w, h = h, w
	}
	return w, h
}

// frameRate is the larger of the stream's r_frame_rate and avg_frame_rate
// that is at most 240 fps. A variable-frame-rate clip (a phone's) averages
// less than its nominal rate, and a GOP sized by the average would put
// keyframes inside segments once ffmpeg encodes at the nominal rate.
func frameRate(s *ffprobeStream) float64 {
	var fps float64
	for _, r := range []string{s.RFrameRate, s.AvgFrameRate} {
		if num, den, ok := ratio(r); ok && num > 0 && den > 0 {
			if f := float64(num) / float64(den); f <= 240 {
				fps = max(fps, f)
			}
		}
	}
	return fps
}

func ratio(s string) (int, int, bool) {
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		a, b, ok = strings.Cut(s, ":")
	}
	num, err1 := strconv.Atoi(a)
	den, err2 := strconv.Atoi(b)
	return num, den, ok && err1 == nil && err2 == nil
}

func parseSeconds(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) {
		return 0
	}
	return f
}

// lastLine is the last non-empty line of s, where tools put their reason.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
