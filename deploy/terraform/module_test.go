package terraform

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// module is one folder of .tf files with what they declare.
type module struct {
	dir       string                      // slash-separated, relative to this folder
	files     map[string]*hclsyntax.Body  // file path => body
	srcs      map[string][]byte           // file path => source
	variables map[string]*hclsyntax.Block // name => variable block
	locals    map[string]*hclsyntax.Attribute
	outputs   map[string]*hclsyntax.Block
	calls     map[string]*hclsyntax.Block // module blocks by name
	resources map[string]bool             // "type.name"
	data      map[string]bool             // "type.name"
	providers map[string]bool             // provider configs usable here: "aws.alias"
	problems  []string                    // duplicate declarations
}

var (
	loadOnce sync.Once
	loaded   map[string]*module
	loadErr  error
)

// modules parses every folder holding .tf files below this one, once.
func modules(t *testing.T) map[string]*module {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = loadModules(".") })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	if len(loaded) == 0 {
		t.Fatal("no .tf files found")
	}
	return loaded
}

func loadModules(root string) (map[string]*module, error) {
	parser := hclparse.NewParser()
	mods := map[string]*module{}
	var diags hcl.Diagnostics
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir // .terraform and the like
		}
		if d.IsDir() || filepath.Ext(path) != ".tf" {
			return nil
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		m := mods[dir]
		if m == nil {
			m = newModule(dir)
			mods[dir] = m
		}
		f, ds := parser.ParseHCLFile(path)
		diags = append(diags, ds...)
		if !ds.HasErrors() {
			m.srcs[path] = f.Bytes
			m.add(path, f.Body.(*hclsyntax.Body))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("parsing: %s", diags.Error())
	}
	return mods, nil
}

func newModule(dir string) *module {
	return &module{
		dir: dir, files: map[string]*hclsyntax.Body{}, srcs: map[string][]byte{},
		variables: map[string]*hclsyntax.Block{}, locals: map[string]*hclsyntax.Attribute{},
		outputs: map[string]*hclsyntax.Block{}, calls: map[string]*hclsyntax.Block{},
		resources: map[string]bool{}, data: map[string]bool{}, providers: map[string]bool{},
	}
}

// add records the declarations of one file.
func (m *module) add(path string, body *hclsyntax.Body) {
	m.files[path] = body
	for _, b := range body.Blocks {
		switch b.Type {
		case "variable":
			declare(m, m.variables, "variable", b.Labels[0], b)
		case "output":
			declare(m, m.outputs, "output", b.Labels[0], b)
		case "module":
			declare(m, m.calls, "module", b.Labels[0], b)
		case "locals":
			for name, a := range b.Body.Attributes {
				declare(m, m.locals, "local", name, a)
			}
		case "resource", "data":
			set := map[string]map[string]bool{"resource": m.resources, "data": m.data}[b.Type]
			key := b.Labels[0] + "." + b.Labels[1]
			if set[key] {
				m.problems = append(m.problems, fmt.Sprintf("%s: duplicate %s %s", m.dir, b.Type, key))
			}
			set[key] = true
		case "provider":
			m.providers[providerKey(b)] = true
		case "terraform":
			m.addConfigurationAliases(b.Body)
		}
	}
}

// declare records name in set, noting a duplicate (terraform validate refuses them).
func declare[T any](m *module, set map[string]T, kind, name string, v T) {
	if _, dup := set[name]; dup {
		m.problems = append(m.problems, fmt.Sprintf("%s: duplicate %s %q", m.dir, kind, name))
	}
	set[name] = v
}

// providerKey is "aws" for a default provider block, "aws.alias" otherwise.
func providerKey(b *hclsyntax.Block) string {
	if a, ok := b.Body.Attributes["alias"]; ok {
		if v, diags := a.Expr.Value(nil); !diags.HasErrors() {
			return b.Labels[0] + "." + v.AsString()
		}
	}
	return b.Labels[0]
}

// addConfigurationAliases records the provider configs a child module
// expects from its caller (required_providers … configuration_aliases).
func (m *module) addConfigurationAliases(tf *hclsyntax.Body) {
	for _, rp := range tf.Blocks {
		if rp.Type != "required_providers" {
			continue
		}
		for name, a := range rp.Body.Attributes {
			m.providers[name] = true
			obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr)
			if !ok {
				continue
			}
			for _, item := range obj.Items {
				if key, _ := item.KeyExpr.Value(nil); key.AsString() != "configuration_aliases" {
					continue
				}
				for _, tr := range item.ValueExpr.Variables() {
					m.providers[traversalString(tr)] = true
				}
			}
		}
	}
}

// child returns the module a module block calls, if its source is a folder here.
func (m *module) child(all map[string]*module, call *hclsyntax.Block) (*module, string) {
	src, ok := call.Body.Attributes["source"]
	if !ok {
		return nil, "no source"
	}
	v, diags := src.Expr.Value(nil)
	if diags.HasErrors() {
		return nil, "source is not a literal string"
	}
	s := v.AsString()
	if !strings.HasPrefix(s, "./") && !strings.HasPrefix(s, "../") {
		return nil, fmt.Sprintf("source %q is not a local folder", s)
	}
	dir := filepath.ToSlash(filepath.Clean(filepath.Join(m.dir, s)))
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Sprintf("source %q: no folder %s", s, dir)
	}
	c := all[dir]
	if c == nil {
		return nil, fmt.Sprintf("source %q: no .tf files in %s", s, dir)
	}
	return c, ""
}

// traversalString renders a traversal's leading names: "aws.us_east_1".
func traversalString(tr hcl.Traversal) string {
	var parts []string
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, s.Name)
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		default:
			return strings.Join(parts, ".")
		}
	}
	return strings.Join(parts, ".")
}

// where formats a source position for messages.
func where(r hcl.Range) string {
	return fmt.Sprintf("%s:%d", r.Filename, r.Start.Line)
}

func sortedKeys[T any](m map[string]T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
