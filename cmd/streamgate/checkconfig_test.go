package main

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// shippedLayout moves the test into a new folder holding what the shipped
// configs' relative paths name, as the README's walkthrough makes it: keys
// from `keys gen --out .streamgate/keys` and the local origin folder.
func shippedLayout(t *testing.T) {
	t.Helper()
	t.Chdir(t.TempDir())
	if _, err := run(t, runKeys, "gen", "--out", ".streamgate/keys"); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(".streamgate/origin", 0o755); err != nil {
		t.Fatal(err)
	}
}

// checkConfig runs `streamgate <service> --check-config` as operators and the
// Terraform user-data do, in the shipped layout (shippedLayout): with configs/<service>.yaml, or yaml written in its
// place when set, and env's KEY=VALUE pairs set ("" is skipped). want is a
// substring the error must hold; "" wants no error.
func checkConfig(t *testing.T, service string, run func([]string, *slog.Logger) error, yaml string, env []string, want string) {
	t.Helper()
	path, err := filepath.Abs("../../configs/" + service + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	shippedLayout(t)
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
	err = run([]string{"--config", path, "--check-config"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
		t.Fatalf("err = %v, want %q", err, want)
	}
}
