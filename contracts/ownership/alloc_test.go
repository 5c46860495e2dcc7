//go:build !race

package ownership

import "testing"

func TestAllowCachedAllocs(t *testing.T) {
	check := hotCheck(t)
	if n := testing.AllocsPerRun(200, func() { _ = check() }); n != 0 {
		t.Fatalf("a cached policy check allocates %v times", n)
	}
}
