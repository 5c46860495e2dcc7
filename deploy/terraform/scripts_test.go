package terraform

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// resourceBody returns the body of resource typ.name in module dir.
func resourceBody(t *testing.T, dir, typ, name string) *hclsyntax.Body {
	t.Helper()
	for _, body := range modules(t)[dir].files {
		for _, b := range body.Blocks {
			if b.Type == "resource" && b.Labels[0] == typ && b.Labels[1] == name {
				return b.Body
			}
		}
	}
	t.Fatalf("%s: no resource %s.%s", dir, typ, name)
	return nil
}

// stubs writes executable shell scripts named after their keys into a new
// folder and returns a PATH that finds them first.
func stubs(t *testing.T, scripts map[string]string) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	for name, body := range scripts {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir, dir + string(os.PathListSeparator) + os.Getenv("PATH")
}

// unitEnv reads the Environment= lines of a systemd unit.
func unitEnv(unit string) map[string]string {
	env := map[string]string{}
	for _, line := range strings.Split(unit, "\n") {
		if kv, ok := strings.CutPrefix(line, "Environment="); ok {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = v
		}
	}
	return env
}

// xinfo is what `redis-cli --raw XINFO GROUPS sg:jobs` prints: one group
// with 3 jobs delivered and running, 4 queued, and another group.
const xinfo = `name
audit
consumers
1
pending
9
last-delivered-id
0-0
entries-read
0
lag
9
name
transcoders
consumers
2
pending
3
last-delivered-id
1700000000000-0
entries-read
10
lag
4
`

// checkBacklog runs the transcoders' backlog publisher against stub
// redis-cli and aws, as the timer unit would, and checks what it publishes
// is the metric the scaling policy reads (README: StreamGate/JobBacklog),
// and that it reaches Redis over TLS with the AUTH token from SSM, following
// cluster redirects in cluster mode.
func checkBacklog(t *testing.T, r region, stream string) {
	t.Helper()
	ud := r.userData["transcoder"]
	script, ok := heredoc(ud, "SH")
	if !ok {
		t.Fatal("no backlog publisher script")
	}
	env := unitEnv(fileHeredoc(t, ud, "/etc/systemd/system/streamgate-backlog.service", "UNIT"))
	cluster := r.vars["redis"].GetAttr("cluster").True()
	token, _ := local(modules(t)[regionModule], r.ctx, "redis_token")
	switch {
	case env["STREAM"] != stream:
		t.Errorf("backlog reads %s, transcoders queue on %s", env["STREAM"], stream)
	case env["NAMESPACE"] != "StreamGate" || env["METRIC"] != "JobBacklog":
		t.Errorf("backlog metric %s/%s, README documents StreamGate/JobBacklog", env["NAMESPACE"], env["METRIC"])
	case env["DEPLOYMENT"] != str(r.vars["deployment"]):
		t.Errorf("backlog dimension Deployment=%s, scaling policy reads %s", env["DEPLOYMENT"], str(r.vars["deployment"]))
	case env["REDIS_CLUSTER"] != fmt.Sprint(cluster):
		t.Errorf("backlog REDIS_CLUSTER=%s, redis.cluster is %v", env["REDIS_CLUSTER"], cluster)
	case token.IsNull() || env["TOKEN_PARAMETER"] != str(token, "name") || env["TOKEN_REGION"] != str(r.vars["aws_region"]):
		t.Errorf("backlog reads the token from %s in %s, want the region's parameter", env["TOKEN_PARAMETER"], env["TOKEN_REGION"])
	}
	for _, tc := range []struct{ name, xinfo, rc, want string }{
		{"queued and running", xinfo, "0", "7"},
		{"no stream yet", "ERR no such key\n", "1", "0"},
	} {
		run := runBacklog(t, script, env, "XINFO="+tc.xinfo, "XINFO_RC="+tc.rc)
		want := "cloudwatch\nput-metric-data\n--region\n" + env["AWS_REGION"] + "\n--namespace\nStreamGate\n--metric-name\nJobBacklog\n" +
			"--dimensions\nDeployment=" + env["DEPLOYMENT"] + "\n--unit\nCount\n--value\n" + tc.want + "\n"
		if run.aws != want {
			t.Errorf("%s: aws called with\n%s\nwant\n%s", tc.name, run.aws, want)
		}
		cli := strings.Split(strings.TrimSpace(run.cli), "\n")
		switch {
		case run.auth != redisToken+"\n":
			t.Errorf("%s: redis-cli REDISCLI_AUTH = %q, want the token from SSM", tc.name, run.auth)
		case strings.Contains(run.cli, redisToken):
			t.Errorf("%s: the token is on redis-cli's command line (ps shows it)", tc.name)
		case !slices.Contains(cli, "--tls"):
			t.Errorf("%s: redis-cli %q without --tls", tc.name, cli)
		case slices.Contains(cli, "-c") != cluster:
			t.Errorf("%s: redis-cli %q: -c (follow cluster redirects) must be there iff cluster mode", tc.name, cli)
		case !strings.Contains(run.ssm, "--with-decryption\n--name\n"+env["TOKEN_PARAMETER"]+"\n"):
			t.Errorf("%s: token read with aws %q", tc.name, run.ssm)
		}
	}
}

