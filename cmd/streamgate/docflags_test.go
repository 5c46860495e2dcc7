package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	// docCommand finds "streamgate <command> [sub]" in prose and examples.
	docCommand = regexp.MustCompile(`streamgate (demo|edge|indexer|jobs|keys gen|signer|submit|token mint|transcoder)\b`)
	docFlag    = regexp.MustCompile(`(?:^|[\s\[(])--([a-z][a-z0-9-]*)`)
)

// docCommandFlags lists "command --flag" pairs that the repository's docs
// and shipped configs write: each "streamgate <command>" with the flags that
// follow it on its line (or its \-continued lines) up to a closing backtick
// or a shell comment.
func docCommandFlags(t *testing.T) map[string][]string {
	t.Helper()
	var files []string
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "bin" || strings.HasPrefix(d.Name(), ".") && path != "../..") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".md") || strings.HasPrefix(path, "../../configs/") && strings.HasSuffix(path, ".yaml") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string][]string{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(raw), "\\\n", " ") // shell continuations
		for _, line := range strings.Split(text, "\n") {
			locs := docCommand.FindAllStringSubmatchIndex(line, -1)
			for i, loc := range locs {
				end := len(line)
				if i+1 < len(locs) {
					end = locs[i+1][0]
				}
				rest := line[loc[1]:end]
				if j := strings.IndexAny(rest, "`#"); j >= 0 {
					rest = rest[:j]
				}
				cmd := line[loc[2]:loc[3]]
				for _, m := range docFlag.FindAllStringSubmatch(rest, -1) {
					found[cmd] = append(found[cmd], m[1])
				}
			}
		}
	}
	return found
}

// TestDocsNameRealFlags: every flag the docs and configs give a command is
// one that command defines (configs/edge.yaml once named a --signer-config
// that never existed).
func TestDocsNameRealFlags(t *testing.T) {
	run := map[string]func([]string) error{}
	for _, c := range commands {
		sub := map[string]string{"keys": "gen", "token": "mint"}[c.name]
		name, r := c.name, c.run
		if sub != "" {
			name += " " + sub
		}
		run[name] = func(args []string) error {
			if sub != "" {
				args = append([]string{sub}, args...)
			}
			return r(args, discard)
		}
	}
	// -h after the flag stops the command before it does anything; the
	// usage it prints goes nowhere.
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	saved := os.Stderr
	os.Stderr = devnull
	defer func() { os.Stderr = saved }()
	found := docCommandFlags(t)
	n := 0
	for cmd, flags := range found {
		for _, f := range flags {
			n++
			if err := run[cmd]([]string{"--" + f + "=", "-h"}); err != nil && strings.Contains(err.Error(), "flag provided but not defined") {
				t.Errorf("the docs give `streamgate %s` a flag it does not define: --%s", cmd, f)
			}
		}
	}
	if n < 20 || len(found["jobs"]) == 0 || len(found["keys gen"]) == 0 {
		t.Fatalf("found only %d documented flags (%v): is the scan broken?", n, found)
	}
	// The scan itself catches a made-up flag.
	if err := run["edge"]([]string{"--signer-config=", "-h"}); err == nil || !strings.Contains(err.Error(), "not defined") {
		t.Fatalf("edge --signer-config: %v", err)
	}
}
