package main

import (
	"strings"
	"testing"
)

func TestTranscoderCheckConfig(t *testing.T) {
	t.Setenv("TRANSCODER_ADMIN_TOKEN", "0123456789abcdef")
	if _, err := run(t, runTranscoder, "--config", "../../configs/transcoder.yaml", "--check-config"); err != nil {
		t.Fatalf("shipped config: %v", err)
	}
	t.Setenv("TRANSCODER_QUEUE_WORKERS", "0")
	if _, err := run(t, runTranscoder, "--config", "../../configs/transcoder.yaml", "--check-config"); err == nil || !strings.Contains(err.Error(), "queue.workers") {
		t.Fatalf("workers 0: %v", err)
	}
}

// --check-config finds what would stop the transcoder at start, by key.
func TestTranscoderCheckConfigFiles(t *testing.T) {
	t.Setenv("TRANSCODER_ADMIN_TOKEN", "0123456789abcdef")
	for env, want := range map[string]string{
		"TRANSCODER_TRANSCODE_FFMPEG=/nonexistent/ffmpeg": "transcode.ffmpeg: exec: \"/nonexistent/ffmpeg\"",
		"TRANSCODER_SOURCES_CA_FILE=/nonexistent/ca.pem":  "sources.ca_file: set tls: true",
		`TRANSCODER_ORIGIN_REGIONS=[{name: eu, s3: {endpoint: "127.0.0.1:9000", bucket: media, tls: true, ca_file: /nonexistent/ca.pem}}]`: "origin.regions[0].s3.ca_file: open /nonexistent/ca.pem",
		"TRANSCODER_REDIS_PASSWORD_FILE=/nonexistent/pw": "redis.password_file: open /nonexistent/pw",
	} {
		t.Run(env, func(t *testing.T) {
			k, v, _ := strings.Cut(env, "=")
			t.Setenv(k, v)
			if _, err := run(t, runTranscoder, "--config", "../../configs/transcoder.yaml", "--check-config"); err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("err = %v, want %q", err, want)
			}
		})
	}
}
