package terraform

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// report fails t with every problem, one per line.
func report(t *testing.T, problems []string) {
	t.Helper()
	if len(problems) > 0 {
		t.Errorf("%d problem(s):\n%s", len(problems), strings.Join(problems, "\n"))
	}
}

// TestFormat fails on any file that `terraform fmt` (hclwrite.Format) would change.
func TestFormat(t *testing.T) {
	var problems []string
	for _, m := range modules(t) {
		for _, path := range sortedKeys(m.srcs) {
			src := m.srcs[path]
			if got := hclwrite.Format(src); !bytes.Equal(got, src) {
				problems = append(problems, fmt.Sprintf("%s: not formatted (terraform fmt): %s", path, firstDiff(src, got)))
			}
		}
	}
	report(t, problems)
}

// firstDiff shows the first line that formatting changes.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d: %q, want %q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(al), len(bl))
}

// TestDeclarations checks what validate would of the declarations themselves:
// no duplicates; every variable typed and described, its default of its type
// and its validations about itself alone (cross-variable conditions need
// Terraform 1.9, the configs say >= 1.6); every output described.
func TestDeclarations(t *testing.T) {
	var problems []string
	for _, dir := range sortedKeys(modules(t)) {
		m := modules(t)[dir]
		problems = append(problems, m.problems...)
		for _, name := range sortedKeys(m.variables) {
			problems = append(problems, checkVariable(name, m.variables[name])...)
		}
		for _, name := range sortedKeys(m.outputs) {
			b := m.outputs[name]
			if !hasString(b.Body, "description") {
				problems = append(problems, fmt.Sprintf("%s: output %q has no description", where(b.DefRange()), name))
			}
			if _, ok := b.Body.Attributes["value"]; !ok {
				problems = append(problems, fmt.Sprintf("%s: output %q has no value", where(b.DefRange()), name))
			}
		}
	}
	report(t, problems)
}

func checkVariable(name string, b *hclsyntax.Block) []string {
	at := where(b.DefRange())
	var problems []string
	if !hasString(b.Body, "description") {
		problems = append(problems, fmt.Sprintf("%s: variable %q has no description", at, name))
	}
	typ, ok := b.Body.Attributes["type"]
	if !ok {
		return append(problems, fmt.Sprintf("%s: variable %q has no type", at, name))
	}
	ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(typ.Expr)
	if diags.HasErrors() {
		return append(problems, fmt.Sprintf("%s: variable %q: type: %s", at, name, diags.Error()))
	}
	if def, ok := b.Body.Attributes["default"]; ok {
		v, diags := def.Expr.Value(nil)
		if !diags.HasErrors() && defaults != nil {
			v = defaults.Apply(v)
		}
		if _, err := convert.Convert(v, ty); diags.HasErrors() || err != nil {
			problems = append(problems, fmt.Sprintf("%s: variable %q: default does not fit its type: %v%v", at, name, diags, err))
		}
	}
	for _, v := range b.Body.Blocks {
		if v.Type != "validation" {
			continue
		}
		cond, ok := v.Body.Attributes["condition"]
		if _, hasMessage := v.Body.Attributes["error_message"]; !ok || !hasMessage {
			problems = append(problems, fmt.Sprintf("%s: variable %q: validation needs condition and error_message", where(v.DefRange()), name))
			continue
		}
		for _, tr := range cond.Expr.Variables() {
			if s := traversalString(tr); s != "var."+name && !strings.HasPrefix(s, "var."+name+".") {
				problems = append(problems, fmt.Sprintf("%s: variable %q: validation refers to %s (Terraform < 1.9 allows only var.%s)", where(tr.SourceRange()), name, s, name))
			}
		}
	}
	return problems
}

// hasString reports whether body sets name to a non-empty literal string.
func hasString(body *hclsyntax.Body, name string) bool {
	a, ok := body.Attributes[name]
	if !ok {
		return false
	}
	v, diags := a.Expr.Value(nil)
	return !diags.HasErrors() && v.Type() == cty.String && !v.IsNull() && v.AsString() != ""
}

