package contracts

import (
	"bufio"
	"bytes"
	"debug/buildinfo"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/streamgate/streamgate/internal/testenv"
)

const (
	abigenPath   = "../bin/abigen"
	abigenPrefix = "//go:generate " + abigenPath + " "
	gethModule   = "github.com/ethereum/go-ethereum"
	generatedTag = "// Code generated via abigen V2 - DO NOT EDIT."
)

// TestArtifactsFresh rebuilds build/ from the sources with the pinned solc-js
// and fails when the committed artifacts differ.
func TestArtifactsFresh(t *testing.T) {
	testenv.NotShort(t, "solc-js to rebuild the contracts (~6 s)")
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node not found: run make deps")
	}
	if _, err := os.Stat("../node_modules/solc/package.json"); err != nil {
		t.Fatal("node_modules/solc not found: run make deps")
	}
	tmp := t.TempDir()
	cmd := exec.CommandContext(t.Context(), node, "build.mjs", tmp)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("node build.mjs: %v\n%s", err, out)
	}
	compareDirs(t, "build", tmp, func(string) bool { return true })
}

// TestBindingsFresh runs gen.go's abigen lines on the committed artifacts and
// fails when the committed bindings differ, or when bin/abigen is not the
// go-ethereum version go.mod requires.
func TestBindingsFresh(t *testing.T) {
	testenv.NotShort(t, "bin/abigen")
	checkAbigen(t)
	lines := abigenLines(t)
	bound := map[string]bool{}
	tmp := t.TempDir()
	for _, args := range lines {
		bound[flag(t, args, "--abi")] = true
		out := flag(t, args, "--out")
		args = slices.Clone(args)
		args[slices.Index(args, "--out")+1] = filepath.Join(tmp, filepath.Base(out))
		cmd := exec.CommandContext(t.Context(), abigenPath, args...)
		if msg, err := cmd.CombinedOutput(); err != nil {
			msg, _, _ = bytes.Cut(msg, []byte("\n")) // the rest is the failed source
			t.Fatalf("abigen %s: %v: %s", strings.Join(args, " "), err, msg)
		}
	}
	abis, _ := filepath.Glob("build/*.abi")
	for _, a := range abis {
		if !bound[a] {
			t.Errorf("%s has no abigen line in gen.go", a)
		}
	}
	compareDirs(t, "bindings", tmp, isGenerated)
}

// checkAbigen fails unless bin/abigen was built from the go-ethereum version
// in go.mod: bindings and the bind/v2 runtime must match.
func checkAbigen(t *testing.T) {
	t.Helper()
	info, err := buildinfo.ReadFile(abigenPath)
	if err != nil {
		t.Fatalf("bin/abigen: %v: run make deps", err)
	}
	want := requiredVersion(t, "../go.mod", gethModule)
	if info.Main.Path != gethModule || info.Main.Version != want {
		t.Fatalf("bin/abigen is %s@%s, go.mod requires %s@%s: run make deps",
			info.Main.Path, info.Main.Version, gethModule, want)
	}
}

// requiredVersion returns the version of module in go.mod's require lines.
func requiredVersion(t *testing.T, gomod, module string) string {
	t.Helper()
	data, err := os.ReadFile(gomod)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "require "))
		if len(f) >= 2 && f[0] == module {
			return f[1]
		}
	}
	t.Fatalf("%s does not require %s", gomod, module)
	return ""
}

// abigenLines returns the arguments of gen.go's abigen lines.
func abigenLines(t *testing.T) [][]string {
	t.Helper()
	f, err := os.Open("gen.go")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines [][]string
	for s := bufio.NewScanner(f); s.Scan(); {
		if rest, ok := strings.CutPrefix(s.Text(), abigenPrefix); ok {
			lines = append(lines, strings.Fields(rest))
		}
	}
	if len(lines) == 0 {
		t.Fatalf("gen.go has no %q lines", abigenPrefix)
	}
	return lines
}

// flag returns the value after name in args.
func flag(t *testing.T, args []string, name string) string {
	t.Helper()
	i := slices.Index(args, name)
	if i < 0 || i+1 >= len(args) {
		t.Fatalf("abigen line %q has no %s", strings.Join(args, " "), name)
	}
	return args[i+1]
}

// isGenerated tells the abigen output in bindings/ from hand-written files.
func isGenerated(path string) bool {
	data, err := os.ReadFile(path)
	return err == nil && bytes.HasPrefix(data, []byte(generatedTag))
}

// compareDirs fails unless the files of committed that keep() selects are
// exactly the files of fresh, byte for byte.
func compareDirs(t *testing.T, committed, fresh string, keep func(path string) bool) {
	t.Helper()
	want := names(t, fresh, func(string) bool { return true })
	got := names(t, committed, keep)
	for _, n := range want {
		old, err := os.ReadFile(filepath.Join(committed, n))
		switch {
		case err != nil:
			t.Errorf("contracts/%s/%s is missing: run make gen", committed, n)
		case !bytes.Equal(old, mustRead(t, filepath.Join(fresh, n))):
			t.Errorf("contracts/%s/%s is stale: run make gen", committed, n)
		}
	}
	for _, n := range got {
		if !slices.Contains(want, n) {
			t.Errorf("contracts/%s/%s is not generated any more: delete it (make gen)", committed, n)
		}
	}
}

func names(t *testing.T, dir string, keep func(path string) bool) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && keep(filepath.Join(dir, e.Name())) {
			out = append(out, e.Name())
		}
	}
	return out
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
