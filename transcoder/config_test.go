package transcoder

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/streamgate/streamgate/internal/conf"
)

// TestShippedConfig: configs/transcoder.yaml is the defaults, and loads
// once the token comes from the environment.
func TestShippedConfig(t *testing.T) {
	t.Setenv("TRANSCODER_ADMIN_TOKEN", testToken)
	cfg := DefaultConfig()
	if err := conf.Load("../configs/transcoder.yaml", "TRANSCODER", &cfg); err != nil {
		t.Fatal(err)
	}
	want := DefaultConfig()
	want.Admin.Token = testToken
	if err := conf.AbsPaths(&want); err != nil { // Load resolves the file's paths too
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Fatalf("configs/transcoder.yaml differs from DefaultConfig:\n%+v\n%+v", cfg, want)
	}
}

var configCases = []struct {
	name, yaml, want string
}{
	{"no token", "admin:\n  token: ''\n", "admin.token: want at least 16 characters"},
	{"no api, no token", "admin:\n  listen: ''\n  token: ''\n", ""},
	{"region both", "origin:\n  regions: [{name: a, dir: x, s3: {endpoint: 'h:1', bucket: b}}]\n", "origin.regions[0]: want exactly one"},
	{"region no bucket", "origin:\n  regions: [{name: a, s3: {endpoint: 'h:1'}}]\n", "origin.regions[0].s3.bucket"},
	{"bad consumer", "queue:\n  consumer: a/b\n", "queue.consumer"},
	{"poll above claim", "queue:\n  poll: 2m\n", "queue.poll"},
	{"short segments", "transcode:\n  segment_duration: 500ms\n", "transcode.segment_duration"},
	{"unknown default ladder", "transcode:\n  ladder: 4k\n", "transcode.ladder: \"4k\""},
	{"odd height", "transcode:\n  ladders:\n    default: [{name: a, height: 301, video_bitrate: 100000}]\n", "transcode.ladders.default[0].height"},
	{"duplicate rung", "transcode:\n  ladders:\n    default: [{name: a, height: 300, video_bitrate: 100000}, {name: a, height: 200, video_bitrate: 100000}]\n", "transcode.ladders.default[1].name"},
	{"empty ladder", "transcode:\n  ladders:\n    default: []\n", "transcode.ladders.default: want at least one rung"},
	{"key period 0", "transcode:\n  key_period: 0\n", "transcode.key_period: want 1..1000 segments, got 0"},
	{"key period huge", "transcode:\n  key_period: 1001\n", "transcode.key_period: want 1..1000"},
	{"key period 1", "transcode:\n  key_period: 1\n", ""},
	{"no retention", "publish:\n  retain_versions_for: 0s\n", "publish.retain_versions_for: want > 0"},
	{"negative retention", "publish:\n  retain_versions_for: -1h\n", "publish.retain_versions_for: want > 0"},
	{"short retention", "publish:\n  retain_versions_for: 10m\n", ""},
	{"unknown key", "queue:\n  worker: 2\n", "line 2: queue.worker: no such key; did you mean queue.workers?"},
}

func TestConfigValidate(t *testing.T) {
	for _, tc := range configCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("TRANSCODER_ADMIN_TOKEN", testToken)
			path := filepath.Join(t.TempDir(), "t.yaml")
			if err := os.WriteFile(path, []byte(tc.yaml), 0o600); err != nil {
				t.Fatal(err)
			}
			cfg := DefaultConfig()
			if strings.Contains(tc.yaml, "token: ''") {
				os.Unsetenv("TRANSCODER_ADMIN_TOKEN")
			}
			err := conf.Load(path, "TRANSCODER", &cfg)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}
