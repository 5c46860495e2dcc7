package terraform

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/streamgate/streamgate/contracts/indexer"
	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/clientip"
	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/signer"
	"github.com/streamgate/streamgate/transcoder"
)

const (
	example       = "examples/two-regions"
	exampleVars   = example + "/terraform.tfvars.example"
	regionModule  = "modules/region"
	userDataLimit = 16 << 10 // EC2 user data, before base64
)

// Stubs for what only AWS knows; everything else comes from the example's
// terraform.tfvars.example through the real expressions.
var (
	rootStubs = object(map[string]string{
		"data.aws_caller_identity.current.account_id": "123456789012",
		"data.aws_route53_zone.main.zone_id":          "Z0123456789ABCDEFGHIJ",
	})
	regionStubs = object(map[string]string{
		"data.aws_caller_identity.current.account_id":                           "123456789012",
		"data.aws_partition.current.partition":                                  "aws",
		"aws_elasticache_replication_group.main.primary_endpoint_address":       primaryEndpoint,
		"aws_elasticache_replication_group.main.configuration_endpoint_address": configEndpoint,
		"aws_s3_bucket.origin.arn":                                              "arn:aws:s3:::stub-origin",
		// Only resources may read the token: a user data or output that
		// does shows this value.
		"random_password.redis.result": redisToken,
	})
)

const (
	primaryEndpoint = "master.sg-prod.abc123.euw1.cache.amazonaws.com"
	configEndpoint  = "clustercfg.sg-prod.abc123.euw1.cache.amazonaws.com"
	redisToken      = "StubRedisAuthToken0123456789abcdefStubRedisAuthToken0123456789ab"
)

// region is one region module call of the example, rendered.
type region struct {
	call     string               // module block name
	vars     map[string]cty.Value // the region module's input variables
	ctx      *hcl.EvalContext     // the module's variables, stubs and locals
	userData map[string]string    // host group => user data script
	roles    map[string]string    // host group => role (edge, indexer, …)
}

// renderExample evaluates the example root with its terraform.tfvars.example
// and each region module it calls, down to local.user_data.
func renderExample(t *testing.T) []region {
	return renderExampleWith(t, nil)
}

// renderExampleWith renders the example with root variables in override
// replacing terraform.tfvars.example's.
func renderExampleWith(t *testing.T, override map[string]cty.Value) []region {
	t.Helper()
	all := modules(t)
	root := all[example]
	given, err := tfvars(exampleVars)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range override {
		given[k] = v
	}
	vars, err := inputs(root, given)
	if err != nil {
		t.Fatal(err)
	}
	ctx := evalContext(root, vars, rootStubs)
	var regions []region
	for _, name := range sortedKeys(root.calls) {
		if child, _ := root.child(all, root.calls[name]); child != nil && child.dir == regionModule {
			regions = append(regions, renderRegion(t, child, name, root.calls[name], ctx))
		}
	}
	if len(regions) != 2 {
		t.Fatalf("%s: %d region module calls, want 2", example, len(regions))
	}
	return regions
}

// TestUserData renders every host's user data as the example would and
// checks it: size, shell syntax, and the config it writes loading with the
// service's own loader (what `streamgate ROLE --check-config` runs), with
// the secrets it names in the environment.
func TestUserData(t *testing.T) {
	checkHosts(t, renderExample(t))
}