// backlogRun is what the publisher passed to its stub commands, one
// argument a line.
type backlogRun struct{ aws, ssm, cli, auth string }

// runBacklog runs the publisher script with the unit's environment and stub
// redis-cli (printing $XINFO) and aws (printing the token for ssm).
func runBacklog(t *testing.T, script string, env map[string]string, extra ...string) backlogRun {
	t.Helper()
	dir, path := stubs(t, map[string]string{
		"redis-cli": `printf '%s\n' "$@" > "$OUT/cli"; printf '%s\n' "$REDISCLI_AUTH" > "$OUT/auth"; printf '%s' "$XINFO"; exit "$XINFO_RC"`,
		"aws":       `if [ "$1" = ssm ]; then printf '%s\n' "$@" > "$OUT/ssm"; echo "$TOKEN"; exit; fi; printf '%s\n' "$@" > "$OUT/aws"`,
	})
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", "-c", script)
	cmd.Env = append(os.Environ(), "PATH="+path, "OUT="+out, "TOKEN="+redisToken)
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Env = append(cmd.Env, extra...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("backlog script: %v: %s", err, out)
	}
	return backlogRun{
		aws: read(t, filepath.Join(out, "aws")), ssm: read(t, filepath.Join(out, "ssm")),
		cli: read(t, filepath.Join(out, "cli")), auth: read(t, filepath.Join(out, "auth")),
	}
}

// TestLauncher runs streamgate-run, which every host's unit starts, with
// stub aws and streamgate: each secret its ROLE.secrets names must reach
// the service intact, multi-line PEM keys included.
func TestLauncher(t *testing.T) {
	for _, r := range renderExample(t) {
		for host, ud := range r.userData {
			t.Run(r.call+"/"+host, func(t *testing.T) { runLauncher(t, r.roles[host], ud) })
		}
	}
}

func runLauncher(t *testing.T, role, ud string) {
	script, ok := heredoc(ud, "RUN")
	if !ok {
		t.Fatal("no streamgate-run script")
	}
	secrets := fileHeredoc(t, ud, "/etc/streamgate/"+role+".secrets", "SECRETS")
	dir, path := stubs(t, map[string]string{
		"aws":        `while [ $# -gt 0 ]; do case $1 in --region) r=$2;; --name) exec cat "$SSM/$r$(printf %s "$2" | tr / _)";; esac; shift; done; exit 1`,
		"streamgate": `printf '%s\n' "$@" > "$OUT/args"; for n in $NAMES; do printenv "$n" > "$OUT/$n"; done`,
	})
	for _, d := range []string{"etc", "ssm", "out"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	script = strings.NewReplacer("/etc/streamgate/", dir+"/etc/", "/usr/local/bin/streamgate", dir+"/streamgate").Replace(script)
	write(t, filepath.Join(dir, "etc", role+".secrets"), secrets)
	values := secretValues(t)
	var names []string
	// Each value is found only under its parameter's name in its region.
	for _, line := range strings.Split(strings.TrimSpace(secrets), "\n") {
		if f := strings.Fields(line); len(f) == 3 {
			names = append(names, f[0])
			write(t, filepath.Join(dir, "ssm", f[2]+strings.ReplaceAll(f[1], "/", "_")), values[f[0]])
		}
	}
	cmd := exec.Command("sh", "-c", script, "streamgate-run", role)
	cmd.Env = append(os.Environ(), "PATH="+path, "SSM="+dir+"/ssm", "OUT="+dir+"/out", "NAMES="+strings.Join(names, " "))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("streamgate-run %s: %v: %s", role, err, out)
	}
	if args := read(t, filepath.Join(dir, "out", "args")); !strings.HasPrefix(args, role+"\n--config\n") {
		t.Errorf("streamgate called with %q, want %s --config …", args, role)
	}
	for _, n := range names {
		if got, want := read(t, filepath.Join(dir, "out", n)), strings.TrimRight(values[n], "\n")+"\n"; got != want {
			t.Errorf("%s reached the service as %q, want %q", n, got, want)
		}
	}
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
