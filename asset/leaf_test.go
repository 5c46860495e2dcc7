package asset

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLeaf keeps asset a leaf: its code (tests aside) imports nothing of the
// module outside asset/, so every role can import it without a cycle.
func TestLeaf(t *testing.T) {
	const module = "github.com/streamgate/streamgate/"
	for _, dir := range []string{".", "policy"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", dir, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ast, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range ast.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if strings.HasPrefix(p, module) && !strings.HasPrefix(p, module+"asset") {
					t.Errorf("%s imports %s: asset must import nothing of ours", f, p)
				}
			}
		}
	}
}
