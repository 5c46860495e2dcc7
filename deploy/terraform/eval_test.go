package terraform

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// This file evaluates just enough of a configuration, as Terraform would
// during plan, to render the hosts' user data: input variables (defaults,
// optional attributes, validations), locals, module call arguments and
// templatefile. Resources and data sources are stubs given by the caller.

// functions are the Terraform functions the configurations use, from go-cty's
// standard library (Terraform's own implementations) or written here.
func functions() map[string]function.Function {
	fns := map[string]function.Function{
		"alltrue": alltrueFunc, "can": tryfunc.CanFunc, "cidrnetmask": cidrnetmaskFunc, "cidrsubnet": cidrsubnetFunc,
		"coalesce": stdlib.CoalesceFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "flatten": stdlib.FlattenFunc, "floor": stdlib.FloorFunc,
		"join": stdlib.JoinFunc, "keys": stdlib.KeysFunc, "setproduct": stdlib.SetProductFunc, "upper": stdlib.UpperFunc,
		"jsonencode": stdlib.JSONEncodeFunc, "length": stdlib.LengthFunc, "merge": stdlib.MergeFunc,
		"one": oneFunc, "range": stdlib.RangeFunc, "regex": stdlib.RegexFunc, "slice": stdlib.SliceFunc,
		"split": stdlib.SplitFunc, "startswith": startswithFunc, "tonumber": convertFunc(cty.Number),
		"toset": convertFunc(cty.Set(cty.DynamicPseudoType)), "trimprefix": stdlib.TrimPrefixFunc,
		"try": tryfunc.TryFunc, "values": stdlib.ValuesFunc,
	}
	fns["templatefile"] = templatefileFunc(fns)
	return fns
}

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		switch n := args[0].LengthInt(); n {
		case 0:
			return cty.NullVal(cty.DynamicPseudoType), nil
		case 1:
			return args[0].Index(cty.NumberIntVal(0)), nil
		default:
			return cty.NilVal, fmt.Errorf("one: %d elements", n)
		}
	},
})

var alltrueFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
	Type:   function.StaticReturnType(cty.Bool),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		for it := args[0].ElementIterator(); it.Next(); {
			if _, v := it.Element(); !v.True() {
				return cty.False, nil
			}
		}
		return cty.True, nil
	},
})

var startswithFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "s", Type: cty.String}, {Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.Bool),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.BoolVal(strings.HasPrefix(args[0].AsString(), args[1].AsString())), nil
	},
})

var cidrnetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		_, n, err := net.ParseCIDR(args[0].AsString())
		if err != nil || n.IP.To4() == nil {
			return cty.NilVal, fmt.Errorf("cidrnetmask: want an IPv4 CIDR, got %q", args[0].AsString())
		}
		return cty.StringVal(net.IP(n.Mask).String()), nil
	},
})

// cidrsubnetFunc is Terraform's cidrsubnet for IPv4: the netnum-th subnet
// of prefix with newbits more bits.
var cidrsubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := netip.ParsePrefix(args[0].AsString())
		newbits, _ := args[1].AsBigFloat().Int64()
		netnum, _ := args[2].AsBigFloat().Int64()
		bits := p.Bits() + int(newbits)
		if err != nil || !p.Addr().Is4() || newbits < 0 || bits > 32 || netnum < 0 || netnum >= 1<<newbits {
			return cty.NilVal, fmt.Errorf("cidrsubnet(%q, %d, %d): want an IPv4 prefix with room for the subnet", args[0].AsString(), newbits, netnum)
		}
		a := p.Masked().Addr().As4()
		base := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
		base |= uint32(netnum) << (32 - bits)
		sub := netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(base >> 24), byte(base >> 16), byte(base >> 8), byte(base)}), bits)
		return cty.StringVal(sub.String()), nil
	},
})

func convertFunc(ty cty.Type) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "v", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return convert.Convert(args[0], ty)
		},
	})
}

// templatefileFunc renders a template as Terraform's templatefile does: the
// vars object's attributes are the template's variables.
func templatefileFunc(fns map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			path := args[0].AsString()
			src, err := os.ReadFile(path)
			if err != nil {
				return cty.NilVal, err
			}
			expr, diags := hclsyntax.ParseTemplate(src, path, hcl.InitialPos)
			if diags.HasErrors() {
				return cty.NilVal, diags
			}
			ctx := &hcl.EvalContext{Variables: args[1].AsValueMap(), Functions: fns}
			v, diags := expr.Value(ctx)
			if diags.HasErrors() {
				return cty.NilVal, diags
			}
			return convert.Convert(v, cty.String)
		},
	})
}

// inputs gives m's variables their values as Terraform would: given, else
// the default; optional attributes' defaults applied; converted to the type.
// It also evaluates every validation.
func inputs(m *module, given map[string]cty.Value) (map[string]cty.Value, error) {
	vals := map[string]cty.Value{}
	for _, name := range sortedKeys(m.variables) {
		b := m.variables[name]
		v, ok := given[name]
		if !ok {
			def, hasDefault := b.Body.Attributes["default"]
			if !hasDefault {
				return nil, fmt.Errorf("%s: variable %q not set", m.dir, name)
			}
			var diags hcl.Diagnostics
			if v, diags = def.Expr.Value(nil); diags.HasErrors() {
				return nil, diags
			}
		}
		ty, defaults, _ := typeexpr.TypeConstraintWithDefaults(b.Body.Attributes["type"].Expr)
		if defaults != nil {
			v = defaults.Apply(v)
		}
		cv, err := convert.Convert(v, ty)
		if err != nil {
			return nil, fmt.Errorf("%s: variable %q: %w", m.dir, name, err)
		}
		vals[name] = cv
	}
	for name := range given {
		if _, ok := vals[name]; !ok {
			return nil, fmt.Errorf("%s: no variable %q", m.dir, name)
		}
	}
	return vals, validate(m, vals)
}

