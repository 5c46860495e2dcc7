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
