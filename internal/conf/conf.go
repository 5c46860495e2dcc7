// Package conf loads a service's configuration: defaults, then a YAML file, then
// environment overrides, then Validate.
package conf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Validator is implemented by configs that check themselves after loading.
type Validator interface {
	Validate() error
}

// Option adjusts Load.
type Option func(*options)

type options struct {
	allow map[string]bool
}

// AllowEnv names variables that carry the service's prefix but are read
// outside the loader (e.g. SIGNER_KEYS_PEM), so that Load does not refuse
// them as unknown. Each service passes its documented list where it loads
// its config.
func AllowEnv(names ...string) Option {
	return func(o *options) {
		for _, n := range names {
			o.allow[n] = true
		}
	}
}

// Load fills cfg, which already holds the defaults, from the YAML file at path
// (skipped when path is empty) and then from environment variables named
// PREFIX_KEY_SUBKEY after the yaml tags (for example EDGE_CACHE_MAX_BYTES for
// cache.max_bytes). Fields tagged conf:"path" or conf:"bin" are then made
// absolute against the working directory (AbsPaths). When cfg implements
// Validator it is validated last.
//
// Errors name the file, then the line and key path for the file
// ("edge.yaml: line 2: cache.max_byte: no such key; did you mean
// cache.max_bytes?") or the variable and its key for the environment
// ("EDGE_CACHE_MAX_BYTES (cache.max_bytes): want an integer, got \"abc\"").
// A variable starting with PREFIX_ that maps to no key and is not allowed
// by AllowEnv is an error naming the closest valid variable: a typo must not
// pass silently.
func Load(path, prefix string, cfg any, opts ...Option) error {
	o := options{allow: map[string]bool{}}
	for _, opt := range opts {
		opt(&o)
	}
	where := path
	if path != "" {
		if err := loadFile(path, cfg); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	} else {
		where = "config"
	}
	if err := applyEnv(prefix, reflect.ValueOf(cfg).Elem(), o.allow); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if err := AbsPaths(cfg); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	if v, ok := cfg.(Validator); ok {
		if err := v.Validate(); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
	}
	return nil
}

func loadFile(path string, cfg any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return err
	}
	lines := map[int][]scalar{}
	if len(root.Content) > 0 {
		if err := checkNode(root.Content[0], reflect.TypeOf(cfg), "", lines); err != nil {
			return err
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return typeErrors(te, lines)
		}
		return err
	}
	return nil
}

// scalar is a value in the file: where it is, its key path and the type it
// fills, to name the key when the decoder reports only a line.
type scalar struct {
	path  string
	value string
	typ   reflect.Type
}

// checkNode walks the YAML under n beside t, the type it decodes into,
// refusing a mapping key the type lacks (by its path, with the closest
// valid key) and noting each scalar's line.
func checkNode(n *yaml.Node, t reflect.Type, path string, lines map[int][]scalar) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode {
		return nil // the anchor's own node was checked where it appeared
	}
	if n.Kind == yaml.ScalarNode {
		lines[n.Line] = append(lines[n.Line], scalar{path: path, value: n.Value, typ: t})
		return nil
	}
	switch {
	case t.Kind() == reflect.Struct && t != reflect.TypeOf(time.Time{}) && n.Kind == yaml.MappingNode:
		fields := map[string]reflect.Type{}
		yamlFields(t, fields)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "<<" {
				continue // a merge key: its mapping's keys are checked where anchored
			}
			ft, ok := fields[k.Value]
			p := join(path, k.Value)
			if !ok {
				names := make([]string, 0, len(fields))
				for name := range fields {
					names = append(names, join(path, name))
				}
				return fmt.Errorf("line %d: %s: no such key%s", k.Line, p, suggest(p, names))
			}
			if err := checkNode(v, ft, p, lines); err != nil {
				return err
			}
		}
	case (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && n.Kind == yaml.SequenceNode:
		for i, c := range n.Content {
			if err := checkNode(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), lines); err != nil {
				return err
			}
		}
	case t.Kind() == reflect.Map && n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if err := checkNode(n.Content[i+1], t.Elem(), join(path, n.Content[i].Value), lines); err != nil {
				return err
			}
		}
	}
	// Any other pairing is a type mismatch the decoder reports by line.
	return nil
}

// yamlFields maps t's YAML keys (inlined structs' keys included) to their types.
func yamlFields(t reflect.Type, out map[string]reflect.Type) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if opts == "inline" && f.Type.Kind() == reflect.Struct {
			yamlFields(f.Type, out)
			continue
		}
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name) // yaml.v3's default key
		}
		out[name] = f.Type
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// typeErrors rewrites the decoder's "line N: cannot unmarshal …" messages to
// name the key and what it wants when the line holds one scalar.
func typeErrors(te *yaml.TypeError, lines map[int][]scalar) error {
	msgs := make([]string, 0, len(te.Errors))
	for _, m := range te.Errors {
		var line int
		if _, err := fmt.Sscanf(m, "line %d:", &line); err == nil && len(lines[line]) == 1 {
			s := lines[line][0]
			m = fmt.Sprintf("line %d: %s: want %s, got %q", line, s.path, describe(s.typ), s.value)
		}
		msgs = append(msgs, m)
	}
	return errors.New(strings.Join(msgs, "; "))
}

var durationType = reflect.TypeOf(time.Duration(0))

// describe says in words what a value of type t looks like.
func describe(t reflect.Type) string {
	if t == durationType {
		return "a duration such as 500ms, 10s or 2m"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.String {
			return "a list (comma-separated in a variable)"
		}
		return "a YAML list"
	case reflect.Struct, reflect.Map:
		return "a YAML mapping"
	}
	return t.String()
}

