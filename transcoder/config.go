package transcoder

import (
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/origin"
)

// Config is the transcoder's configuration; configs/transcoder.yaml
// documents every key at its default. submit and jobs read the same file.
type Config struct {
	Redis RedisConfig `yaml:"redis"`
	Admin AdminConfig `yaml:"admin"`
	// Sources is the bucket that `streamgate submit` uploads local files to
	// and that workers download s3://bucket/key sources from (the bucket of
	// the URL, on this endpoint with these credentials).
	Sources origin.S3Config `yaml:"sources"`
	// CreateBuckets creates the sources bucket and the S3 buckets this
	// transcoder publishes to at start when they do not exist (true in a
	// local MinIO walkthrough). Off in production, where buckets carry
	// policies, replication and lifecycle rules that infrastructure code
	// owns: a missing bucket then fails with an error naming it.
	CreateBuckets bool            `yaml:"create_buckets"`
	Origin        OriginConfig    `yaml:"origin"`
	Queue         QueueConfig     `yaml:"queue"`
	Transcode     TranscodeConfig `yaml:"transcode"`
	Publish       PublishConfig   `yaml:"publish"`
}

// PublishConfig is the versioned publishing of docs/protocol.md §4.
type PublishConfig struct {
	// RetainVersionsFor is how long a superseded version of an asset stays
	// in the origin: a player keeps the version it started with while it
	// renews its token, so at least session_ttl + playback_ttl (24 h + 4 h).
	// Versions superseded longer ago are deleted by the asset's next publish.
	RetainVersionsFor time.Duration `yaml:"retain_versions_for"`
}

// DefaultRetainVersionsFor is 48 h: above the longest a renewed session
// can hold one version (session_ttl 24 h + playback_ttl 4 h).
const DefaultRetainVersionsFor = 48 * time.Hour

// RedisConfig locates the job queue (required).
type RedisConfig = redisconf.Config

// AdminConfig is the job API.
type AdminConfig struct {
	// Listen is the API's address ("" = no API); submit and jobs call
	// http://Listen unless given --api.
	Listen string `yaml:"listen"`
	// Token is the bearer token the API requires, at least 16 characters;
	// set it with TRANSCODER_ADMIN_TOKEN rather than in the file.
	Token string `yaml:"token"`
}

// OriginConfig lists the regions assets are published to, primary first:
// the shared origin block (timeout: one object's upload; retries and
// backoff: of a failed upload before the job attempt fails) plus the
// transcoder's own keys.
type OriginConfig struct {
	origin.Config `yaml:",inline"`
	// Replicated says the buckets replicate themselves (S3 CRR, MinIO bucket
	// replication): publish to the primary region only.
	Replicated bool `yaml:"replicated"`
	// Concurrency is how many objects are uploaded at once per region.
	Concurrency int `yaml:"concurrency"`
}

// RegionConfig is one origin: a local folder or an S3 bucket.
type RegionConfig = origin.RegionConfig

// QueueConfig tunes the Redis Streams consumer.
type QueueConfig struct {
	// Consumer names this process in the consumer group ("" = the host
	// name); worker i of Workers is Consumer-i. Give every process on a host
	// its own name.
	Consumer string `yaml:"consumer"`
	// Workers is how many jobs this process runs at once.
	Workers int `yaml:"workers"`
	// ClaimTimeout is how long a job may go without its worker's heartbeat
	// (sent every ClaimTimeout/4) before another worker takes it over.
	ClaimTimeout time.Duration `yaml:"claim_timeout"`
	// Poll bounds a blocking read of new jobs, hence how often idle workers
	// look for jobs to take over.
	Poll time.Duration `yaml:"poll"`
	// MaxAttempts is how many times a job runs before it is dead-lettered;
	// a bad source is dead-lettered at once.
	MaxAttempts int `yaml:"max_attempts"`
	// Backoff is the wait before the first retry; it doubles per attempt,
	// up to ClaimTimeout.
	Backoff time.Duration `yaml:"backoff"`
	// Retention is how long a finished job's state is kept.
	Retention time.Duration `yaml:"retention"`
	// MaxLen trims the job stream to about this many entries; it must
	// exceed the backlog, or queued jobs are trimmed away.
	MaxLen int64 `yaml:"max_len"`
}

