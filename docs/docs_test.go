// Package docs holds the repository's public contract (protocol.md); its
// tests keep that and every README true to the code: each error code the
// code can answer with is documented with its status and nothing documented
// is missing from the code, and each config key the docs name exists.
package docs

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// root is the module's root, seen from this package's directory.
const root = ".."

// protocol is the reference that must list every code.
var protocol = filepath.Join(root, "docs", "protocol.md")

// docEmission is a (status, code) pair a document promises, and where.
type docEmission struct {
	emission
	where string
}

var (
	// A table row whose first cell is a 4xx/5xx status names its codes in
	// backticks in the second cell: | 403 | `policy_unmet` | … |.
	rowRE = regexp.MustCompile(`^\|\s*([45][0-9][0-9])\s*\|([^|]*)\|`)
	// Prose names a status followed by its codes: 429 `too_many_streams`,
	// 401 `invalid_token` or `token_expired`.
	proseRE    = regexp.MustCompile("\\b([45][0-9][0-9]) (`[a-z0-9_]+`(?:(?:,| or| and|, or|, and) `[a-z0-9_]+`)*)")
	backtickRE = regexp.MustCompile("`([^`\n]+)`")
)

// documented reads the (status, code) pairs a Markdown file promises, in its
// tables and prose; fenced code blocks are skipped.
func documented(t *testing.T, path string) []docEmission {
	t.Helper()
	var out []docEmission
	add := func(n int, status, cell string) {
		s, _ := strconv.Atoi(status)
		for _, m := range backtickRE.FindAllStringSubmatch(cell, -1) {
			if codeRE.MatchString(m[1]) {
				out = append(out, docEmission{emission{s, m[1]}, fmt.Sprintf("%s:%d", rel(path), n)})
			}
		}
	}
	forLines(t, path, func(n int, line string) {
		if m := rowRE.FindStringSubmatch(line); m != nil {
			add(n, m[1], m[2])
			return
		}
		for _, m := range proseRE.FindAllStringSubmatch(line, -1) {
			add(n, m[1], m[2])
		}
	})
	return out
}

