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

// A structured value in a variable is refused on a misspelt field, as the
// same value in the file is.
func TestEnvUnknownField(t *testing.T) {
	p := writeFile(t, "items: []\n")
	var cfg struct {
		Items []inner `yaml:"items"`
	}
	t.Setenv("T_ITEMS", "[{max_bytes: 2, ttl: 3s}]")
	if err := Load(p, "T", &cfg); err != nil || len(cfg.Items) != 1 || cfg.Items[0].MaxBytes != 2 {
		t.Fatalf("items = %+v, %v", cfg.Items, err)
	}
	t.Setenv("T_ITEMS", "[{max_bytes: 2, tll: 3s}]")
	if err := Load(p, "T", &cfg); err == nil || !strings.Contains(err.Error(), "tll") {
		t.Fatalf("err = %v, want the unknown field named", err)
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
	{"unknown key", "listen: x\nbogus: 1\n", "", "", "line 2: bogus: no such key"},
	{"unknown nested key", "cache:\n  max_byte: 1\n", "", "", "line 2: cache.max_byte: no such key; did you mean cache.max_bytes?"},
	{"file int", "cache:\n  max_bytes: abc\n", "", "", `line 2: cache.max_bytes: want an integer, got "abc"`},
	{"file duration", "cache:\n  ttl: soon\n", "", "", `line 2: cache.ttl: want a duration such as 500ms, 10s or 2m, got "soon"`},
	{"file bool", "debug: maybe\n", "", "", `line 1: debug: want true or false, got "maybe"`},
	{"validate names key", "cache:\n  max_bytes: 0\n", "", "", "cache.max_bytes: want > 0, got 0"},
	{"bad env duration", "", "T_CACHE_TTL", "soon", `T_CACHE_TTL (cache.ttl): want a duration such as 500ms, 10s or 2m, got "soon"`},
	{"bad env int", "", "T_CACHE_MAX_BYTES", "lots", `T_CACHE_MAX_BYTES (cache.max_bytes): want an integer, got "lots"`},
	{"bad env bool", "", "T_DEBUG", "maybe", `T_DEBUG (debug): want true or false, got "maybe"`},
	{"env typo", "", "T_CAHCE_MAX_BYTES", "1", "T_CAHCE_MAX_BYTES: no such key; did you mean T_CACHE_MAX_BYTES?"},
	{"env block as a key", "", "T_CACHE", "1", "T_CACHE: no such key"},
	{"env far from any key", "", "T_ZZZZZZZZZZZZZZZZZZZZ", "1", "T_ZZZZZZZZZZZZZZZZZZZZ: no such key"},
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

// A variable the service reads outside the loader is allowed only when the
// service names it; every other PREFIX_ variable that sets no key fails.
func TestLoadEnvAllowList(t *testing.T) {
	t.Setenv("T_SECRET_PEM", "x")
	cfg := sample{Cache: inner{MaxBytes: 1}}
	if err := Load("", "T", &cfg); err == nil || !strings.Contains(err.Error(), "T_SECRET_PEM: no such key") {
		t.Fatalf("unlisted variable: err = %v", err)
	}
	if err := Load("", "T", &cfg, AllowEnv("T_SECRET_PEM")); err != nil {
		t.Fatalf("allowed variable: %v", err)
	}
	// Another service's prefix, or a longer one, is not this service's.
	t.Setenv("TX_LISTEN", "x")
	if err := Load("", "T", &cfg, AllowEnv("T_SECRET_PEM")); err != nil {
		t.Fatalf("TX_ variable refused by T: %v", err)
	}
}

// An inlined block's variables are known at their parent's level, and a
// typo in one suggests the inlined key.
func TestLoadEnvTypoInline(t *testing.T) {
	t.Setenv("T_EXTRA_TTTL", "1s")
	var cfg composed
	err := Load("", "T", &cfg)
	if err == nil || !strings.Contains(err.Error(), "T_EXTRA_TTTL: no such key; did you mean T_EXTRA_TTL?") {
		t.Fatalf("err = %v", err)
	}
}

// Keys inside list items and inlined blocks are checked with their path.
func TestLoadFileKeyPaths(t *testing.T) {
	type item struct {
		Name string `yaml:"name"`
	}
	type withList struct {
		Items  []item `yaml:"items"`
		Origin struct {
			shared `yaml:",inline"`
		} `yaml:"origin"`
	}
	for body, want := range map[string]string{
		"items:\n  - name: a\n  - nmae: b\n": "line 3: items[1].nmae: no such key; did you mean items[1].name?",
		"origin:\n  timeot: 1s\n":            "line 2: origin.timeot: no such key; did you mean origin.timeout?",
		"origin:\n  timeout: 1\n":            `line 2: origin.timeout: want a duration`,
	} {
		var cfg withList
		if err := Load(writeFile(t, body), "T", &cfg); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", body, err, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"abc", "", 3}, {"cahce", "cache", 2}, {"max_byte", "max_bytes", 1}, {"kitten", "sitting", 3}} {
		if got := editDistance(c.a, c.b); got != c.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}

// SetEnv names each PREFIX_ variable with what Load would do with it: the
// key it sets, allowed, or the closest valid name; other prefixes are not
// listed.
func TestSetEnv(t *testing.T) {
	t.Setenv("T_CACHE_TTL", "7s")
	t.Setenv("T_SECRET_PEM", "x")
	t.Setenv("T_CACHE_TTTL", "1s")
	t.Setenv("T_ZZZZZZZZZZZZZZZZZZZZ", "1")
	t.Setenv("TX_LISTEN", "x")
	cfg := sample{Cache: inner{TTL: time.Second}}
	got := SetEnv("T", &cfg, AllowEnv("T_SECRET_PEM"))
	want := []EnvVar{
		{Name: "T_CACHE_TTL", Key: "cache.ttl"},
		{Name: "T_CACHE_TTTL", Suggest: "T_CACHE_TTL"},
		{Name: "T_SECRET_PEM", Allowed: true},
		{Name: "T_ZZZZZZZZZZZZZZZZZZZZ"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("SetEnv = %+v, want %+v", got, want)
	}
	if cfg.Cache.TTL != time.Second {
		t.Fatalf("SetEnv set cache.ttl: %s", cfg.Cache.TTL)
	}
}
