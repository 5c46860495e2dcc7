package docs

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// anyStatus stands for a code emitted where the AST gives no status (an
// apiError literal whose status is a variable): it matches any documented one.
const anyStatus = 0

// emission is one (status, code) pair the code can answer with.
type emission struct {
	status int
	code   string
}

// codeRE is the shape of an error code: lowercase snake_case.
var codeRE = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// rawBodyRE finds a JSON error body written by hand in a string literal (a
// raw HTTP response a listener writes itself), and rawStatusRE its status line.
var (
	rawBodyRE   = regexp.MustCompile(`"error"\s*:\s*\\?"([a-z0-9_]+)\\?"`)
	rawStatusRE = regexp.MustCompile(`HTTP/1\.[01] ([1-5][0-9][0-9]) `)
)

// statusByName maps net/http's and fasthttp's shared constant names
// (StatusTooManyRequests) to their values, derived from http.StatusText so
// that no table is kept by hand.
var statusByName = func() map[string]int {
	m := map[string]int{}
	for code := 100; code < 600; code++ {
		text := http.StatusText(code)
		if text == "" {
			continue
		}
		name := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, text)
		m["Status"+name] = code
	}
	return m
}()

// goFiles lists the module's non-test Go files, relative to root.
func goFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// emitted parses every Go file under root and returns the error codes each
// file can answer with. A code is collected where it sits beside an HTTP
// status constant in one list (a return, a call's arguments, an assignment's
// right side, a composite literal): the first code-shaped string after the
// status, given as a literal, a package constant or a local variable
// assigned literals. Error bodies built as apiError{Error: …} and raw HTTP
// responses in string literals count too.
func emitted(t *testing.T, root string) map[string][]emission {
	t.Helper()
	fset := token.NewFileSet()
	parsed := map[string]*ast.File{}
	consts := map[string]map[string][]string{} // dir → name → values
	for _, p := range goFiles(t, root) {
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		parsed[p] = f
		dir := filepath.Dir(p)
		if consts[dir] == nil {
			consts[dir] = map[string][]string{}
		}
		collectStrings(f, consts[dir])
	}
	out := map[string][]emission{}
	for p, f := range parsed {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			e := &extractor{t: t, pos: fset, scope: scopeOf(fn, consts[filepath.Dir(p)])}
			ast.Inspect(fn.Body, e.visit)
			out[p] = append(out[p], e.found...)
		}
		out[p] = append(out[p], rawBodies(f)...)
	}
	return out
}

// collectStrings records package-level constants and variables initialized
// with string literals.
func collectStrings(f *ast.File, into map[string][]string) {
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST && g.Tok != token.VAR {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if i < len(vs.Values) {
					if v, ok := stringLit(vs.Values[i]); ok {
						into[name.Name] = append(into[name.Name], v)
					}
				}
			}
		}
	}
}

// scopeOf adds the function's local string assignments (code = "…") to the
// package's constants.
func scopeOf(fn *ast.FuncDecl, pkg map[string][]string) map[string][]string {
	scope := map[string][]string{}
	for k, v := range pkg {
		scope[k] = v
	}
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			id, isID := l.(*ast.Ident)
			if v, isLit := stringLit(as.Rhs[i]); isID && isLit {
				scope[id.Name] = append(scope[id.Name], v)
			}
		}
		return true
	})
	return scope
}

type extractor struct {
	t     *testing.T
	pos   *token.FileSet
	scope map[string][]string
	found []emission
}

func (e *extractor) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.ReturnStmt:
		e.tuple(n.Results)
	case *ast.CallExpr:
		e.tuple(n.Args)
	case *ast.AssignStmt:
		e.tuple(n.Rhs)
	case *ast.CompositeLit:
		e.tuple(n.Elts)
		e.errorField(n)
	}
	return true
}

// tuple collects the code that follows a status constant in one list, or
// that a status keys (map[int]string{fasthttp.StatusX: "code"}).
func (e *extractor) tuple(list []ast.Expr) {
	for i, x := range list {
		if kv, ok := x.(*ast.KeyValueExpr); ok {
			if status, ok := e.status(kv.Key); ok {
				for _, c := range e.codes(kv.Value) {
					e.found = append(e.found, emission{status, c})
				}
				continue
			}
		}
		status, ok := e.status(unkey(x))
		if !ok {
			continue
		}
		for _, y := range list[i+1:] {
			if codes := e.codes(unkey(y)); len(codes) > 0 {
				for _, c := range codes {
					e.found = append(e.found, emission{status, c})
				}
				break
			}
		}
	}
}

