package transcoder

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Output names inside a job's output folder, and so inside {asset}/ in the
// origin. ffmpeg's dash muxer also writes media_N.m3u8 for representation N
// (renditions first, audio last).
const (
	mpdName    = "manifest.mpd"
	masterName = "master.m3u8"
	posterName = "poster.jpg"
	initName   = "init-$RepresentationID$.m4s"
	segName    = "seg-$RepresentationID$-$Number%05d$.m4s"
)

// encode is one ffmpeg run: the whole ladder, the DASH MPD and HLS media
// playlists over one set of CMAF segments, and the poster.
type encode struct {
	Source       string // input path
	Info         probeInfo
	Renditions   []rendition
	Segment      time.Duration
	Preset       string
	AudioBitrate int
}

// args is the ffmpeg command line, run in the output folder.
func (e encode) args() []string {
	a := []string{"-hide_banner", "-nostdin", "-loglevel", "error", "-nostats", "-progress", "pipe:1", "-y",
		"-i", e.Source, "-filter_complex", e.filterGraph()}
	for i := range e.Renditions {
		a = append(a, "-map", "[v"+strconv.Itoa(i)+"]")
	}
	if e.Info.AudioIndex >= 0 {
		a = append(a, "-map", "[a]")
	}
	a = append(a, e.videoArgs()...)
	sets := "id=0,streams=v"
	if e.Info.AudioIndex >= 0 {
		a = append(a, "-c:a", "aac", "-b:a", strconv.Itoa(e.AudioBitrate), "-ac", "2", "-ar", "48000")
		sets += " id=1,streams=a"
	}
	// A SegmentTimeline lists the segments written, with their durations:
	// a bare template makes clients count mediaPresentationDuration /
	// seg_duration segments (each its own way), which is one too many or
	// too few when the audio's last segment runs past the video's.
	a = append(a, "-f", "dash", "-dash_segment_type", "mp4", "-seg_duration", seconds(e.Segment),
		"-use_template", "1", "-use_timeline", "1", "-hls_playlist", "1", "-adaptation_sets", sets,
		"-init_seg_name", initName, "-media_seg_name", segName, mpdName)
	return append(a, "-map", "[poster]", "-frames:v", "1", "-q:v", "3", "-update", "1", posterName)
}

// aacFrame is one AAC frame at the 48 kHz the encode writes, in seconds.
// The dash muxer cuts the audio at frame starts, within one frame either
// side of each segment boundary.
const aacFrame = 1024.0 / 48000

// minLastSegment is the shortest last segment, in seconds, a media
// playlist of a clip longer than a segment may end with: hls.js never
// appended a 5 ms last audio segment, so it never called endOfStream and
// the element never fired ended.
const minLastSegment = 0.1

// ends is where the video and the audio end, in seconds of the source's
// timeline, so that no playlist ends with a sliver of a segment (shorter
// than minLastSegment) and the audio ends within one AAC frame of the
// video:
//   - a video running less than minLastSegment plus one AAC frame past
//     the last segment boundary is cut there (trim), losing at most that;
//   - audio is padded with silence or cut to the video's end, or to one
//     frame before it when that is a segment boundary, so that no audio
//     frame starts past the muxer's cut.
func (e encode) ends() (video, audio float64, trim bool) {
	video = e.Info.VideoEnd
	if video <= 0 {
		video = e.Info.Duration
	}
	seg := e.Segment.Seconds()
	if seg <= 0 {
		return video, video, false
	}
	whole := math.Round(video/seg) * seg
	if whole > video {
		whole -= seg
	}
	switch tail := video - whole; {
	case whole <= 0 || tail >= minLastSegment+aacFrame:
		return video, video, false
	case tail > 1e-6:
		return whole, whole - aacFrame, true
	default: // on a boundary already
		return video, video - aacFrame, false
	}
}