// checkHosts checks every host group's user data of the rendered regions.
func checkHosts(t *testing.T, regions []region) {
	t.Helper()
	checks := map[string]func(*testing.T, string, region, string){
		"edge": checkEdge, "signer": checkSigner, "transcoder": checkTranscoder, "indexer": checkIndexer,
	}
	roles := map[string]int{}
	sets := 0
	for _, r := range regions {
		sets += r.vars["indexer"].GetAttr("chain_sets").LengthInt()
		for host, ud := range r.userData {
			role := r.roles[host]
			roles[role]++
			t.Run(r.call+"/"+host, func(t *testing.T) {
				if len(ud) > userDataLimit {
					t.Errorf("user data is %d bytes, EC2 takes %d", len(ud), userDataLimit)
				}
				if strings.Contains(ud, redisToken) {
					t.Error("user data holds the Redis AUTH token: it must come from SSM at start")
				}
				shellSyntax(t, "bash", ud)
				for _, marker := range []string{"RUN", "SH"} {
					if script, ok := heredoc(ud, marker); ok {
						shellSyntax(t, "sh", script)
					}
				}
				path := writeConfig(t, ud, role)
				setSecrets(t, ud, role, r)
				check, ok := checks[role]
				if !ok {
					t.Fatalf("no loader for role %q", role)
				}
				check(t, path, r, host)
			})
		}
	}
	if roles["edge"] != 2 || roles["signer"] != 1 || roles["transcoder"] != 1 || sets == 0 || roles["indexer"] != sets {
		t.Errorf("roles rendered %v, want edges in both regions, signer and transcoder in the primary, an indexer group per chain set (%d) in each", roles, sets)
	}
}

// renderRegion evaluates one region module call down to its hosts' user data.
func renderRegion(t *testing.T, child *module, name string, call *hclsyntax.Block, ctx *hcl.EvalContext) region {
	t.Helper()
	args, err := callArgs(call, ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := region{call: name, userData: map[string]string{}}
	if r.vars, err = inputs(child, args); err != nil {
		t.Fatalf("module %q: %v", name, err)
	}
	r.ctx = evalContext(child, r.vars, regionStubs)
	ud, err := local(child, r.ctx, "user_data")
	if err != nil {
		t.Fatalf("module %q: %v", name, err)
	}
	for host, v := range ud.AsValueMap() {
		r.userData[host] = v.AsString()
	}
	hosts, err := local(child, r.ctx, "hosts")
	if err != nil {
		t.Fatalf("module %q: %v", name, err)
	}
	r.roles = map[string]string{}
	for host, v := range hosts.AsValueMap() {
		r.roles[host] = str(v, "role")
	}
	return r
}

// heredoc returns the body of the first `<<'MARKER'` here-document.
func heredoc(script, marker string) (string, bool) {
	re := regexp.MustCompile(`(?s)<<'` + marker + `'\n(.*?)\n` + marker + `\n`)
	m := re.FindStringSubmatch(script)
	if m == nil {
		return "", false
	}
	return m[1] + "\n", true
}

// fileHeredoc returns what `cat > path <<'MARKER'` writes.
func fileHeredoc(t *testing.T, script, path, marker string) string {
	t.Helper()
	re := regexp.MustCompile(`(?s)cat > ` + regexp.QuoteMeta(path) + ` <<'` + marker + `'\n(.*?)` + marker + `\n`)
	m := re.FindStringSubmatch(script)
	if m == nil {
		t.Fatalf("user data writes no %s", path)
	}
	return m[1]
}

func shellSyntax(t *testing.T, shell, script string) {
	t.Helper()
	cmd := exec.Command(shell, "-n")
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s -n: %v: %s", shell, err, out)
	}
}