// TranscodeConfig is the ffmpeg side.
type TranscodeConfig struct {
	// WorkDir holds each running job's files ("" = the OS temp dir).
	WorkDir string `yaml:"work_dir" conf:"path"`
	// FFmpeg and FFprobe are the binaries, by path or looked up in PATH.
	FFmpeg  string `yaml:"ffmpeg" conf:"bin"`
	FFprobe string `yaml:"ffprobe" conf:"bin"`
	// SegmentDuration is the CMAF segment length; keyframes are forced at
	// every multiple of it in every rendition.
	SegmentDuration time.Duration `yaml:"segment_duration"`
	// Preset is libx264's speed/quality preset.
	Preset string `yaml:"preset"`
	// AudioBitrate is the AAC bitrate in bits/s.
	AudioBitrate int `yaml:"audio_bitrate"`
	// Timeout bounds one attempt of one job: download, ffmpeg and publish.
	Timeout time.Duration `yaml:"timeout"`
	// Ladder names the ladder used when a job names none.
	Ladder string `yaml:"ladder"`
	// Ladders are the named ladders a job may ask for.
	Ladders map[string][]Rung `yaml:"ladders"`
	// KeyPeriod is, for CDN-delivery assets, how many media segments share
	// one AES-128 key (1..1000): a revoked viewer loses playback at most
	// this many segments after the player's buffer.
	KeyPeriod int `yaml:"key_period"`
}

// DefaultKeyPeriod is 3 segments: 12 s of media per key at the default 4 s
// segments (docs/protocol.md §4).
const DefaultKeyPeriod = 3

// Rung is one rendition of a ladder. Rungs above the source's height (the
// short side, for portrait video) are skipped; when all are, the lowest one
// is made at the source's height.
type Rung struct {
	// Name names the rendition in asset.json, e.g. "720p".
	Name string `yaml:"name"`
	// Height is in pixels and even; the width keeps the aspect ratio.
	Height int `yaml:"height"`
	// VideoBitrate is the H.264 target in bits/s; peaks may reach 1.1×.
	VideoBitrate int `yaml:"video_bitrate"`
}

// DefaultLadder is 1080p/720p/480p/360p.
func DefaultLadder() []Rung {
	return []Rung{
		{Name: "1080p", Height: 1080, VideoBitrate: 5_000_000},
		{Name: "720p", Height: 720, VideoBitrate: 2_800_000},
		{Name: "480p", Height: 480, VideoBitrate: 1_400_000},
		{Name: "360p", Height: 360, VideoBitrate: 800_000},
	}
}

// DefaultConfig returns the defaults that configs/transcoder.yaml shows.
func DefaultConfig() Config {
	return Config{
		Redis:   redisconf.Default("127.0.0.1:6379"),
		Admin:   AdminConfig{Listen: "127.0.0.1:8091"},
		Sources: origin.S3Config{Endpoint: "127.0.0.1:9000", Bucket: "sources"},
		Origin: OriginConfig{
			Config: origin.Config{
				Regions: []RegionConfig{{Name: "local", Dir: ".streamgate/origin"}},
				Timeout: time.Minute,
				Retries: 3,
				Backoff: 500 * time.Millisecond,
				Eject:   origin.DefaultEject,
			},
			Concurrency: 8,
		},
		Queue: QueueConfig{
			Workers: 1, ClaimTimeout: time.Minute, Poll: 2 * time.Second,
			MaxAttempts: 3, Backoff: 10 * time.Second, Retention: 7 * 24 * time.Hour, MaxLen: 100_000,
		},
		Transcode: TranscodeConfig{
			FFmpeg: "ffmpeg", FFprobe: "ffprobe",
			SegmentDuration: 4 * time.Second, Preset: "veryfast", AudioBitrate: 128_000,
			Timeout: 6 * time.Hour, Ladder: "default",
			Ladders:   map[string][]Rung{"default": DefaultLadder()},
			KeyPeriod: DefaultKeyPeriod,
		},
		Publish: PublishConfig{RetainVersionsFor: DefaultRetainVersionsFor},
	}
}

