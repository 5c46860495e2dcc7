package terraform

import (
	"testing"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// TestCDNCachesCiphertext: the token-free route /c/* has its own ordered
// behaviour, ahead of every other media pattern, whose cache policy keys on
// nothing per viewer (no cookie, header or query string) and keeps an entry
// up to a year (the edge's max-age), with min_ttl 0 so no-store errors are
// not kept; the token path stays on the default behaviour, whose policy
// honours the edge's private/no-store (keys, playlists, edge-mode segments).
func TestCDNCachesCiphertext(t *testing.T) {
	m := modules(t)[cdnModule]
	var dist *hclsyntax.Block
	policies := map[string]*hclsyntax.Block{}
	for _, body := range m.files {
		for _, b := range body.Blocks {
			switch {
			case b.Type == "resource" && b.Labels[0] == "aws_cloudfront_distribution":
				dist = b
			case b.Type == "resource" && b.Labels[0] == "aws_cloudfront_cache_policy":
				policies[b.Labels[1]] = b
			}
		}
	}
	if dist == nil {
		t.Fatal("no aws_cloudfront_distribution")
	}
	ctx := evalContext(m, map[string]cty.Value{"deployment": cty.StringVal("t"), "ciphertext_ttl": cty.NumberIntVal(31536000),
		"segment_max_ttl": cty.NumberIntVal(86400)}, nil)
	path, err := local(m, ctx, "ciphertext_path")
	if err != nil || path.AsString() != "/c/*" {
		t.Fatalf("local.ciphertext_path = %v (%v), want /c/*", path, err)
	}
	var behavior *hclsyntax.Block
	for _, b := range dist.Body.Blocks {
		if b.Type == "ordered_cache_behavior" && refersTo(b.Body.Attributes["path_pattern"], "local", "ciphertext_path") {
			behavior = b
			break
		}
		if b.Type == "dynamic" && b.Labels[0] == "ordered_cache_behavior" && !refersTo(b.Body.Attributes["for_each"], "local", "signer_paths") {
			t.Fatalf("%s: a media behaviour comes before /c/*, which CloudFront would match first", where(b.Range()))
		}
	}
	if behavior == nil {
		t.Fatal("no ordered_cache_behavior for local.ciphertext_path")
	}
	if !refersTo(behavior.Body.Attributes["cache_policy_id"], "aws_cloudfront_cache_policy", "ciphertext") {
		t.Fatal("/c/* does not use aws_cloudfront_cache_policy.ciphertext")
	}
	if _, ok := behavior.Body.Attributes["origin_request_policy_id"]; ok {
		t.Fatal("/c/* forwards an origin request policy: viewer headers would reach the edge")
	}
	p := policies["ciphertext"]
	if p == nil {
		t.Fatal("no aws_cloudfront_cache_policy.ciphertext")
	}
	for attr, want := range map[string]int64{"min_ttl": 0, "max_ttl": 31536000} {
		v, diags := p.Body.Attributes[attr].Expr.Value(ctx)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if n, _ := v.AsBigFloat().Int64(); n != want {
			t.Errorf("ciphertext policy %s = %d, want %d", attr, n, want)
		}
	}
	want := map[string]string{"cookies_config": "cookie_behavior", "headers_config": "header_behavior", "query_strings_config": "query_string_behavior"}
	seen := 0
	for _, b := range p.Body.Blocks {
		if b.Type != "parameters_in_cache_key_and_forwarded_to_origin" {
			continue
		}
		for _, c := range b.Body.Blocks {
			attr, ok := want[c.Type]
			if !ok {
				continue
			}
			v, diags := c.Body.Attributes[attr].Expr.Value(ctx)
			if diags.HasErrors() || v.AsString() != "none" {
				t.Errorf("ciphertext policy %s.%s = %v, want none", c.Type, attr, v)
			}
			seen++
		}
	}
	if seen != len(want) {
		t.Fatalf("ciphertext policy sets %d of cookies, headers and query strings, want all %d to none", seen, len(want))
	}
	// The token path stays on the default behaviour's segments policy.
	for _, b := range dist.Body.Blocks {
		if b.Type == "default_cache_behavior" && !refersTo(b.Body.Attributes["cache_policy_id"], "aws_cloudfront_cache_policy", "segments") {
			t.Fatal("the default behaviour (the token path) no longer uses the segments policy")
		}
	}
}
