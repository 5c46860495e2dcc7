package main

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkConfig runs `streamgate <service> --check-config` as operators and the
// Terraform user-data do: with configs/<service>.yaml, or yaml written in its
// place when set, and env's KEY=VALUE pairs set ("" is skipped). want is a
// substring the error must hold; "" wants no error.
func checkConfig(t *testing.T, service string, run func([]string, *slog.Logger) error, yaml string, env []string, want string) {
	t.Helper()
	path := "../../configs/" + service + ".yaml"
	if yaml != "" {
		path = filepath.Join(t.TempDir(), service+".yaml")
		if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			t.Setenv(k, v)
		}
	}
	err := run([]string{"--config", path, "--check-config"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
		t.Fatalf("err = %v, want %q", err, want)
	}
}