// Validate reports the first invalid field by its YAML path.
func (c *Config) Validate() error {
	for _, check := range []func() error{c.validateBasics, c.Redis.Validate, c.Origin.validate, c.Queue.validate, c.Transcode.validate, c.Publish.validate} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (c *Config) validateBasics() error {
	switch {
	case !c.Redis.Enabled():
		return errors.New("redis.addr: want host:port (or redis.url, or redis.addrs)")
	case c.Admin.Listen != "" && len(c.Admin.Token) < 16:
		return errors.New("admin.token: want at least 16 characters (set TRANSCODER_ADMIN_TOKEN), or admin.listen: \"\" for no API")
	}
	if err := c.Sources.Check(); err != nil {
		return fmt.Errorf("sources.%w", err)
	}
	return nil
}

func (o *OriginConfig) validate() error {
	if err := o.Config.Validate(); err != nil {
		return err
	}
	if o.Concurrency < 1 || o.Concurrency > 256 {
		return fmt.Errorf("origin.concurrency: want 1..256, got %d", o.Concurrency)
	}
	return nil
}

func (q *QueueConfig) validate() error {
	switch {
	case !consumerRE.MatchString(q.Consumer):
		return fmt.Errorf("queue.consumer: want [A-Za-z0-9._-]{0,64}, got %q", q.Consumer)
	case q.Workers < 1 || q.Workers > 64:
		return fmt.Errorf("queue.workers: want 1..64, got %d", q.Workers)
	case q.ClaimTimeout < 100*time.Millisecond:
		return fmt.Errorf("queue.claim_timeout: want >= 100ms, got %s", q.ClaimTimeout)
	case q.Poll <= 0 || q.Poll > q.ClaimTimeout:
		return fmt.Errorf("queue.poll: want 0 < poll <= queue.claim_timeout, got %s", q.Poll)
	case q.MaxAttempts < 1:
		return fmt.Errorf("queue.max_attempts: want >= 1, got %d", q.MaxAttempts)
	case q.Backoff < 0:
		return fmt.Errorf("queue.backoff: want >= 0, got %s", q.Backoff)
	case q.Retention <= 0:
		return fmt.Errorf("queue.retention: want > 0, got %s", q.Retention)
	case q.MaxLen < 1000:
		return fmt.Errorf("queue.max_len: want >= 1000, got %d", q.MaxLen)
	}
	return nil
}

var consumerRE = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$|^$`)

var rungNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

func (t *TranscodeConfig) validate() error {
	switch {
	case t.FFmpeg == "" || t.FFprobe == "":
		return errors.New("transcode.ffmpeg, transcode.ffprobe: want binaries")
	case t.SegmentDuration < time.Second || t.SegmentDuration%(100*time.Millisecond) != 0:
		return fmt.Errorf("transcode.segment_duration: want >= 1s in steps of 100ms, got %s", t.SegmentDuration)
	case t.Preset == "":
		return errors.New("transcode.preset: want a libx264 preset")
	case t.AudioBitrate < 16_000:
		return fmt.Errorf("transcode.audio_bitrate: want >= 16000, got %d", t.AudioBitrate)
	case t.Timeout <= 0:
		return fmt.Errorf("transcode.timeout: want > 0, got %s", t.Timeout)
	case t.Ladders[t.Ladder] == nil:
		return fmt.Errorf("transcode.ladder: %q is not in transcode.ladders", t.Ladder)
	case t.KeyPeriod < 1 || t.KeyPeriod > 1000:
		return fmt.Errorf("transcode.key_period: want 1..1000 segments, got %d", t.KeyPeriod)
	}
	for name, rungs := range t.Ladders {
		if err := validateLadder(rungs); err != nil {
			return fmt.Errorf("transcode.ladders.%s%w", name, err)
		}
	}
	return nil
}

func (p *PublishConfig) validate() error {
	if p.RetainVersionsFor <= 0 {
		return fmt.Errorf("publish.retain_versions_for: want > 0, got %s", p.RetainVersionsFor)
	}
	return nil
}

func validateLadder(rungs []Rung) error {
	if len(rungs) == 0 {
		return errors.New(": want at least one rung")
	}
	seen := map[string]bool{}
	for i, r := range rungs {
		switch {
		case !rungNameRE.MatchString(r.Name) || seen[r.Name]:
			return fmt.Errorf("[%d].name: want a unique name matching %s, got %q", i, rungNameRE, r.Name)
		case r.Height < 32 || r.Height > 4320 || r.Height%2 != 0:
			return fmt.Errorf("[%d].height: want an even 32..4320, got %d", i, r.Height)
		case r.VideoBitrate < 50_000:
			return fmt.Errorf("[%d].video_bitrate: want >= 50000, got %d", i, r.VideoBitrate)
		}
		seen[r.Name] = true
	}
	return nil
}
