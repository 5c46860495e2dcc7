package asset

import (
	"regexp"
	"strings"
	"testing"
)

// grammarRE is docs/protocol.md's grammar as a regexp: the reference the
// hand-written ValidID must agree with.
var grammarRE = regexp.MustCompile(`^` + IDGrammar + `$`)

var idCases = []struct {
	id   string
	want bool
}{
	{"a", true},
	{"0", true},
	{"launch-keynote", true},
	{"clip_2", true},
	{strings.Repeat("a", MaxIDLen), true},
	{strings.Repeat("a", MaxIDLen+1), false},
	{"", false},
	{"-a", false},
	{"_a", false},
	{"Keynote", false},
	{"a.b", false},
	{"..", false},
	{"a/b", false},
	{"a b", false},
	{"a\x00", false},
	{"caf\u00e9", false},
	{"a%2f", false},
}

func TestValidID(t *testing.T) {
	for _, tc := range idCases {
		if got := ValidID(tc.id); got != tc.want {
			t.Errorf("ValidID(%q) = %v, want %v", tc.id, got, tc.want)
		}
		if got := ValidID([]byte(tc.id)); got != tc.want {
			t.Errorf("ValidID([]byte(%q)) = %v, want %v", tc.id, got, tc.want)
		}
	}
}

// TestValidIDEveryByte puts every byte value first, in the middle and last:
// the whole class of characters, not a sample, against the reference.
func TestValidIDEveryByte(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := string([]byte{byte(c)})
		for _, id := range []string{b, "a" + b, "a" + b + "a", b + "a"} {
			if got, want := ValidID(id), grammarRE.MatchString(id); got != want {
				t.Errorf("ValidID(%q) = %v, grammar says %v", id, got, want)
			}
		}
	}
}

func TestValidIDAllocs(t *testing.T) {
	id := []byte("launch-keynote")
	if n := testing.AllocsPerRun(100, func() { ValidID(id) }); n != 0 {
		t.Fatalf("ValidID allocates %v times", n)
	}
}

func FuzzValidID(f *testing.F) {
	for _, tc := range idCases {
		f.Add(tc.id)
	}
	f.Fuzz(func(t *testing.T, id string) {
		want := grammarRE.MatchString(id)
		if ValidID(id) != want || ValidID([]byte(id)) != want {
			t.Fatalf("ValidID(%q) disagrees with the grammar (%v)", id, want)
		}
	})
}
