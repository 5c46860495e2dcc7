package terraform

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"go.yaml.in/yaml/v3"
)

// redisKeys are the redis: keys every service's rendered config sets, the
// same in edge, signer, transcoder and indexer (issue 11 §2). The password is
// not among them: it comes from ROLE_REDIS_PASSWORD.
var redisKeys = []string{"addr", "cluster", "prefix", "tls", "username"}

// checkRedisYAML reads the redis: block of the config at path and checks it
// against the region: TLS on, the primary endpoint (the configuration
// endpoint in cluster mode), the {sg} hash tag and no password. It returns
// the block.
func checkRedisYAML(t *testing.T, path string, r region) map[string]any {
	t.Helper()
	var doc struct {
		Redis map[string]any `yaml:"redis"`
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	cluster := r.vars["redis"].GetAttr("cluster").True()
	addr := primaryEndpoint + ":6379"
	if cluster {
		addr = configEndpoint + ":6379"
	}
	want := map[string]any{"addr": addr, "tls": true, "username": "", "cluster": cluster, "prefix": "{sg}:"}
	if got := sortedKeys(doc.Redis); !slices.Equal(got, redisKeys) {
		t.Errorf("redis: keys %v, want %v (no password: ROLE_REDIS_PASSWORD carries it)", got, redisKeys)
	}
	for _, k := range redisKeys {
		if doc.Redis[k] != want[k] {
			t.Errorf("redis.%s = %#v, want %#v", k, doc.Redis[k], want[k])
		}
	}
	return doc.Redis
}

// redisFields maps the yaml keys of cfg's redis: struct to its fields.
func redisFields(cfg reflect.Value) map[string]reflect.Value {
	fields := map[string]reflect.Value{}
	for i := range cfg.NumField() {
		if strings.Split(cfg.Type().Field(i).Tag.Get("yaml"), ",")[0] != "redis" {
			continue
		}
		rc := cfg.Field(i)
		for j := range rc.NumField() {
			if key := strings.Split(rc.Type().Field(j).Tag.Get("yaml"), ",")[0]; key != "" && key != "-" {
				fields[key] = rc.Field(j)
			}
		}
	}
	return fields
}

// checkRedisLoaded checks that the loaded config holds the redis: block as
// rendered, and the password from PREFIX_REDIS_PASSWORD where the loader
// has a password key.
func checkRedisLoaded(t *testing.T, cfg any, want map[string]any, prefix string) {
	t.Helper()
	fields := redisFields(reflect.ValueOf(cfg))
	for key, v := range want {
		if f, ok := fields[key]; ok && fmt.Sprint(f.Interface()) != fmt.Sprint(v) {
			t.Errorf("loaded redis.%s = %v, rendered %v", key, f.Interface(), v)
		}
	}
	if f, ok := fields["password"]; ok && f.Interface() != redisToken {
		t.Errorf("redis.password not taken from %s_REDIS_PASSWORD", prefix)
	}
}

// TestRedisEncryption: each region's Valkey encrypts at rest and in transit
// and wants the AUTH token Terraform generates, which goes to SSM as a
// SecureString.
func TestRedisEncryption(t *testing.T) {
	rg := resourceBody(t, regionModule, "aws_elasticache_replication_group", "main")
	for _, name := range []string{"at_rest_encryption_enabled", "transit_encryption_enabled"} {
		if v, diags := attrValue(rg, name); diags != nil || !v.True() {
			t.Errorf("aws_elasticache_replication_group.main: %s is not true", name)
		}
	}
	if got := reference(rg, "auth_token"); got != "random_password.redis.result" {
		t.Errorf("aws_elasticache_replication_group.main: auth_token = %q, want random_password.redis.result", got)
	}
	p := resourceBody(t, regionModule, "aws_ssm_parameter", "redis_auth_token")
	if v, _ := attrValue(p, "type"); v.IsNull() || v.AsString() != "SecureString" {
		t.Errorf("aws_ssm_parameter.redis_auth_token: type %#v, want SecureString", v)
	}
	if got := reference(p, "value"); got != "random_password.redis.result" {
		t.Errorf("aws_ssm_parameter.redis_auth_token: value = %q, want the generated token", got)
	}
	for _, r := range renderExample(t) {
		mode := str(r.vars["redis"], "transit_encryption_mode")
		if mode != "required" {
			t.Errorf("%s: transit_encryption_mode %q by default, want required", r.call, mode)
		}
	}
}

func attrValue(body *hclsyntax.Body, name string) (cty.Value, hcl.Diagnostics) {
	a, ok := body.Attributes[name]
	if !ok {
		return cty.NullVal(cty.DynamicPseudoType), hcl.Diagnostics{{Summary: "no " + name}}
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() {
		return cty.NullVal(cty.DynamicPseudoType), diags
	}
	return v, nil
}

// reference is what an attribute that is a single reference names.
func reference(body *hclsyntax.Body, name string) string {
	a, ok := body.Attributes[name]
	if !ok {
		return ""
	}
	if vars := a.Expr.Variables(); len(vars) == 1 {
		return traversalString(vars[0])
	}
	return ""
}

// TestNoSecretOutputs: no output of any module and no host's user data
// depends on a secret's value, directly or through locals: the generated
// Redis token, an SSM parameter's value, an auth_token.
func TestNoSecretOutputs(t *testing.T) {
	var problems []string
	for _, dir := range sortedKeys(modules(t)) {
		m := modules(t)[dir]
		tainted := taintedLocals(m)
		for _, name := range sortedKeys(m.outputs) {
			a := m.outputs[name].Body.Attributes["value"]
			for _, tr := range a.Expr.Variables() {
				if s := traversalString(tr); secretRef(s, tainted) {
					problems = append(problems, fmt.Sprintf("%s: output %q shows %s", where(tr.SourceRange()), name, s))
				}
			}
		}
		if tainted["user_data"] || tainted["host_config"] || tainted["secrets"] {
			problems = append(problems, dir+": the hosts' user data depends on a secret's value")
		}
	}
	report(t, problems)
}

// taintedLocals are m's locals whose value depends on a secret's value.
func taintedLocals(m *module) map[string]bool {
	tainted := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for name, a := range m.locals {
			if tainted[name] {
				continue
			}
			for _, tr := range a.Expr.Variables() {
				if secretRef(traversalString(tr), tainted) {
					tainted[name], changed = true, true
					break
				}
			}
		}
	}
	return tainted
}

func secretRef(ref string, tainted map[string]bool) bool {
	parts := strings.Split(ref, ".")
	switch {
	case parts[0] == "random_password", strings.HasPrefix(ref, "data.aws_ssm_parameter."):
		return true
	case parts[0] == "aws_ssm_parameter" && len(parts) > 2 && (parts[2] == "value" || parts[2] == "insecure_value"):
		return true
	case parts[0] == "local" && len(parts) > 1:
		return tainted[parts[1]]
	}
	return slices.Contains(parts, "auth_token")
}

// TestRedisCluster renders the example with cluster mode on: every service
// dials the configuration endpoint with cluster: true (checkRedisYAML) and
// the backlog publisher follows redirects.
func TestRedisCluster(t *testing.T) {
	redis := cty.ObjectVal(map[string]cty.Value{"cluster": cty.True, "shards": cty.NumberIntVal(2)})
	regions := renderExampleWith(t, map[string]cty.Value{"redis": redis})
	for _, r := range regions {
		if !r.vars["redis"].GetAttr("cluster").True() {
			t.Fatalf("%s: redis.cluster not passed to the region", r.call)
		}
	}
	checkHosts(t, regions)
}