// forLines calls f with each line of a Markdown file outside fenced blocks.
func forLines(t *testing.T, path string, f func(n int, line string)) {
	t.Helper()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	fenced := false
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if !fenced {
			f(n, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// docFiles lists every README.md in the module and the files of docs/.
func docFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && (d.Name() == "README.md" || filepath.Dir(p) == filepath.Join(root, "docs") && strings.HasSuffix(p, ".md")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// readmeOf is the README.md nearest above a source file: the one whose
// readers meet that file's answers.
func readmeOf(file string) string {
	for dir := filepath.Dir(file); ; dir = filepath.Dir(dir) {
		p := filepath.Join(dir, "README.md")
		if _, err := os.Stat(p); err == nil || dir == root || dir == "." {
			return p
		}
	}
}

func covers(docs []docEmission, e emission) bool {
	for _, d := range docs {
		if d.code == e.code && (e.status == anyStatus || d.status == e.status) {
			return true
		}
	}
	return false
}

func rel(p string) string {
	r, err := filepath.Rel(root, p)
	if err != nil {
		return p
	}
	return r
}

// TestErrorCodesDocumented fails when a code the code can answer with has no
// row (with its status) in docs/protocol.md and in the README nearest the
// file that emits it, or when any doc promises a code nothing emits.
func TestErrorCodesDocumented(t *testing.T) {
	byFile := emitted(t, root)
	docs := map[string][]docEmission{}
	for _, p := range docFiles(t) {
		docs[p] = documented(t, p)
	}
	if len(docs[protocol]) == 0 {
		t.Fatalf("%s documents no error codes", rel(protocol))
	}
	var all []emission
	problems := map[string]bool{}
	for file, ems := range byFile {
		readme := readmeOf(file)
		for _, e := range ems {
			all = append(all, e)
			for _, doc := range []string{protocol, readme} {
				if !covers(docs[doc], e) {
					problems[fmt.Sprintf("%s: emits %s, which %s does not document", rel(file), show(e), rel(doc))] = true
				}
			}
		}
	}
	if len(all) == 0 {
		t.Fatal("found no emitted error codes: the extraction rules no longer match the code")
	}
	for _, ds := range docs {
		for _, d := range ds {
			if !emittedAnywhere(all, d.emission) {
				problems[fmt.Sprintf("%s: documents %s, which no code emits", d.where, show(d.emission))] = true
			}
		}
	}
	report(t, problems)
}

func emittedAnywhere(all []emission, d emission) bool {
	for _, e := range all {
		if e.code == d.code && (e.status == anyStatus || e.status == d.status) {
			return true
		}
	}
	return false
}

func show(e emission) string {
	if e.status == anyStatus {
		return "`" + e.code + "`"
	}
	return fmt.Sprintf("%d `%s`", e.status, e.code)
}

func report(t *testing.T, problems map[string]bool) {
	t.Helper()
	lines := make([]string, 0, len(problems))
	for p := range problems {
		lines = append(lines, p)
	}
	sort.Strings(lines)
	for _, l := range lines {
		t.Error(l)
	}
}

// configKeys reads configs/*.yaml, which list every key at its default: the
// dotted paths of each file (list elements' keys under the list's path), and
// the top-level sections (keys holding a mapping) of all of them.
func configKeys(t *testing.T) (paths map[string]map[string]bool, sections map[string]bool) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, "configs", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no configs/*.yaml: %v", err)
	}
	paths, sections = map[string]map[string]bool{}, map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", rel(f), err)
		}
		paths[f] = map[string]bool{}
		flatten("", doc, paths[f])
		for k, v := range doc {
			if _, ok := v.(map[string]any); ok {
				sections[k] = true
			}
		}
	}
	return paths, sections
}

func flatten(prefix string, v any, into map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, sub := range v {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			into[p] = true
			flatten(p, sub, into)
		}
	case []any:
		for _, sub := range v {
			flatten(prefix, sub, into)
		}
	}
}

var (
	// keyRE is a dotted config key path, e.g. http.segment_cache_control;
	// it counts as one only when its first part is a config section, so
	// file names (asset.json) are not keys.
	keyRE = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`)
	// envRE is a config override variable, e.g. EDGE_ORIGIN_TIMEOUT=3s.
	envRE = regexp.MustCompile(`^(EDGE|SIGNER|TRANSCODER|INDEXER)_([A-Z0-9_]+)(=.*)?$`)
)

// TestConfigKeysExist fails when a doc names, in backticks, a config key
// (section.key) or an override variable (EDGE_…) that no configs/*.yaml has.
func TestConfigKeysExist(t *testing.T) {
	paths, sections := configKeys(t)
	problems := map[string]bool{}
	checked := 0
	for _, doc := range docFiles(t) {
		forLines(t, doc, func(n int, line string) {
			for _, m := range backtickRE.FindAllStringSubmatch(line, -1) {
				span := m[1]
				var why string
				switch {
				case keyRE.MatchString(span) && sections[strings.Split(span, ".")[0]]:
					checked++
					if !anyHas(paths, span) {
						why = "no configs/*.yaml has this key"
					}
				case envRE.MatchString(span):
					checked++
					why = checkEnv(t, paths, envRE.FindStringSubmatch(span))
				}
				if why != "" {
					problems[fmt.Sprintf("%s:%d: `%s`: %s", rel(doc), n, span, why)] = true
				}
			}
		})
	}
	if checked == 0 {
		t.Fatal("the docs name no config keys: the extraction rules no longer match them")
	}
	report(t, problems)
}

func anyHas(paths map[string]map[string]bool, key string) bool {
	for _, ps := range paths {
		if ps[key] {
			return true
		}
	}
	return false
}

// checkEnv accepts PREFIX_KEY when KEY is a key path of configs/prefix.yaml
// in capitals, or a variable that config file names (a secret kept out of it).
func checkEnv(t *testing.T, paths map[string]map[string]bool, m []string) string {
	t.Helper()
	file := filepath.Join(root, "configs", strings.ToLower(m[1])+".yaml")
	for p := range paths[file] {
		if strings.ToUpper(strings.ReplaceAll(p, ".", "_")) == m[2] {
			return ""
		}
	}
	data, err := os.ReadFile(file)
	if err == nil && strings.Contains(string(data), m[1]+"_"+m[2]) {
		return ""
	}
	return fmt.Sprintf("no key of %s overrides as %s_%s", rel(file), m[1], m[2])
}

// TestDocumentedRules holds how documents are read: table rows and prose
// name codes after a status; fenced blocks and other backticks do not.
func TestDocumentedRules(t *testing.T) {
	md := "| status | code | when |\n" +
		"|---|---|---|\n" +
		"| 401 | `invalid_token`, `token_expired` | bad token |\n" +
		"| `GET /x` | `not_a_row` | route table |\n" +
		"The viewer gets 403 `revoked`; signer: 401 `invalid_nonce` or `message_expired`.\n" +
		"Port 8080 serves `asset.json` and `cache.max_bytes`.\n" +
		"```json\n{\"error\":\"in_a_block\"} 404 `in_a_block`\n```\n"
	path := filepath.Join(t.TempDir(), "x.md")
	if err := os.WriteFile(path, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	got := map[emission]bool{}
	for _, d := range documented(t, path) {
		got[d.emission] = true
	}
	want := map[emission]bool{
		{401, "invalid_token"}: true, {401, "token_expired"}: true, {403, "revoked"}: true,
		{401, "invalid_nonce"}: true, {401, "message_expired"}: true,
	}
	if len(got) != len(want) {
		t.Errorf("read %v, want %v", got, want)
	}
	for e := range want {
		if !got[e] {
			t.Errorf("missed %s", show(e))
		}
	}
}