// TestModuleCalls checks every module block: its source is a folder here with
// .tf files, each argument is a variable of that module, every variable
// without a default is set, and its providers map names configurations that
// exist on both sides.
func TestModuleCalls(t *testing.T) {
	all := modules(t)
	var problems []string
	for _, dir := range sortedKeys(all) {
		m := all[dir]
		for _, name := range sortedKeys(m.calls) {
			problems = append(problems, m.checkCall(all, name, m.calls[name])...)
		}
	}
	report(t, problems)
}

var metaArguments = []string{"source", "version", "providers", "count", "for_each", "depends_on"}

func (m *module) checkCall(all map[string]*module, name string, call *hclsyntax.Block) []string {
	at := where(call.DefRange())
	child, why := m.child(all, call)
	if child == nil {
		return []string{fmt.Sprintf("%s: module %q: %s", at, name, why)}
	}
	var problems []string
	for _, arg := range sortedKeys(call.Body.Attributes) {
		if _, ok := child.variables[arg]; !ok && !slices.Contains(metaArguments, arg) {
			problems = append(problems, fmt.Sprintf("%s: module %q: %s has no variable %q", at, name, child.dir, arg))
		}
	}
	for _, v := range sortedKeys(child.variables) {
		_, hasDefault := child.variables[v].Body.Attributes["default"]
		if _, set := call.Body.Attributes[v]; !set && !hasDefault {
			problems = append(problems, fmt.Sprintf("%s: module %q: required variable %q not set", at, name, v))
		}
	}
	if a, ok := call.Body.Attributes["providers"]; ok {
		problems = append(problems, m.checkProviderMap(child, a)...)
	}
	return problems
}

// checkProviderMap checks providers = { child_name = parent_config, … }.
func (m *module) checkProviderMap(child *module, a *hclsyntax.Attribute) []string {
	obj, ok := a.Expr.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return []string{where(a.SrcRange) + ": providers: want a map of provider configurations"}
	}
	var problems []string
	for _, item := range obj.Items {
		key, kd := hcl.AbsTraversalForExpr(item.KeyExpr)
		val, vd := hcl.AbsTraversalForExpr(item.ValueExpr)
		switch {
		case kd.HasErrors() || vd.HasErrors():
			problems = append(problems, where(item.KeyExpr.Range())+": providers: want name = provider.alias")
		case !child.providers[traversalString(key)]:
			problems = append(problems, fmt.Sprintf("%s: providers: %s declares no provider %s", where(key.SourceRange()), child.dir, traversalString(key)))
		case !m.providers[traversalString(val)]:
			problems = append(problems, fmt.Sprintf("%s: providers: no provider configuration %s here", where(val.SourceRange()), traversalString(val)))
		}
	}
	return problems
}

// TestReferences checks that every reference in every expression names
// something declared: var.X, local.X, module.M(.O with O an output of M),
// data.T.N, T.N resources, count/each/self where they exist, dynamic block
// iterators, and provider = P.A configurations.
func TestReferences(t *testing.T) {
	all := modules(t)
	var problems []string
	for _, dir := range sortedKeys(all) {
		m := all[dir]
		for _, path := range sortedKeys(m.files) {
			for _, b := range m.files[path].Blocks {
				problems = append(problems, m.checkBlock(all, b, topScope(b))...)
			}
		}
	}
	report(t, problems)
}

// scope is what a block lets its expressions name besides declarations.
type scope struct {
	count, each, self bool
	iterators         []string // dynamic blocks' iterator names
}

func topScope(b *hclsyntax.Block) scope {
	var s scope
	switch b.Type {
	case "resource", "data", "module":
		_, s.count = b.Body.Attributes["count"]
		_, s.each = b.Body.Attributes["for_each"]
		s.self = b.Type == "resource"
	}
	return s
}

