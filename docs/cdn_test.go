package docs

import (
	"os"
	"strings"
	"testing"

	"github.com/streamgate/streamgate/internal/testenv"
)

// TestCDNSnippet: the nginx configuration protocol.md §6 ("Putting a CDN
// in front") tells operators to use is the one the tests' CDN stand-in
// runs (testenv.CDNSite), rendered with the doc's cache folder, listen
// address and edge, so the two cannot drift.
func TestCDNSnippet(t *testing.T) {
	data, err := os.ReadFile(protocol)
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n### Putting a CDN in front\n")
	if !ok {
		t.Fatal("protocol.md has no \"Putting a CDN in front\" section")
	}
	_, block, ok := strings.Cut(section, "\n```nginx\n")
	if !ok {
		t.Fatal("the section has no ```nginx block")
	}
	block, _, ok = strings.Cut(block, "```\n")
	if !ok {
		t.Fatal("the ```nginx block is not closed")
	}
	want, err := testenv.RenderCDNSite("/var/cache/nginx/streamgate", "80", "10.0.0.10:8080")
	if err != nil {
		t.Fatal(err)
	}
	if block != want {
		t.Fatalf("protocol.md's nginx snippet differs from testenv.CDNSite; want:\n%s\ngot:\n%s", want, block)
	}
}