// writeConfig saves the role's YAML from the user data in a temp file.
func writeConfig(t *testing.T, ud, role string) string {
	t.Helper()
	yaml := fileHeredoc(t, ud, "/etc/streamgate/"+role+".yaml", "YAML")
	path := filepath.Join(t.TempDir(), role+".yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// setSecrets puts a representative value of every secret the user data's
// ROLE.secrets names in the environment (streamgate-run exports them from
// SSM), and takes every other variable of the role's prefix out. Each line
// must name its parameter's region: the Redis token's is the region's own,
// the others are in secrets.region.
func setSecrets(t *testing.T, ud, role string, r region) {
	t.Helper()
	prefix := strings.ToUpper(role) + "_"
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, prefix) {
			t.Setenv(name, "")
			os.Unsetenv(name)
		}
	}
	values := secretValues(t)
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(fileHeredoc(t, ud, "/etc/streamgate/"+role+".secrets", "SECRETS")), "\n") {
		f := strings.Fields(line)
		if line == "" {
			continue
		}
		if len(f) != 3 || !strings.HasPrefix(f[0], prefix) || values[f[0]] == "" {
			t.Fatalf("secrets line %q: want NAME PARAMETER REGION with NAME one of %s", line, sortedKeys(values))
		}
		wantRegion := str(r.vars["secrets"], "region")
		if f[0] == prefix+"REDIS_PASSWORD" {
			wantRegion = str(r.vars["aws_region"])
		}
		if f[2] != wantRegion {
			t.Errorf("secrets line %q: region %s, want %s", line, f[2], wantRegion)
		}
		seen[f[0]] = true
		t.Setenv(f[0], values[f[0]])
	}
	if !seen[prefix+"REDIS_PASSWORD"] {
		t.Errorf("%s.secrets: no %sREDIS_PASSWORD: the service cannot AUTH to Redis", role, prefix)
	}
}

