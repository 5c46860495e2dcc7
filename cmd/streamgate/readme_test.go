package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/internal/testenv"
	"github.com/streamgate/streamgate/origin"
)

// readmeBlock returns the lines of the first ```sh block in file's section
// under heading.
func readmeBlock(t *testing.T, file, heading string) []string {
	t.Helper()
	return strings.Split(strings.TrimSpace(readmeFence(t, file, heading, "sh")), "\n")
}

// readmeFence returns the text of the first ```lang block in file's section
// under heading (the exact heading line, e.g. "### Running the signer"),
// ending with its last line's newline. The section ends at the next heading
// line outside a fence (a "# comment" in a code block is no heading); a
// missing heading or block fails the test.
func readmeFence(t *testing.T, file, heading, lang string) string {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(raw), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("%s: no heading %q", file, heading)
	}
	var block strings.Builder
	fence := "" // the open fence's info string, or "" outside one
	for line := range strings.Lines(rest) {
		trimmed := strings.TrimRight(line, "\n")
		switch {
		case fence == "" && strings.HasPrefix(trimmed, "```"):
			fence = strings.TrimPrefix(trimmed, "```")
			if fence == "" {
				fence = "-" // a fence with no language
			}
		case fence != "" && trimmed == "```":
			if fence == lang {
				return block.String()
			}
			fence = ""
		case fence == lang:
			block.WriteString(line)
		case fence == "" && strings.HasPrefix(trimmed, "#"):
			t.Fatalf("%s: no ```%s block in the section %q (it ends at %q)", file, lang, heading, trimmed)
		}
	}
	t.Fatalf("%s: no closed ```%s block in the section %q", file, lang, heading)
	return ""
}

// runOperator runs a README block's lines as an operator would, after subs
// (the local stand-ins for production hosts and folders): `cat > F <<'X'`
// heredocs write F, `[bin/]streamgate …` lines run in-process (each command
// line through edit, which may change its arguments, e.g. add
// --check-config to a server), `export` lines are the test's to set. Any
// other line fails the test: the block must stay runnable.
func runOperator(t *testing.T, lines []string, subs *strings.Replacer, edit func(args []string) []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for i := 0; i < len(lines); i++ {
		line := subs.Replace(lines[i])
		if j := strings.Index(line, "  #"); j >= 0 {
			line = line[:j]
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "", strings.HasPrefix(line, "export "):
		case strings.HasPrefix(line, "cat > "):
			name, marker, ok := strings.Cut(strings.TrimPrefix(line, "cat > "), " <<")
			marker = strings.Trim(marker, `'"`)
			var body []string
			for i++; ok && i < len(lines) && lines[i] != marker; i++ {
				body = append(body, subs.Replace(lines[i]))
			}
			if err := os.WriteFile(name, []byte(strings.Join(body, "\n")+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		case strings.HasPrefix(line, "bin/streamgate "), strings.HasPrefix(line, "streamgate "):
			args := edit(strings.Fields(line)[1:])
			var cmd *command
			for k := range commands {
				if commands[k].name == args[0] {
					cmd = &commands[k]
				}
			}
			if cmd == nil {
				t.Fatalf("README line %q: no command %q", lines[i], args[0])
			}
			got, err := run(t, cmd.run, args[1:]...)
			if err != nil {
				t.Fatalf("README line %q: %v", line, err)
			}
			out[args[0]] = got
		default:
			t.Fatalf("README line %q: the test does not know how to run it", lines[i])
		}
	}
	return out
}

// TestREADMEEdgeAgainstS3 runs README.md's "Running an edge against MinIO
// or S3" as written, against a local MinIO that serves https with a private
// CA (trusted through s3.ca_file), with the two regions' buckets: keys
// gen, the edge.yaml it shows, edge --check-config and token mint. The
// config's origin then reads through both regions, and a missing bucket is
// an error that names it.
func TestREADMEEdgeAgainstS3(t *testing.T) {
	readme, err := filepath.Abs("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m, pki := testenv.MinIOTLS(t)
	m.Bucket(t, "media-eu")
	m.Bucket(t, "media-us")
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("AWS_ACCESS_KEY_ID", m.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", m.SecretKey)
	local := `endpoint: "` + m.Endpoint + `", ca_file: ` + pki.CAFile
	subs := strings.NewReplacer(
		"/etc/streamgate", filepath.Join(dir, "etc"),
		"endpoint: s3.eu-west-1.amazonaws.com", local, "endpoint: s3.us-east-1.amazonaws.com", local,
		", region: eu-west-1", "", ", region: us-east-1", "", // MinIO has one region
		"0.0.0.0:8080", "127.0.0.1:"+testenv.FreePort(t),
		"0x…", "0x00000000000000000000000000000000000000aa",
	)
	out := runOperator(t, readmeBlock(t, readme, "### Running an edge against MinIO or S3"), subs, func(args []string) []string {
		if args[0] == "edge" {
			return append(args, "--check-config") // a server: checked, not left running
		}
		return args
	})
	if out["edge"] != "config ok" || strings.Count(out["token"], ".") != 2 {
		t.Fatalf("edge: %q, token: %q", out["edge"], out["token"])
	}
	cfg := defaultEdgeConfig()
	if err := conf.Load("edge.yaml", "EDGE", &cfg); err != nil {
		t.Fatal(err)
	}
	regions, err := cfg.Origin.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer regions.Close()
	if _, err := regions.Stat(context.Background(), "launch-keynote/asset.json"); !errors.Is(err, origin.ErrNotFound) {
		t.Fatalf("both regions over https: %v, want not found", err)
	}
	if err := m.Client.RemoveBucket(context.Background(), "media-eu"); err != nil {
		t.Fatal(err)
	}
	if _, err := regions.Stat(context.Background(), "launch-keynote/asset.json"); err == nil || !strings.Contains(err.Error(), `bucket "media-eu" does not exist`) {
		t.Fatalf("a missing bucket: %v, want its name", err)
	}
}