// envKey is one variable Load reads: its name, the key it sets and the field.
type envKey struct {
	name, path string
	v          reflect.Value
}

// envKeys lists the variables for v's yaml-tagged fields, nested structs
// flattened (PREFIX_BLOCK_KEY) and inlined structs' keys at their parent's
// level (a composition embeds a service's config).
func envKeys(prefix, path string, v reflect.Value, out []envKey) []envKey {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if opts == "inline" && f.Type.Kind() == reflect.Struct {
			out = envKeys(prefix, path, v.Field(i), out)
			continue
		}
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		key, p := prefix+"_"+strings.ToUpper(name), join(path, name)
		fv := v.Field(i)
		if fv.Kind() == reflect.Struct && fv.Type() != reflect.TypeOf(time.Time{}) {
			out = envKeys(key, p, fv, out)
			continue
		}
		out = append(out, envKey{name: key, path: p, v: fv})
	}
	return out
}

// applyEnv sets the fields whose variable is present, then refuses any
// other PREFIX_ variable not in allow.
func applyEnv(prefix string, v reflect.Value, allow map[string]bool) error {
	keys := envKeys(prefix, "", v, nil)
	known := make(map[string]bool, len(keys))
	names := make([]string, 0, len(keys))
	for _, k := range keys {
		known[k.name], names = true, append(names, k.name)
		raw, ok := os.LookupEnv(k.name)
		if !ok {
			continue
		}
		if err := setValue(k.v, raw); err != nil {
			return fmt.Errorf("%s (%s): %w", k.name, k.path, err)
		}
	}
	for name := range allow {
		names = append(names, name) // a typo of an allowed variable is suggested too
	}
	var unknown []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, prefix+"_") && !known[name] && !allow[name] {
			unknown = append(unknown, fmt.Sprintf("%s: no such key%s", name, suggest(name, names)))
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return errors.New(strings.Join(unknown, "; "))
	}
	return nil
}

// EnvVar is one variable in the environment with a service's prefix, as
// Load would take it.
type EnvVar struct {
	// Name is the variable, e.g. SIGNER_PLAYBACK_TTL.
	Name string
	// Key is the key path it sets (playback_ttl); "" when it sets none.
	Key string
	// Allowed: it sets no key but is read outside the loader (AllowEnv).
	Allowed bool
	// Suggest is, for a name that is neither a key nor allowed, the closest
	// variable that is (as Load's error names it), or "".
	Suggest string
}

// SetEnv lists the variables in the environment that start with PREFIX_,
// sorted by name, each with what Load would do with it for cfg (a pointer
// to the config struct, as Load takes). It reads nothing into cfg: a
// command that loads no config (streamgate demo) names with it the
// variables it would ignore.
func SetEnv(prefix string, cfg any, opts ...Option) []EnvVar {
	o := options{allow: map[string]bool{}}
	for _, opt := range opts {
		opt(&o)
	}
	keys := envKeys(prefix, "", reflect.ValueOf(cfg).Elem(), nil)
	known := make(map[string]string, len(keys))
	names := make([]string, 0, len(keys)+len(o.allow))
	for _, k := range keys {
		known[k.name], names = k.path, append(names, k.name)
	}
	for name := range o.allow {
		names = append(names, name)
	}
	var out []EnvVar
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, prefix+"_") {
			continue
		}
		v := EnvVar{Name: name, Key: known[name], Allowed: o.allow[name]}
		if v.Key == "" && !v.Allowed {
			v.Suggest = closest(name, names)
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// setValue parses raw into v; a list of strings is comma-separated or an
// inline YAML list ("[a, b]"), other values go through YAML so that env
// values read exactly as they would in the file. Errors say what the key
// wants and what it got.
func setValue(v reflect.Value, raw string) error {
	bad := fmt.Errorf("want %s, got %q", describe(v.Type()), raw)
	if v.Type() == durationType {
		d, err := time.ParseDuration(raw)
		if err != nil {
			return bad
		}
		v.SetInt(int64(d))
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(raw)
		return nil
	case reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return bad
		}
		v.SetBool(b)
		return nil
	case reflect.Slice:
		// "a, b" is a list of strings; "[a, b]" is read as the YAML it is.
		if v.Type().Elem().Kind() == reflect.String && !strings.HasPrefix(strings.TrimSpace(raw), "[") {
			parts := strings.Split(raw, ",")
			for i := range parts {
				parts[i] = strings.TrimSpace(parts[i])
			}
			v.Set(reflect.ValueOf(parts))
			return nil
		}
	}
	ptr := reflect.New(v.Type())
	dec := yaml.NewDecoder(strings.NewReader(raw))
	dec.KnownFields(true) // a misspelt field in a variable is refused as in the file
	if err := dec.Decode(ptr.Interface()); err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if errors.As(err, &te) && v.Kind() != reflect.Slice && v.Kind() != reflect.Struct && v.Kind() != reflect.Map {
			return bad
		}
		return fmt.Errorf("want %s: %w", describe(v.Type()), err)
	}
	v.Set(ptr.Elem())
	return nil
}

// suggest returns "; did you mean X?" for closest(name, candidates), or "".
func suggest(name string, candidates []string) string {
	if best := closest(name, candidates); best != "" {
		return "; did you mean " + best + "?"
	}
	return ""
}

// closest returns the candidate closest to name by edit distance, or ""
// when none is within half of name's length (a guess that far off would
// mislead).
func closest(name string, candidates []string) string {
	best, bestD := "", len(name)/2+1
	sort.Strings(candidates) // ties go to the first by name, every run the same
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes
// (config keys are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