// chainsYAML is the indexer.chains (or ownership.chains) list of
// representative RPC URLs for the chains ids, as inline YAML.
func chainsYAML(ids ...int64) string {
	var items []string
	for _, id := range ids {
		items = append(items, fmt.Sprintf("{id: %d, rpc: [https://rpc%d.example/v1/KEY, https://backup.example/%d]}", id, id, id))
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// secretValues are representative values of the secrets hosts read from SSM.
func secretValues(t *testing.T) map[string]string {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	chains := chainsYAML(1, 137)
	return map[string]string{
		"EDGE_OWNERSHIP_CHAINS":     chains,
		"SIGNER_OWNERSHIP_CHAINS":   chains,
		"SIGNER_KEYS_PEM":           string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		"TRANSCODER_ADMIN_TOKEN":    "0123456789abcdef01234567",
		"INDEXER_INDEXER_CHAINS":    chains,
		"EDGE_REDIS_PASSWORD":       redisToken,
		"SIGNER_REDIS_PASSWORD":     redisToken,
		"TRANSCODER_REDIS_PASSWORD": redisToken,
		"INDEXER_REDIS_PASSWORD":    redisToken,
	}
}

func str(v cty.Value, path ...string) string {
	for _, p := range path {
		v = v.GetAttr(p)
	}
	return v.AsString()
}

func num(v cty.Value, path ...string) int64 {
	for _, p := range path {
		v = v.GetAttr(p)
	}
	n, _ := v.AsBigFloat().Int64()
	return n
}

// wantOrigins checks a config's origin.regions against the module's inputs:
// own region first, then the fallbacks, each the region's S3 endpoint over TLS.
func wantOrigins(t *testing.T, r region, names, buckets, endpoints []string, tls []bool) {
	t.Helper()
	want := append([]cty.Value{cty.ObjectVal(map[string]cty.Value{
		"name": r.vars["name"], "bucket": r.vars["origin_bucket"], "aws_region": r.vars["aws_region"],
	})}, r.vars["fallback_origins"].AsValueSlice()...)
	if len(names) != len(want) {
		t.Fatalf("origin.regions: %d, want %d", len(names), len(want))
	}
	for i, o := range want {
		endpoint := "s3." + str(o, "aws_region") + ".amazonaws.com"
		if names[i] != str(o, "name") || buckets[i] != str(o, "bucket") || endpoints[i] != endpoint || !tls[i] {
			t.Errorf("origin.regions[%d] = %s %s %s tls=%v, want %s %s %s tls=true",
				i, names[i], buckets[i], endpoints[i], tls[i], str(o, "name"), str(o, "bucket"), endpoint)
		}
	}
}

// listenPort checks that a listener's port is the one its target group uses.
func listenPort(t *testing.T, listen string, targetGroup string) {
	t.Helper()
	_, port, err := net.SplitHostPort(listen)
	if err != nil {
		t.Fatal(err)
	}
	tg := resourceBody(t, regionModule, "aws_lb_target_group", targetGroup)
	want, _ := tg.Attributes["port"].Expr.Value(nil)
	if port != want.AsBigFloat().String() {
		t.Errorf("listen %s, but target group %s sends to port %s", listen, targetGroup, want.AsBigFloat())
	}
}

func checkEdge(t *testing.T, path string, r region, _ string) {
	want := checkRedisYAML(t, path, r)
	cfg := edge.DefaultConfig()
	if err := conf.Load(path, "EDGE", &cfg); err != nil {
		t.Fatalf("streamgate edge --check-config: %v", err)
	}
	var names, buckets, endpoints []string
	var tls []bool
	for _, o := range cfg.Origin.Regions {
		names, buckets, endpoints, tls = append(names, o.Name), append(buckets, o.S3.Bucket), append(endpoints, o.S3.Endpoint), append(tls, o.S3.TLS)
	}
	wantOrigins(t, r, names, buckets, endpoints, tls)
	listenPort(t, cfg.Listen, "edge")
	switch {
	case cfg.Token.JWKS != str(r.vars["jwks_url"]):
		t.Errorf("token.jwks = %q, want %q", cfg.Token.JWKS, str(r.vars["jwks_url"]))
	case cfg.Cache.MaxBytes != num(r.vars["edge"], "cache_bytes"):
		t.Errorf("cache.max_bytes = %d, want %d", cfg.Cache.MaxBytes, num(r.vars["edge"], "cache_bytes"))
	case cfg.HTTP.SegmentCacheControl != str(r.vars["edge"], "segment_cache_control"):
		t.Errorf("http.segment_cache_control = %q", cfg.HTTP.SegmentCacheControl)
	case cfg.HTTP.PlaylistCacheControl != "private, no-store":
		t.Errorf("http.playlist_cache_control = %q, want the default private, no-store", cfg.HTTP.PlaylistCacheControl)
	case !strings.HasSuffix(cfg.Redis.Addr, ":6379") || cfg.Redis.Prefix != redisconf.DefaultPrefix:
		t.Errorf("redis = %+v", cfg.Redis)
	case len(cfg.Ownership.Chains) != 2:
		t.Errorf("ownership.chains from EDGE_OWNERSHIP_CHAINS: %d chains, want 2", len(cfg.Ownership.Chains))
	}
	checkProxies(t, cfg.HTTP.Proxies, r, clientip.XForwardedFor)
	checkRedisLoaded(t, cfg, want, "EDGE")
}

func checkSigner(t *testing.T, path string, r region, _ string) {
	want := checkRedisYAML(t, path, r)
	cfg, err := signer.LoadConfig(path)
	if err != nil {
		t.Fatalf("streamgate signer --check-config: %v", err)
	}
	var names, buckets, endpoints []string
	var tls []bool
	for _, o := range cfg.Origin.Regions {
		names, buckets, endpoints, tls = append(names, o.Name), append(buckets, o.S3.Bucket), append(endpoints, o.S3.Endpoint), append(tls, o.S3.TLS)
	}
	wantOrigins(t, r, names, buckets, endpoints, tls)
	listenPort(t, cfg.Listen, "signer")
	domain := str(r.vars["domain_name"])
	if ds := r.vars["signer"].GetAttr("domains"); ds.LengthInt() > 0 {
		domain = str(ds.Index(cty.NumberIntVal(0)))
	}
	switch {
	case len(cfg.Domains) == 0 || cfg.Domains[0] != domain:
		t.Errorf("domains = %q, want %s first", cfg.Domains, domain)
	case len(cfg.URIs) != len(cfg.Domains) || cfg.URIs[0] != "https://"+domain:
		t.Errorf("uris = %q, want https:// and each domain", cfg.URIs)
	case cfg.Redis.Addr == "":
		t.Error("redis.addr empty: several signers must share nonces")
	case cfg.Keys.PEM == "":
		t.Error("keys: SIGNER_KEYS_PEM not taken")
	case len(cfg.Ownership.Chains) != 2:
		t.Errorf("ownership.chains from SIGNER_OWNERSHIP_CHAINS: %d chains, want 2", len(cfg.Ownership.Chains))
	}
	if cfg.Rate.PerIPPerMin <= 0 {
		t.Errorf("rate.per_ip_per_min = %d: behind trusted proxies the per-viewer limit stays on", cfg.Rate.PerIPPerMin)
	}
	checkProxies(t, cfg.HTTP.Proxies, r, clientip.CloudFrontViewerAddress)
	checkRedisLoaded(t, cfg, want, "SIGNER")
}

func checkTranscoder(t *testing.T, path string, r region, _ string) {
	want := checkRedisYAML(t, path, r)
	cfg := transcoder.DefaultConfig()
	if err := conf.Load(path, "TRANSCODER", &cfg); err != nil {
		t.Fatalf("streamgate transcoder --check-config: %v", err)
	}
	o := cfg.Origin.Regions
	switch {
	case len(o) != 1 || o[0].Name != str(r.vars["name"]) || o[0].S3.Bucket != str(r.vars["origin_bucket"]) || !o[0].S3.TLS:
		t.Errorf("origin.regions = %+v, want the primary's bucket alone (replication does the rest)", o)
	case !cfg.Origin.Replicated:
		t.Error("origin.replicated = false, want true: S3 replication copies to the other regions")
	case cfg.Sources.Bucket != str(r.vars["sources_bucket"]):
		t.Errorf("sources.bucket = %q, want %q", cfg.Sources.Bucket, str(r.vars["sources_bucket"]))
	case !strings.HasPrefix(cfg.Admin.Listen, "127.0.0.1:"):
		t.Errorf("admin.listen = %q, want loopback (SSM port forwards reach it)", cfg.Admin.Listen)
	case int64(cfg.Queue.Workers) != num(r.vars["transcoder"], "workers_per_instance"):
		t.Errorf("queue.workers = %d", cfg.Queue.Workers)
	}
	checkRedisLoaded(t, cfg, want, "TRANSCODER")
	checkBacklog(t, r, cfg.Redis.Prefix+"jobs")
}

// checkIndexer loads an indexer group's config with the chains of its chain
// set in INDEXER_INDEXER_CHAINS, as its SSM parameter would hold them.
func checkIndexer(t *testing.T, path string, r region, host string) {
	want := checkRedisYAML(t, path, r)
	set := r.vars["indexer"].GetAttr("chain_sets").Index(cty.StringVal(strings.TrimPrefix(host, "indexer-")))
	var ids []int64
	for _, id := range set.GetAttr("chain_ids").AsValueSlice() {
		n, _ := id.AsBigFloat().Int64()
		ids = append(ids, n)
	}
	t.Setenv("INDEXER_INDEXER_CHAINS", chainsYAML(ids...))
	cfg := indexer.DefaultServiceConfig()
	if err := conf.Load(path, "INDEXER", &cfg); err != nil {
		t.Fatalf("streamgate indexer --check-config: %v", err)
	}
	var got []int64
	for _, c := range cfg.Indexer.Chains {
		got = append(got, c.ID)
	}
	switch {
	case !slices.Equal(got, ids):
		t.Errorf("indexer.chains from INDEXER_INDEXER_CHAINS: %v, want the chain set's %v", got, ids)
	case !strings.HasPrefix(cfg.MetricsListen, "127.0.0.1:"):
		t.Errorf("metrics_listen = %q, want loopback: the security group lets nothing in", cfg.MetricsListen)
	case cfg.Redis.Prefix != "{sg}:":
		t.Errorf("redis.prefix = %q, want {sg}: like every other service", cfg.Redis.Prefix)
	}
	if ud := r.userData[host]; !strings.Contains(ud, "systemctl enable --now streamgate@indexer") {
		t.Error("user data does not start streamgate@indexer")
	}
	checkRedisLoaded(t, cfg, want, "INDEXER")
}