func (m *module) checkBlock(all map[string]*module, b *hclsyntax.Block, s scope) []string {
	if b.Type == "terraform" || b.Type == "moved" || b.Type == "removed" {
		return nil // required_providers, backend: no references to check
	}
	var problems []string
	for _, name := range sortedKeys(b.Body.Attributes) {
		a := b.Body.Attributes[name]
		switch {
		case b.Type == "variable" && name == "type", b.Type == "lifecycle" && name == "ignore_changes":
			continue // type expressions and attribute names, not references
		case b.Type == "module" && name == "providers":
			continue // TestModuleCalls
		case (b.Type == "resource" || b.Type == "data") && name == "provider":
			if tr, diags := hcl.AbsTraversalForExpr(a.Expr); diags.HasErrors() || !m.providers[traversalString(tr)] {
				problems = append(problems, where(a.SrcRange)+": provider: no such provider configuration here")
			}
			continue
		}
		for _, tr := range a.Expr.Variables() {
			if p := m.checkTraversal(all, tr, s); p != "" {
				problems = append(problems, where(tr.SourceRange())+": "+p)
			}
		}
	}
	for _, nb := range b.Body.Blocks {
		inner := s
		if nb.Type == "dynamic" {
			inner.iterators = append(slices.Clone(s.iterators), iteratorName(nb))
		}
		problems = append(problems, m.checkBlock(all, nb, inner)...)
	}
	return problems
}

// iteratorName is a dynamic block's iterator: its iterator argument or its label.
func iteratorName(b *hclsyntax.Block) string {
	if a, ok := b.Body.Attributes["iterator"]; ok {
		return hcl.ExprAsKeyword(a.Expr)
	}
	return b.Labels[0]
}

func (m *module) checkTraversal(all map[string]*module, tr hcl.Traversal, s scope) string {
	names := strings.Split(traversalString(tr), ".")
	name := func(i int) string {
		if i < len(names) {
			return names[i]
		}
		return ""
	}
	var ok bool
	switch root := names[0]; root {
	case "var":
		_, ok = m.variables[name(1)]
	case "local":
		_, ok = m.locals[name(1)]
	case "module":
		return m.checkModuleRef(all, name(1), name(2))
	case "data":
		ok = m.data[name(1)+"."+name(2)]
	case "path":
		ok = slices.Contains([]string{"module", "root", "cwd"}, name(1))
	case "terraform":
		ok = name(1) == "workspace"
	case "count":
		ok = s.count && name(1) == "index"
	case "each":
		ok = s.each && (name(1) == "key" || name(1) == "value")
	case "self":
		ok = s.self
	default:
		ok = slices.Contains(s.iterators, root) || m.resources[root+"."+name(1)]
	}
	if !ok {
		return "reference to undeclared " + strings.Join(names[:min(len(names), 3)], ".")
	}
	return ""
}

func (m *module) checkModuleRef(all map[string]*module, name, output string) string {
	call, ok := m.calls[name]
	if !ok {
		return "reference to undeclared module." + name
	}
	child, _ := m.child(all, call)
	if child == nil || output == "" {
		return "" // a bad source is TestModuleCalls' to report
	}
	if _, ok := child.outputs[output]; !ok {
		return fmt.Sprintf("module.%s.%s: %s has no output %q", name, output, child.dir, output)
	}
	return ""
}

// TestFunctions fails on a call to a function Terraform does not have, in
// the .tf files and in the templates they render.
func TestFunctions(t *testing.T) {
	var problems []string
	visit := func(node hclsyntax.Node) hcl.Diagnostics {
		if call, ok := node.(*hclsyntax.FunctionCallExpr); ok && !terraformFunctions[call.Name] && !strings.HasPrefix(call.Name, "provider::") {
			problems = append(problems, fmt.Sprintf("%s: unknown function %s", where(call.NameRange), call.Name))
		}
		return nil
	}
	var walk func(b *hclsyntax.Body, variable bool)
	walk = func(b *hclsyntax.Body, variable bool) {
		for name, a := range b.Attributes {
			if !(variable && name == "type") { // type constraints: object(), optional()
				_ = hclsyntax.VisitAll(a.Expr, visit) // visit never fails
			}
		}
		for _, nb := range b.Blocks {
			walk(nb.Body, nb.Type == "variable")
		}
	}
	for _, m := range modules(t) {
		for _, body := range m.files {
			walk(body, false)
		}
	}
	for _, path := range templateFiles(t) {
		expr := parseTemplate(t, path)
		_ = hclsyntax.VisitAll(expr, visit)
	}
	report(t, problems)
}

