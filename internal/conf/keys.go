package conf

import (
	"os"
	"sort"

	"go.yaml.in/yaml/v3"
)

// MissingKeys lists the YAML paths (e.g. "cache.max_bytes") that defaults
// has and the file at path does not show, so a test can keep a shipped
// config naming every key an operator can set.
func MissingKeys(path string, defaults any) ([]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var file map[string]any
	if err := yaml.Unmarshal(raw, &file); err != nil {
		return nil, err
	}
	def, err := yaml.Marshal(defaults)
	if err != nil {
		return nil, err
	}
	var want map[string]any
	if err := yaml.Unmarshal(def, &want); err != nil {
		return nil, err
	}
	out := missing("", want, file)
	sort.Strings(out)
	return out, nil
}

func missing(prefix string, want, got map[string]any) []string {
	var out []string
	for k, v := range want {
		g, ok := got[k]
		if !ok {
			out = append(out, prefix+k)
			continue
		}
		wm, wok := v.(map[string]any)
		gm, gok := g.(map[string]any)
		if wok && gok {
			out = append(out, missing(prefix+k+".", wm, gm)...)
		}
	}
	return out
}
