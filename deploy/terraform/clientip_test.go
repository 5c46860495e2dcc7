package terraform

import (
	"net"
	"net/netip"
	"slices"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/valyala/fasthttp"

	"github.com/streamgate/streamgate/internal/clientip"
)

const cdnModule = "modules/cdn"

// checkProxies checks a rendered service's http.trusted_proxies and
// client_header: the load balancer's subnets are trusted and nothing else,
// and the client of a request as the layout delivers it (CloudFront → load
// balancer → service) is the viewer, not CloudFront or the balancer, when
// the service reads CloudFront-Viewer-Address (the signer), and the
// balancer's peer by X-Forwarded-For otherwise (the edge).
func checkProxies(t *testing.T, cfg clientip.Config, r region, wantHeader string) {
	t.Helper()
	pub, err := local(modules(t)[regionModule], r.ctx, "public_cidrs")
	if err != nil {
		t.Fatal(err)
	}
	var public []string
	for _, v := range pub.AsValueSlice() {
		public = append(public, v.AsString())
	}
	if !slices.Equal(cfg.TrustedProxies, public) || len(public) == 0 {
		t.Fatalf("http.trusted_proxies = %q, want the load balancer's public subnets %q", cfg.TrustedProxies, public)
	}
	if cfg.ClientHeader != wantHeader {
		t.Fatalf("http.client_header = %q, want %s", cfg.ClientHeader, wantHeader)
	}
	res, err := clientip.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	alb := netip.MustParsePrefix(public[len(public)-1]).Addr().Next().Next() // a balancer node
	const viewer, cloudfront, spoofed = "203.0.113.7", "130.176.9.9", "6.6.6.6"
	// CloudFront appends the viewer to what the viewer sent, the balancer
	// appends the CloudFront node; CloudFront-Viewer-Address is CloudFront's.
	headers := [][2]string{
		{"X-Forwarded-For", spoofed + ", " + viewer + ", " + cloudfront},
		{clientip.CloudFrontViewerAddress, viewer + ":51234"},
	}
	want := viewer
	if wantHeader == clientip.XForwardedFor {
		want = cloudfront
	}
	if got := clientOf(t, res, alb.String(), headers); got != want {
		t.Errorf("through CloudFront and the load balancer (%s) the client is %s, want %s", alb, got, want)
	}
	// A host of the private subnets is no proxy: its headers are ignored.
	priv, err := local(modules(t)[regionModule], r.ctx, "private_cidrs")
	if err != nil {
		t.Fatal(err)
	}
	host := netip.MustParsePrefix(priv.AsValueSlice()[0].AsString()).Addr().Next().Next()
	if got := clientOf(t, res, host.String(), headers); got != host.String() {
		t.Errorf("a private host (%s) sending forwarding headers is client %s, want itself", host, got)
	}
}

func clientOf(t *testing.T, res *clientip.Resolver, peer string, headers [][2]string) string {
	t.Helper()
	var req fasthttp.Request
	for _, h := range headers {
		req.Header.Add(h[0], h[1])
	}
	var rc fasthttp.RequestCtx
	rc.Init(&req, &net.TCPAddr{IP: net.ParseIP(peer), Port: 40000}, nil)
	return res.Client(&rc).String()
}

// TestCDNForwardsViewerAddress: the signer's paths reach it with
// CloudFront-Viewer-Address, which its client_header names. The managed
// AllViewerExceptHostHeader policy forwards every viewer header but Host
// (the balancer's certificate is for edge_hostname, not the viewer's host)
// and every CloudFront header, CloudFront-Viewer-Address among them; a
// custom policy cannot both drop Host and add CloudFront headers.
func TestCDNForwardsViewerAddress(t *testing.T) {
	m := modules(t)[cdnModule]
	policies := map[string]string{} // data name => policy name
	var behaviors []*hclsyntax.Block
	for _, body := range m.files {
		for _, b := range body.Blocks {
			switch {
			case b.Type == "data" && b.Labels[0] == "aws_cloudfront_origin_request_policy":
				if a, ok := b.Body.Attributes["name"]; ok {
					v, diags := a.Expr.Value(nil)
					if diags.HasErrors() {
						t.Fatal(diags)
					}
					policies[b.Labels[1]] = v.AsString()
				}
			case b.Type == "resource" && b.Labels[0] == "aws_cloudfront_distribution":
				for _, d := range b.Body.Blocks {
					if d.Type == "dynamic" && d.Labels[0] == "ordered_cache_behavior" && refersTo(d.Body.Attributes["for_each"], "local", "signer_paths") {
						behaviors = append(behaviors, d)
					}
				}
			}
		}
	}
	if len(behaviors) != 1 {
		t.Fatalf("%d ordered_cache_behavior blocks over local.signer_paths, want 1", len(behaviors))
	}
	var content *hclsyntax.Block
	for _, b := range behaviors[0].Body.Blocks {
		if b.Type == "content" {
			content = b
		}
	}
	if content == nil {
		t.Fatal("signer paths' behavior has no content block")
	}
	a, ok := content.Body.Attributes["origin_request_policy_id"]
	if !ok {
		t.Fatal("signer paths forward no origin request policy: CloudFront-Viewer-Address would not reach the signer")
	}
	vars := a.Expr.Variables()
	if len(vars) != 1 || vars[0].RootName() != "data" {
		t.Fatalf("origin_request_policy_id: want data.aws_cloudfront_origin_request_policy.NAME.id")
	}
	name := vars[0][1].(hcl.TraverseAttr).Name
	policy := vars[0][2].(hcl.TraverseAttr).Name
	if name != "aws_cloudfront_origin_request_policy" || policies[policy] != "Managed-AllViewerExceptHostHeader" {
		t.Fatalf("signer paths use origin request policy %s.%s (%q), want Managed-AllViewerExceptHostHeader", name, policy, policies[policy])
	}
}

// refersTo reports whether a's expression references root.attr.
func refersTo(a *hclsyntax.Attribute, root, attr string) bool {
	if a == nil {
		return false
	}
	for _, v := range a.Expr.Variables() {
		if v.RootName() == root && len(v) > 1 {
			if ta, ok := v[1].(hcl.TraverseAttr); ok && ta.Name == attr {
				return true
			}
		}
	}
	return false
}