// validate evaluates every variable's validation conditions.
func validate(m *module, vals map[string]cty.Value) error {
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{"var": cty.ObjectVal(vals)},
		Functions: functions(),
	}
	for _, name := range sortedKeys(m.variables) {
		for _, b := range m.variables[name].Body.Blocks {
			if b.Type != "validation" {
				continue
			}
			ok, diags := b.Body.Attributes["condition"].Expr.Value(ctx)
			if diags.HasErrors() {
				return fmt.Errorf("%s: variable %q: validation: %s", m.dir, name, diags.Error())
			}
			if ok.False() {
				msg, _ := b.Body.Attributes["error_message"].Expr.Value(ctx)
				return fmt.Errorf("%s: variable %q: invalid value %s", m.dir, name, msg.GoString())
			}
		}
	}
	return nil
}

// evalContext is the evaluation context of module m: its variables, stubs for
// its resources and data sources (as nested objects, e.g. "data" =>
// {aws_partition => {current => {partition}}}), path and every local that
// evaluates. Locals that need anything else are left out.
func evalContext(m *module, vars map[string]cty.Value, stubs map[string]cty.Value) *hcl.EvalContext {
	abs, _ := filepath.Abs(m.dir)
	ctx := &hcl.EvalContext{
		Variables: map[string]cty.Value{
			"var":  cty.ObjectVal(vars),
			"path": cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(m.dir), "root": cty.StringVal(abs), "cwd": cty.StringVal(".")}),
		},
		Functions: functions(),
	}
	for k, v := range stubs {
		ctx.Variables[k] = v
	}
	locals := map[string]cty.Value{}
	for progress := true; progress; { // locals in any order: retry until none more evaluates
		progress = false
		ctx.Variables["local"] = cty.ObjectVal(locals)
		for name, a := range m.locals {
			if _, done := locals[name]; done {
				continue
			}
			if v, diags := a.Expr.Value(ctx); !diags.HasErrors() && v.IsWhollyKnown() {
				locals[name], progress = v, true
			}
		}
	}
	ctx.Variables["local"] = cty.ObjectVal(locals)
	return ctx
}

// local returns a local of ctx, or why it did not evaluate.
func local(m *module, ctx *hcl.EvalContext, name string) (cty.Value, error) {
	if v, ok := ctx.Variables["local"].AsValueMap()[name]; ok {
		return v, nil
	}
	a, ok := m.locals[name]
	if !ok {
		return cty.NilVal, fmt.Errorf("%s: no local %q", m.dir, name)
	}
	_, diags := a.Expr.Value(ctx)
	return cty.NilVal, fmt.Errorf("%s: local.%s does not evaluate: %s", m.dir, name, diags.Error())
}

// callArgs evaluates the arguments of a module block, meta-arguments aside.
func callArgs(call *hclsyntax.Block, ctx *hcl.EvalContext) (map[string]cty.Value, error) {
	args := map[string]cty.Value{}
	for name, a := range call.Body.Attributes {
		if slices.Contains(metaArguments, name) {
			continue
		}
		v, diags := a.Expr.Value(ctx)
		if diags.HasErrors() {
			return nil, fmt.Errorf("module %q: %s: %s", call.Labels[0], name, diags.Error())
		}
		args[name] = v
	}
	return args, nil
}

// tfvars reads a .tfvars file (literal values only).
func tfvars(path string) (map[string]cty.Value, error) {
	f, diags := hclparse.NewParser().ParseHCLFile(path)
	if diags.HasErrors() {
		return nil, diags
	}
	attrs, diags := f.Body.JustAttributes()
	if diags.HasErrors() {
		return nil, diags
	}
	vals := map[string]cty.Value{}
	for name, a := range attrs {
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			return nil, diags
		}
		vals[name] = v
	}
	return vals, nil
}

// object builds nested stub objects from dotted paths: "data.aws_partition.current.partition".
func object(leaves map[string]string) map[string]cty.Value {
	tree := map[string]any{}
	for path, v := range leaves {
		node := tree
		parts := strings.Split(path, ".")
		for _, p := range parts[:len(parts)-1] {
			if node[p] == nil {
				node[p] = map[string]any{}
			}
			node = node[p].(map[string]any)
		}
		node[parts[len(parts)-1]] = v
	}
	return toValues(tree)
}

func toValues(tree map[string]any) map[string]cty.Value {
	vals := map[string]cty.Value{}
	for k, v := range tree {
		if s, ok := v.(string); ok {
			vals[k] = cty.StringVal(s)
		} else {
			vals[k] = cty.ObjectVal(toValues(v.(map[string]any)))
		}
	}
	return vals
}