// filterGraph splits the video once per rendition, plus one branch that
// keeps a single frame for the poster; the audio is padded with silence
// or cut to end with the video (ends), not where the source's last AAC
// frame happened to.
func (e encode) filterGraph() string {
	n := len(e.Renditions)
	videoEnd, audioEnd, trim := e.ends()
	var b strings.Builder
	fmt.Fprintf(&b, "[0:%d]", e.Info.VideoIndex)
	if trim {
		b.WriteString("trim=end=" + strconv.FormatFloat(videoEnd, 'f', 6, 64) + ",")
	}
	fmt.Fprintf(&b, "split=%d", n+1)
	for i := range n {
		fmt.Fprintf(&b, "[s%d]", i)
	}
	b.WriteString("[sp]")
	// Every rendition carries the source's display aspect ratio exactly (a
	// rounded size such as 854x480 gets a near-square SAR): the dash muxer
	// refuses an adaptation set whose aspect ratios differ.
	g := gcd(e.Info.Width, e.Info.Height)
	for i, r := range e.Renditions {
		fmt.Fprintf(&b, ";[s%d]scale=%d:%d,setdar=dar=%d/%d:max=100000[v%d]", i, r.Width, r.Height, e.Info.Width/g, e.Info.Height/g, i)
	}
	top := e.Renditions[0]
	fmt.Fprintf(&b, ";[sp]select='gte(t,%s)*eq(selected_n,0)',scale=%d:%d,setsar=1[poster]",
		strconv.FormatFloat(posterAt(e.Info.Duration), 'f', 3, 64), top.Width, top.Height)
	if e.Info.AudioIndex >= 0 {
		at := strconv.FormatFloat(audioEnd, 'f', 6, 64)
		fmt.Fprintf(&b, ";[0:%d]apad=whole_dur=%s,atrim=end=%s[a]", e.Info.AudioIndex, at, at)
	}
	return b.String()
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return max(a, 1)
}

// posterAt picks the poster frame: a tenth in, at most 10 s, skipping the
// black or title frames most videos open with.
func posterAt(duration float64) float64 { return min(duration/10, 10) }

// videoArgs are H.264 settings with a keyframe at every segment boundary in
// every rendition (forced by time, scene cuts off) so that all renditions
// cut their segments at the same instants.
func (e encode) videoArgs() []string {
	seg := e.Segment.Seconds()
	a := []string{"-c:v", "libx264", "-preset", e.Preset, "-pix_fmt", "yuv420p",
		"-force_key_frames", "expr:gte(t,n_forced*" + seconds(e.Segment) + ")", "-sc_threshold", "0"}
	if e.Info.FrameRate > 0 {
		a = append(a, "-g", strconv.Itoa(int(math.Ceil(e.Info.FrameRate*seg))))
	}
	for i, r := range e.Renditions {
		n := strconv.Itoa(i)
		a = append(a, "-b:v:"+n, strconv.Itoa(r.VideoBitrate),
			"-maxrate:v:"+n, strconv.Itoa(r.VideoBitrate*11/10),
			"-bufsize:v:"+n, strconv.Itoa(r.VideoBitrate*2))
	}
	return a
}

func seconds(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) }

// runFFmpeg runs ffmpeg with args in dir, reporting the percent done from
// its -progress output. A failure names ffmpeg's last error line; one that
// says the input is unreadable wraps ErrBadSource.
func runFFmpeg(ctx context.Context, bin, dir string, args []string, duration float64, progress func(int)) error {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.SysProcAttr = sysProcAttr()
	cmd.WaitDelay = 5 * time.Second
	stderr := &tail{max: 8 << 10}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting ffmpeg: %w", err)
	}
	readProgress(stdout, duration, progress)
	if err := cmd.Wait(); err != nil {
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		return ffmpegError(err, ffmpegReason(stderr.String()))
	}
	return nil
}

// ffmpegReason is ffmpeg's last error line other than its closing
// "Conversion failed!".
func ffmpegReason(stderr string) string {
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" && l != "Conversion failed!" {
			return l
		}
	}
	return ""
}

// badInput are ffmpeg messages that blame the source, not the machine.
var badInput = []string{"Invalid data found", "Decoder (codec", "could not find codec parameters", "Error while decoding"}

func ffmpegError(err error, msg string) error {
	for _, m := range badInput {
		if strings.Contains(msg, m) {
			return fmt.Errorf("%w: ffmpeg: %w: %s", ErrBadSource, err, msg)
		}
	}
	if msg == "" {
		return fmt.Errorf("ffmpeg: %w", err)
	}
	return fmt.Errorf("ffmpeg: %w: %s", err, msg)
}

// readProgress reads ffmpeg's key=value progress lines until EOF.
func readProgress(r io.Reader, duration float64, progress func(int)) {
	sc := bufio.NewScanner(r)
	last := -1
	for sc.Scan() {
		v, ok := strings.CutPrefix(sc.Text(), "out_time_us=")
		if !ok || duration <= 0 {
			continue
		}
		us, err := strconv.ParseInt(v, 10, 64)
		if err != nil || us < 0 {
			continue
		}
		pct := min(99, int(float64(us)/1e6/duration*100))
		if pct != last {
			last = pct
			progress(pct)
		}
	}
	_, _ = io.Copy(io.Discard, r) // a scanner error: keep ffmpeg unblocked
}

// tail keeps the last max bytes written to it.
type tail struct {
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = t.buf[over:]
	}
	return len(p), nil
}

func (t *tail) String() string { return string(t.buf) }
