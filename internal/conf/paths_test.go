package conf

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

type pathRegion struct {
	Name string `yaml:"name"`
	Dir  string `yaml:"dir" conf:"path"`
}

type pathConfig struct {
	Regions []pathRegion `yaml:"regions"`
	Keys    []string     `yaml:"keys" conf:"path"`
	JWKS    string       `yaml:"jwks" conf:"path"`
	WorkDir string       `yaml:"work_dir" conf:"path"`
	FFmpeg  string       `yaml:"ffmpeg" conf:"bin"`
	FFprobe string       `yaml:"ffprobe" conf:"bin"`
	Node    string       `yaml:"node" conf:"bin"`
	Listen  string       `yaml:"listen"` // untagged: never touched
	Nested  *struct {
		Signer string `yaml:"signer" conf:"path"`
	} `yaml:"nested"`
}

// TestLoadMakesPathsAbsolute: every tagged path a file or the environment
// gives, in any nesting, comes out absolute against the working directory at
// load, so a later chdir or a child process in another folder sees the same
// file. URLs, bare executable names and empty values keep their meaning.
func TestLoadMakesPathsAbsolute(t *testing.T) {
	wd := t.TempDir()
	t.Chdir(wd)
	if err := os.WriteFile("c.yaml", []byte(`
regions: [{name: a, dir: origin}, {name: b, dir: ../b/./origin}, {name: c, dir: /srv/origin}]
keys: [keys/signing.pem, /etc/old.pem]
jwks: https://signer.example.com/.well-known/jwks.json
ffmpeg: ffmpeg
ffprobe: bin/ffprobe
listen: 127.0.0.1:8080
nested: {signer: "with space/signer.yaml"}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATHTEST_NODE", "./node")
	var cfg pathConfig
	if err := Load("c.yaml", "PATHTEST", &cfg); err != nil {
		t.Fatal(err)
	}
	want := pathConfig{
		Regions: []pathRegion{{"a", filepath.Join(wd, "origin")}, {"b", filepath.Join(filepath.Dir(wd), "b", "origin")}, {"c", "/srv/origin"}},
		Keys:    []string{filepath.Join(wd, "keys", "signing.pem"), "/etc/old.pem"},
		JWKS:    "https://signer.example.com/.well-known/jwks.json",
		WorkDir: "", // empty means the default (the OS temp dir)
		FFmpeg:  "ffmpeg",
		FFprobe: filepath.Join(wd, "bin", "ffprobe"),
		Node:    filepath.Join(wd, "node"),
		Listen:  "127.0.0.1:8080",
	}
	want.Nested = &struct {
		Signer string `yaml:"signer" conf:"path"`
	}{filepath.Join(wd, "with space", "signer.yaml")}
	if !reflect.DeepEqual(cfg, want) {
		t.Fatalf("got  %+v\nwant %+v", cfg, want)
	}
	// Resolving twice changes nothing: entry points may call AbsPaths on a
	// config Load already resolved.
	again := cfg
	again.Regions = append([]pathRegion(nil), cfg.Regions...)
	again.Keys = append([]string(nil), cfg.Keys...)
	if err := AbsPaths(&again); err != nil || !reflect.DeepEqual(again, cfg) {
		t.Fatalf("second AbsPaths: %v %+v", err, again)
	}
}

func TestAbsPathsBadTag(t *testing.T) {
	for name, cfg := range map[string]any{
		"unknown kind": &struct {
			P string `conf:"file"`
		}{"x"},
		"not a string": &struct {
			P int `conf:"path"`
		}{1},
	} {
		if err := AbsPaths(cfg); err == nil || !strings.Contains(err.Error(), "P:") {
			t.Errorf("%s: got %v, want an error naming field P", name, err)
		}
	}
}

// CheckFiles opens every conf:"path,read" value, in nested blocks and list
// items, and names the first failing one by its YAML path; empty values,
// URLs and plain path fields are not inputs.
func TestCheckFiles(t *testing.T) {
	type TLSBlock struct {
		CAFile string `yaml:"ca_file" conf:"path,read"`
	}
	type region struct {
		Dir string   `yaml:"dir" conf:"path"`
		S3  TLSBlock `yaml:"s3"`
	}
	type cfg struct {
		Keys    []string `yaml:"keys" conf:"path,read"`
		JWKS    string   `yaml:"jwks" conf:"path,read"`
		Regions []region `yaml:"regions"`
		Inline  struct {
			TLSBlock `yaml:",inline"`
		} `yaml:"redis"`
	}
	have := filepath.Join(t.TempDir(), "have")
	if err := os.WriteFile(have, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	ok := cfg{Keys: []string{have}, JWKS: "https://signer/.well-known/jwks.json", Regions: []region{{Dir: "/nonexistent"}}}
	if err := CheckFiles(&ok); err != nil {
		t.Fatalf("readable config: %v", err)
	}
	for want, c := range map[string]cfg{
		"keys[1]: open /nonexistent/k":       {Keys: []string{have, "/nonexistent/k"}},
		"jwks: open /nonexistent/j":          {JWKS: "/nonexistent/j"},
		"regions[1].s3.ca_file: open /no/ca": {Regions: []region{{}, {S3: TLSBlock{CAFile: "/no/ca"}}}},
		"redis.ca_file: open /nonexistent/r.pem": {Inline: struct {
			TLSBlock `yaml:",inline"`
		}{TLSBlock{CAFile: "/nonexistent/r.pem"}}},
	} {
		if err := CheckFiles(&c); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
	}
}
