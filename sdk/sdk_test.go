package sdk

import (
	"encoding/json"
	"os"
	"regexp"
	"testing"
)

// TestVersions keeps the three spellings of the version equal: Version,
// package.json and the module's exported version.
func TestVersions(t *testing.T) {
	raw, err := os.ReadFile("package.json")
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Name    string   `json:"name"`
		Version string   `json:"version"`
		Type    string   `json:"type"`
		Files   []string `json:"files"`
	}
	if err := json.Unmarshal(raw, &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Name != "@streamgate/player" || pkg.Type != "module" || pkg.Version != Version {
		t.Errorf("package.json: name %q type %q version %q; want @streamgate/player, module, %s", pkg.Name, pkg.Type, pkg.Version, Version)
	}
	m := regexp.MustCompile(`export const version = "([^"]+)";`).FindSubmatch(JS)
	if m == nil || string(m[1]) != Version {
		t.Errorf("streamgate.js exports version %q, want %s", m, Version)
	}
	for _, f := range pkg.Files {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("package.json files: %v", err)
		}
	}
}
