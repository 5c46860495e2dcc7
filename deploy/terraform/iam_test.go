package terraform

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// grants evaluates data.aws_iam_policy_document.host for one host group as
// plan would: action => resources, over its statements and the dynamic ones
// that apply.
func grants(t *testing.T, r region, host string) map[string][]string {
	t.Helper()
	var doc *hclsyntax.Body
	for _, body := range modules(t)[regionModule].files {
		for _, b := range body.Blocks {
			if b.Type == "data" && b.Labels[0] == "aws_iam_policy_document" && b.Labels[1] == "host" {
				doc = b.Body
			}
		}
	}
	if doc == nil {
		t.Fatal("no data.aws_iam_policy_document.host")
	}
	hosts, err := local(modules(t)[regionModule], r.ctx, "hosts")
	if err != nil {
		t.Fatal(err)
	}
	ctx := r.ctx.NewChild()
	ctx.Variables = map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{
		"key": cty.StringVal(host), "value": hosts.GetAttr(host),
	})}
	out := map[string][]string{}
	add := func(body *hclsyntax.Body, ctx *hcl.EvalContext) {
		actions, resources := strings1(t, body, "actions", ctx), strings1(t, body, "resources", ctx)
		for _, a := range actions {
			out[a] = append(out[a], resources...)
		}
	}
	for _, b := range doc.Blocks {
		switch {
		case b.Type == "statement":
			add(b.Body, ctx)
		case b.Type == "dynamic" && b.Labels[0] == "statement":
			each, diags := b.Body.Attributes["for_each"].Expr.Value(ctx)
			if diags.HasErrors() {
				t.Fatalf("%s: %s", host, diags.Error())
			}
			for _, v := range each.AsValueSlice() {
				inner := ctx.NewChild()
				inner.Variables = map[string]cty.Value{"statement": cty.ObjectVal(map[string]cty.Value{"value": v})}
				add(b.Body.Blocks[0].Body, inner)
			}
		}
	}
	for a := range out {
		sort.Strings(out[a])
	}
	return out
}

// strings1 evaluates a list-of-strings attribute.
func strings1(t *testing.T, body *hclsyntax.Body, name string, ctx *hcl.EvalContext) []string {
	t.Helper()
	v, diags := body.Attributes[name].Expr.Value(ctx)
	if diags.HasErrors() {
		t.Fatalf("%s: %s", name, diags.Error())
	}
	var out []string
	for _, e := range v.AsValueSlice() {
		out = append(out, e.AsString())
	}
	return out
}

// sessionManager are the actions every host has for Session Manager and Run
// Command: none reads a parameter or a document.
var sessionManager = []string{
	"ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage", "ec2messages:FailMessage",
	"ec2messages:GetEndpoint", "ec2messages:GetMessages", "ec2messages:SendReply",
	"ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
	"ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
}

// TestHostSecretsIAM: every host group may read exactly the SSM parameters
// its ROLE.secrets names, each in its region, and no other: the managed
// AmazonSSMManagedInstanceCore, which reads any parameter, is attached
// nowhere.
func TestHostSecretsIAM(t *testing.T) {
	for _, src := range modules(t)[regionModule].srcs {
		if strings.Contains(string(src), "AmazonSSMManagedInstanceCore") && strings.Contains(string(src), "policy_arn") {
			t.Error("a role has AmazonSSMManagedInstanceCore: it may read every SSM parameter")
		}
	}
	for _, r := range renderExample(t) {
		for host, ud := range r.userData {
			role := r.roles[host]
			var want []string
			for _, line := range strings.Split(strings.TrimSpace(fileHeredoc(t, ud, "/etc/streamgate/"+role+".secrets", "SECRETS")), "\n") {
				f := strings.Fields(line)
				want = append(want, fmt.Sprintf("arn:aws:ssm:%s:123456789012:parameter/%s", f[2], strings.TrimPrefix(f[1], "/")))
			}
			sort.Strings(want)
			g := grants(t, r, host)
			if !slices.Equal(g["ssm:GetParameter"], want) {
				t.Errorf("%s/%s: ssm:GetParameter on %q, want its secrets %q", r.call, host, g["ssm:GetParameter"], want)
			}
			for _, a := range sessionManager {
				if !slices.Equal(g[a], []string{"*"}) {
					t.Errorf("%s/%s: %s on %q, want * (Session Manager)", r.call, host, a, g[a])
				}
			}
		}
	}
}

// TestIndexerGroup: each chain set has its group in every region, whose
// hosts may read the release binary, their own parameters and nothing else
// (no bucket, no metric), and accept no connection.
func TestIndexerGroup(t *testing.T) {
	for _, r := range renderExample(t) {
		sets := r.vars["indexer"].GetAttr("chain_sets")
		if sets.LengthInt() == 0 {
			t.Fatalf("%s: the example runs no indexer", r.call)
		}
		if n := num(r.vars["indexer"], "count"); n != 2 {
			t.Errorf("%s: indexer.count = %d by default, want 2 (one publishes, one waits on the lease)", r.call, n)
		}
		release := fmt.Sprintf("arn:aws:s3:::%s/%s", str(r.vars["release"], "bucket"), str(r.vars["release"], "key"))
		for it := sets.ElementIterator(); it.Next(); {
			k, _ := it.Element()
			host := "indexer-" + k.AsString()
			if r.roles[host] != "indexer" {
				t.Errorf("%s: no host group %s", r.call, host)
				continue
			}
			for action, resources := range grants(t, r, host) {
				switch {
				case action == "s3:GetObject" && slices.Equal(resources, []string{release}):
				case action == "ssm:GetParameter", slices.Contains(sessionManager, action):
				default:
					t.Errorf("%s/%s: may %s on %q: an indexer reads the release binary and its parameters only", r.call, host, action, resources)
				}
			}
		}
		served, err := local(modules(t)[regionModule], r.ctx, "served")
		if err != nil {
			t.Fatal(err)
		}
		egress, err := local(modules(t)[regionModule], r.ctx, "egress")
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case served.Type().HasAttribute("indexer"):
			t.Errorf("%s: the load balancer reaches the indexers: want no inbound", r.call)
		case !egress.Type().HasAttribute("indexer-443"):
			t.Errorf("%s: indexers have no HTTPS egress for their RPC providers", r.call)
		}
	}
	asg := resourceBody(t, regionModule, "aws_autoscaling_group", "indexer")
	if v, _ := attrValue(asg, "min_size"); v.IsNull() || !v.RawEquals(cty.NumberIntVal(1)) {
		t.Errorf("aws_autoscaling_group.indexer: min_size %#v, want 1", v)
	}
	if got := reference(asg, "for_each"); got != "var.indexer.chain_sets" {
		t.Errorf("aws_autoscaling_group.indexer: for_each %q, want one group per chain set", got)
	}
	if got := reference(asg, "desired_capacity"); got != "var.indexer.count" {
		t.Errorf("aws_autoscaling_group.indexer: desired_capacity %q, want var.indexer.count", got)
	}
}
