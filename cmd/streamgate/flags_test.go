package main

import (
	"flag"
	"io"
	"log/slog"
	"strings"
	"testing"
)

// Flags may come before, between or after positional arguments; "--" ends
// the flags.
func TestParseArgsInterspersed(t *testing.T) {
	for _, c := range []struct {
		args      []string
		pos       string
		json      bool
		limit     int
		wantError string
	}{
		{args: []string{"job-1", "--json"}, pos: "job-1", json: true, limit: 20},
		{args: []string{"--json", "job-1"}, pos: "job-1", json: true, limit: 20},
		{args: []string{"a", "--limit", "5", "b", "--json"}, pos: "a,b", json: true, limit: 5},
		{args: []string{"a", "--", "--json"}, pos: "a,--json", limit: 20},
		{args: []string{}, pos: "", limit: 20},
		{args: []string{"a", "--bogus"}, wantError: "flag provided but not defined: -bogus"},
		{args: []string{"a", "--limit"}, wantError: "flag needs an argument: -limit"},
	} {
		fset := flag.NewFlagSet("t", flag.ContinueOnError)
		fset.SetOutput(io.Discard)
		asJSON := fset.Bool("json", false, "")
		limit := fset.Int("limit", 20, "")
		pos, help, err := parseArgs(fset, c.args)
		if c.wantError != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantError) {
				t.Errorf("%q: err = %v, want %q", c.args, err, c.wantError)
			}
			continue
		}
		if err != nil || help || strings.Join(pos, ",") != c.pos || *asJSON != c.json || *limit != c.limit {
			t.Errorf("%q: pos %q json %v limit %d help %v err %v", c.args, pos, *asJSON, *limit, help, err)
		}
	}
	fset := flag.NewFlagSet("t", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	if _, help, err := parseArgs(fset, []string{"x", "-h"}); !help || err != nil {
		t.Errorf("-h after an argument: help %v err %v", help, err)
	}
}

// Services take no positional arguments: a stray one is refused, not
// silently ignored (it is usually a flag typed without its dashes).
func TestServicesRefuseArguments(t *testing.T) {
	for name, cmd := range map[string]func([]string, *slog.Logger) error{
		"edge": runEdge, "signer": runSigner, "indexer": runIndexer, "transcoder": runTranscoder, "demo": runDemo,
	} {
		if err := cmd([]string{"check-config"}, discard); err == nil || !strings.Contains(err.Error(), `unexpected argument "check-config"`) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}