// errorField collects Error: "code" in an error body literal, whose status
// is written elsewhere.
func (e *extractor) errorField(cl *ast.CompositeLit) {
	for _, x := range cl.Elts {
		kv, ok := x.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Error" {
			for _, c := range e.codes(kv.Value) {
				e.found = append(e.found, emission{anyStatus, c})
			}
		}
	}
}

// status resolves fasthttp.StatusX or http.StatusX.
func (e *extractor) status(x ast.Expr) (int, bool) {
	sel, ok := x.(*ast.SelectorExpr)
	if !ok || !strings.HasPrefix(sel.Sel.Name, "Status") {
		return 0, false
	}
	pkg, ok := sel.X.(*ast.Ident)
	if !ok || pkg.Name != "fasthttp" && pkg.Name != "http" {
		return 0, false
	}
	code, ok := statusByName[sel.Sel.Name]
	if !ok {
		e.t.Errorf("%s: cannot resolve %s.%s to a status: extend statusByName", e.pos.Position(sel.Pos()), pkg.Name, sel.Sel.Name)
	}
	return code, ok
}

// codes gives the code-shaped strings x stands for.
func (e *extractor) codes(x ast.Expr) []string {
	var vals []string
	if v, ok := stringLit(x); ok {
		vals = []string{v}
	} else if id, ok := x.(*ast.Ident); ok {
		vals = e.scope[id.Name]
	}
	var out []string
	for _, v := range vals {
		if codeRE.MatchString(v) {
			out = append(out, v)
		}
	}
	return out
}

// rawBodies finds hand-written HTTP responses carrying a JSON error body.
func rawBodies(f *ast.File) []emission {
	var out []emission
	ast.Inspect(f, func(n ast.Node) bool {
		v, ok := stringLit(n)
		if !ok {
			return true
		}
		for _, m := range rawBodyRE.FindAllStringSubmatch(v, -1) {
			status := anyStatus
			if s := rawStatusRE.FindStringSubmatch(v); s != nil {
				status, _ = strconv.Atoi(s[1])
			}
			out = append(out, emission{status, m[1]})
		}
		return true
	})
	return out
}

func unkey(x ast.Expr) ast.Expr {
	if kv, ok := x.(*ast.KeyValueExpr); ok {
		return kv.Value
	}
	return x
}

func stringLit(n ast.Node) (string, bool) {
	lit, ok := n.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	v, err := strconv.Unquote(lit.Value)
	return v, err == nil
}

// extractionSource holds each shape in which the code writes an error code,
// and shapes that must not count (a status in a variable, a message).
const extractionSource = `package x

const codeBusy = "overloaded"

func statusOf(err error) (int, string) {
	if err == nil {
		return fasthttp.StatusBadRequest, "bad_request"
	}
	return http.StatusInternalServerError, "internal"
}

func signIn() (int, string) {
	var code string
	code = "invalid_nonce"
	return fasthttp.StatusUnauthorized, code
}

func refusals() {
	writeError(nil, fasthttp.StatusNotFound, "not_found", "no such route")
	status, code := fasthttp.StatusRequestTimeout, "request_timeout"
	_ = []struct {
		status int
		code   string
	}{{fasthttp.StatusServiceUnavailable, codeBusy}}
	_ = map[int]string{fasthttp.StatusTooManyRequests: "too_many_requests"}
	_ = apiError{Error: "header_too_large", Message: "x"}
	_ = "HTTP/1.1 429 Too Many Requests\r\n\r\n{\"error\":\"conn_limit\",\"message\":\"x\"}"
	writeError(nil, status, code, "msg")
	_ = map[int]string{fasthttp.StatusBadGateway: "the origin failed; try again"}
	rc.SetStatusCode(fasthttp.StatusOK)
}
`

// TestExtractionRules holds the rules emitted applies to the module's code.
func TestExtractionRules(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(extractionSource), 0o644); err != nil {
		t.Fatal(err)
	}
	got := map[emission]bool{}
	for _, ems := range emitted(t, dir) {
		for _, e := range ems {
			got[e] = true
		}
	}
	want := map[emission]bool{
		{400, "bad_request"}: true, {500, "internal"}: true, {401, "invalid_nonce"}: true,
		{404, "not_found"}: true, {408, "request_timeout"}: true, {503, "overloaded"}: true,
		{429, "too_many_requests"}: true, {anyStatus, "header_too_large"}: true, {429, "conn_limit"}: true,
	}
	for e := range want {
		if !got[e] {
			t.Errorf("missed %s", show(e))
		}
	}
	for e := range got {
		if !want[e] {
			t.Errorf("collected %s, which is not an emitted code", show(e))
		}
	}
}
