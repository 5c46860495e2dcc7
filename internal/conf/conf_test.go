package conf

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type inner struct {
	MaxBytes int64         `yaml:"max_bytes"`
	TTL      time.Duration `yaml:"ttl"`
}

type sample struct {
	Listen string   `yaml:"listen"`
	Debug  bool     `yaml:"debug"`
	Names  []string `yaml:"names"`
	Cache  inner    `yaml:"cache"`
}

func (s *sample) Validate() error {
	if s.Cache.MaxBytes <= 0 {
		return fmt.Errorf("cache.max_bytes: want > 0, got %d", s.Cache.MaxBytes)
	}
	return nil
}

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadOrder(t *testing.T) {
	p := writeFile(t, "listen: ':9000'\ncache:\n  max_bytes: 10\n  ttl: 5s\n")
	t.Setenv("T_CACHE_TTL", "7s")
	t.Setenv("T_NAMES", "a, b")
	cfg := sample{Listen: ":8080", Cache: inner{MaxBytes: 1, TTL: time.Second}}
	if err := Load(p, "T", &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Listen != ":9000" || cfg.Cache.MaxBytes != 10 || cfg.Cache.TTL != 7*time.Second {
		t.Fatalf("got %+v", cfg)
	}
	if len(cfg.Names) != 2 || cfg.Names[1] != "b" {
		t.Fatalf("names = %q", cfg.Names)
	}
}

// A list of strings reads the same as commas or as inline YAML, as the
// shipped configs' comments promise.
func TestEnvLists(t *testing.T) {
	p := writeFile(t, "listen: x\ncache:\n  max_bytes: 1\n")
	for _, raw := range []string{"a.example, b.example", "[a.example, b.example]", ` ["a.example", "b.example"] `} {
		t.Setenv("T_NAMES", raw)
		var cfg sample
		if err := Load(p, "T", &cfg); err != nil {
			t.Fatal(err)
		}
		if strings.Join(cfg.Names, "|") != "a.example|b.example" {
			t.Fatalf("T_NAMES=%s: names = %q", raw, cfg.Names)
		}
	}
}

var loadErrorCases = []struct {
	name, file, env, envVal, want string
}{
	{"unknown key", "listen: x\nbogus: 1\n", "", "", "field bogus not found"},
	{"validate names key", "cache:\n  max_bytes: 0\n", "", "", "cache.max_bytes: want > 0, got 0"},
	{"bad env duration", "", "T_CACHE_TTL", "soon", "T_CACHE_TTL"},
	{"bad env int", "", "T_CACHE_MAX_BYTES", "lots", "T_CACHE_MAX_BYTES"},
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range loadErrorCases {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, tc.file)
			if tc.env != "" {
				t.Setenv(tc.env, tc.envVal)
			}
			cfg := sample{Cache: inner{MaxBytes: 1}}
			err := Load(p, "T", &cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), p) {
				t.Fatalf("err = %v, want it to name %q and the file", err, tc.want)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	cfg := sample{Cache: inner{MaxBytes: 1}}
	if err := Load(filepath.Join(t.TempDir(), "nope.yaml"), "T", &cfg); err == nil {
		t.Fatal("missing file loaded")
	}
	if err := Load("", "T", &cfg); err != nil {
		t.Fatalf("defaults only: %v", err)
	}
}

func TestMissingKeys(t *testing.T) {
	p := writeFile(t, "listen: x\ncache:\n  ttl: 1s\n")
	got, err := MissingKeys(p, sample{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"cache.max_bytes", "debug", "names"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("missing %v, want %v", got, want)
	}
}

// composed embeds a service's config inline, as cmd/streamgate's edgeConfig
// embeds edge.Config: file keys and variables stay the service's.
type composed struct {
	sample `yaml:",inline"`
	Extra  inner `yaml:"extra"`
}

func TestLoadInline(t *testing.T) {
	p := writeFile(t, "listen: ':9000'\ncache:\n  max_bytes: 10\nextra:\n  max_bytes: 3\n")
	t.Setenv("T_CACHE_TTL", "7s")
	t.Setenv("T_LISTEN", ":9001")
	t.Setenv("T_EXTRA_TTL", "2s")
	var cfg composed
	if err := Load(p, "T", &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Listen != ":9001" || cfg.Cache.MaxBytes != 10 || cfg.Cache.TTL != 7*time.Second || cfg.Extra.MaxBytes != 3 || cfg.Extra.TTL != 2*time.Second {
		t.Fatalf("got %+v", cfg)
	}
	t.Setenv("T_CACHE_MAX_BYTES", "0")
	if err := Load(p, "T", &cfg); err == nil || !strings.Contains(err.Error(), "cache.max_bytes") {
		t.Fatalf("the inlined config's Validate did not run: %v", err)
	}
}

type shared struct {
	Timeout time.Duration `yaml:"timeout"`
}

type withInline struct {
	Origin struct {
		shared `yaml:",inline"`
		Extra  int `yaml:"extra"`
	} `yaml:"origin"`
}

// An inlined block's keys are set by the file and the environment at the
// level they appear in the YAML.
func TestLoadInlineBlock(t *testing.T) {
	p := writeFile(t, "origin:\n  timeout: 3s\n  extra: 1\n")
	t.Setenv("T_ORIGIN_EXTRA", "2")
	var cfg withInline
	if err := Load(p, "T", &cfg); err != nil || cfg.Origin.Timeout != 3*time.Second || cfg.Origin.Extra != 2 {
		t.Fatalf("file: %+v, %v", cfg, err)
	}
	t.Setenv("T_ORIGIN_TIMEOUT", "4s")
	if err := Load(p, "T", &cfg); err != nil || cfg.Origin.Timeout != 4*time.Second {
		t.Fatalf("env: %+v, %v", cfg, err)
	}
}