// templateFiles lists every *.tftpl below this folder.
func templateFiles(t *testing.T) []string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".tftpl") {
			paths = append(paths, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

func parseTemplate(t *testing.T, path string) hclsyntax.Expression {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	expr, diags := hclsyntax.ParseTemplate(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s: %s", path, diags.Error())
	}
	return expr
}

// terraformFunctions are Terraform's built-in functions (1.6 and later).
var terraformFunctions = setOf(
	"abs", "abspath", "alltrue", "anytrue", "base64decode", "base64encode", "base64gzip",
	"base64sha256", "base64sha512", "basename", "bcrypt", "can", "ceil", "chomp", "chunklist",
	"cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets", "coalesce", "coalescelist", "compact",
	"concat", "contains", "csvdecode", "dirname", "distinct", "element", "endswith", "file",
	"filebase64", "filebase64sha256", "filebase64sha512", "fileexists", "filemd5", "fileset",
	"filesha1", "filesha256", "filesha512", "flatten", "floor", "format", "formatdate",
	"formatlist", "indent", "index", "issensitive", "join", "jsondecode", "jsonencode", "keys",
	"length", "log", "lookup", "lower", "matchkeys", "max", "md5", "merge", "min", "nonsensitive",
	"one", "parseint", "pathexpand", "plantimestamp", "pow", "range", "regex", "regexall",
	"replace", "reverse", "rsadecrypt", "sensitive", "setintersection", "setproduct",
	"setsubtract", "setunion", "sha1", "sha256", "sha512", "signum", "slice", "sort", "split",
	"startswith", "strcontains", "strrev", "substr", "sum", "templatefile", "textdecodebase64",
	"textencodebase64", "timeadd", "timecmp", "timestamp", "title", "tobool", "tolist", "tomap",
	"tonumber", "toset", "tostring", "transpose", "trim", "trimprefix", "trimspace", "trimsuffix",
	"try", "upper", "urlencode", "uuid", "uuidv5", "values", "yamldecode", "yamlencode", "zipmap",
)

func setOf(names ...string) map[string]bool {
	s := make(map[string]bool, len(names))
	for _, n := range names {
		s[n] = true
	}
	return s
}

// TestTemplates checks every templatefile call: the template exists, and the
// variables passed are exactly those it uses (a missing one fails the plan,
// an unused one is a mistake waiting to happen).
func TestTemplates(t *testing.T) {
	var problems []string
	for _, dir := range sortedKeys(modules(t)) {
		m := modules(t)[dir]
		ctx := &hcl.EvalContext{Variables: map[string]cty.Value{
			"path": cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(dir)}),
		}}
		for _, body := range m.files {
			_ = hclsyntax.VisitAll(body, func(node hclsyntax.Node) hcl.Diagnostics {
				if call, ok := node.(*hclsyntax.FunctionCallExpr); ok && call.Name == "templatefile" {
					problems = append(problems, checkTemplateCall(t, ctx, call)...)
				}
				return nil
			})
		}
	}
	report(t, problems)
}

func checkTemplateCall(t *testing.T, ctx *hcl.EvalContext, call *hclsyntax.FunctionCallExpr) []string {
	at := where(call.NameRange)
	if len(call.Args) != 2 {
		return []string{at + ": templatefile: want a path and a vars object"}
	}
	path, diags := call.Args[0].Value(ctx)
	if diags.HasErrors() {
		return []string{at + ": templatefile: path is not \"${path.module}/…\""}
	}
	if _, err := os.Stat(path.AsString()); err != nil {
		return []string{fmt.Sprintf("%s: templatefile: %v", at, err)}
	}
	vars, ok := call.Args[1].(*hclsyntax.ObjectConsExpr)
	if !ok {
		return nil // built elsewhere (merge…): the rendering test evaluates it
	}
	passed := map[string]bool{}
	for _, item := range vars.Items {
		passed[hcl.ExprAsKeyword(item.KeyExpr)] = true
	}
	used := map[string]bool{}
	for _, tr := range parseTemplate(t, path.AsString()).Variables() {
		used[tr.RootName()] = true
	}
	var problems []string
	for _, name := range sortedKeys(used) {
		if !passed[name] {
			problems = append(problems, fmt.Sprintf("%s: %s uses %s, not passed", at, path.AsString(), name))
		}
	}
	for _, name := range sortedKeys(passed) {
		if !used[name] {
			problems = append(problems, fmt.Sprintf("%s: %s does not use %s", at, path.AsString(), name))
		}
	}
	return problems
}
