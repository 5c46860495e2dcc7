package redisconf_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/internal/testenv"
)

// TestRefusedAtStart: every way a deployment can be misconfigured against a
// reachable Redis is a start-up error naming the key to fix.
func TestRefusedAtStart(t *testing.T) {
	plain, pass, tlsSrv := testenv.Redis(t), testenv.RedisPassword(t, "right-password"), testenv.RedisTLS(t)
	cluster := testenv.RedisCluster(t)
	otherCA := testenv.NewTestPKI(t).CAFile
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte("wrong-password\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		conf func() redisconf.Config
		want string
	}{
		{"no password", func() redisconf.Config { c := pass.Conf; c.Password = ""; return c }, "redis.password: NOAUTH"},
		{"wrong password", func() redisconf.Config { c := pass.Conf; c.Password = "wrong"; return c }, "redis.password: WRONGPASS"},
		{"wrong password file", func() redisconf.Config { c := pass.Conf; c.Password, c.PasswordFile = "", pwFile; return c }, "redis.password_file: WRONGPASS"},
		{"password file missing", func() redisconf.Config { c := pass.Conf; c.Password, c.PasswordFile = "", pwFile+".nope"; return c }, "redis.password_file: open"},
		{"wrong db", func() redisconf.Config { c := plain.Conf; c.DB = 999; return c }, "redis.db: "},
		{"TLS to a plain port", func() redisconf.Config { c := plain.Conf; c.TLS = true; return c }, "redis.tls: "},
		{"plain to a TLS port", func() redisconf.Config { c := tlsSrv.Conf; c.TLS, c.CAFile = false, ""; return c }, "redis.addr: "},
		{"system roots for a private CA", func() redisconf.Config { c := tlsSrv.Conf; c.CAFile = ""; return c }, "redis.ca_file: "},
		{"another CA", func() redisconf.Config { c := tlsSrv.Conf; c.CAFile = otherCA; return c }, "redis.ca_file: "},
		{"CA file without a certificate", func() redisconf.Config { c := tlsSrv.Conf; c.CAFile = pwFile; return c }, "redis.ca_file: no PEM certificate"},
		{"server name not in the certificate", func() redisconf.Config { c := tlsSrv.Conf; c.ServerName = "other.test"; return c }, "redis.server_name: "},
		{"cluster node as a single server", func() redisconf.Config { c := redisconf.Default(cluster.Addrs[1]); return c }, "redis.addr: the server is a Redis Cluster node"},
		{"url with a wrong password", func() redisconf.Config {
			c := redisconf.Default("")
			c.URL = "redis://default:wrong@" + pass.Addr
			return c
		}, "redis.password: WRONGPASS"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.conf()
			if err := c.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Second) // only a timeout needs it
			defer cancel()
			rdb, err := redisconf.Dial(ctx, c, nil, nil)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) || rdb != nil {
				t.Fatalf("Dial = %v, %v; want an error starting %q", rdb, err, tc.want)
			}
		})
	}
}

// TestDialForms: each supported way of naming a server reaches it, and the
// client keeps working (a write and a read).
func TestDialForms(t *testing.T) {
	pass, tlsSrv, cluster := testenv.RedisPassword(t, "right-password"), testenv.RedisTLS(t), testenv.RedisCluster(t)
	sentinel := testenv.RedisSentinel(t)
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte("right-password\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]func() redisconf.Config{
		"password":      func() redisconf.Config { return pass.Conf },
		"password file": func() redisconf.Config { c := pass.Conf; c.Password, c.PasswordFile = "", pwFile; return c },
		"url with user and db": func() redisconf.Config {
			c := redisconf.Default("")
			c.URL, c.Password = "redis://default@"+pass.Addr+"/3", "right-password"
			return c
		},
		"url beside a default addr": func() redisconf.Config {
			c := redisconf.Default("127.0.0.1:1") // as the indexer's default; nothing listens there
			c.URL = "redis://:right-password@" + pass.Addr
			return c
		},
		"tls":             func() redisconf.Config { return tlsSrv.Conf },
		"tls server name": func() redisconf.Config { c := tlsSrv.Conf; c.ServerName = "redis.test"; return c },
		"rediss url": func() redisconf.Config {
			c := redisconf.Default("")
			c.URL, c.CAFile = "rediss://"+tlsSrv.Addr, tlsSrv.Conf.CAFile
			return c
		},
		"cluster endpoint": func() redisconf.Config { return cluster.Conf },
		"sentinel":         func() redisconf.Config { return sentinel.Conf },
		"cluster seeds": func() redisconf.Config {
			c := redisconf.Default("")
			c.Cluster, c.Addrs = true, cluster.Addrs[1:]
			return c
		},
	}
	for name, conf := range cases {
		t.Run(name, func(t *testing.T) {
			c := conf()
			if err := c.Validate(); err != nil {
				t.Fatal(err)
			}
			rdb, err := redisconf.Dial(context.Background(), c, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer rdb.Close()
			ctx := context.Background()
			for i := range 20 { // keys in every slot range: all nodes of a cluster
				k := c.Prefix + name + string(rune('a'+i))
				if err := rdb.Set(ctx, "x"+k, i, 0).Err(); err != nil {
					t.Fatal(err)
				}
				if v, err := rdb.Get(ctx, "x"+k).Int(); err != nil || v != i {
					t.Fatalf("get %s = %d, %v", k, v, err)
				}
			}
		})
	}
}

// TestHashTagKeepsScriptsInOneSlot: in a cluster, a script over keys under
// DefaultPrefix runs, while the same keys under the old "sg:" prefix are
// refused (CROSSSLOT): why the default carries a hash tag, and why Validate
// asks for one in cluster mode.
func TestHashTagKeepsScriptsInOneSlot(t *testing.T) {
	cluster := testenv.RedisCluster(t)
	rdb, err := redisconf.Dial(context.Background(), cluster.Conf, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	script := redis.NewScript(`redis.call('SET', KEYS[1], 1); redis.call('SET', KEYS[2], 2); return 1`)
	keys := func(prefix string) []string { return []string{prefix + "jobs", prefix + "job:abc"} }
	if err := script.Run(context.Background(), rdb, keys(redisconf.DefaultPrefix)).Err(); err != nil {
		t.Fatalf("script under %s: %v", redisconf.DefaultPrefix, err)
	}
	if err := script.Run(context.Background(), rdb, keys("sg:")).Err(); err == nil || !strings.Contains(err.Error(), "CROSSSLOT") {
		t.Fatalf("script under sg: = %v, want CROSSSLOT", err)
	}
	bad := cluster.Conf
	bad.Prefix = "sg:"
	if err := bad.Validate(); err == nil || !strings.HasPrefix(err.Error(), "redis.prefix: in cluster mode want a hash tag") {
		t.Fatalf("Validate = %v", err)
	}
}

// TestHealthMetrics: streamgate_redis_up follows the server, and commands
// that fail because it is gone count in streamgate_redis_errors_total.
func TestHealthMetrics(t *testing.T) {
	srv := testenv.Redis(t)
	reg := prometheus.NewPedanticRegistry()
	rdb, err := redisconf.Dial(context.Background(), srv.Conf, reg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	if err := testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP streamgate_redis_up 1 when Redis answers a PING made at scrape time within 1s, else 0.
# TYPE streamgate_redis_up gauge
streamgate_redis_up 1
`), "streamgate_redis_up"); err != nil {
		t.Fatal(err)
	}
	if err := rdb.Get(context.Background(), "missing").Err(); !errors.Is(err, redis.Nil) {
		t.Fatalf("get = %v", err)
	}
	if n := metricValue(t, reg, "streamgate_redis_errors_total"); n != 0 {
		t.Fatalf("errors after a miss = %v, want 0", n)
	}
	if err := srv.Client.Shutdown(context.Background()).Err(); err != nil && !strings.Contains(err.Error(), "EOF") {
		t.Logf("shutdown: %v", err)
	}
	if err := rdb.Set(context.Background(), "k", 1, 0).Err(); err == nil {
		t.Fatal("set succeeded with the server gone")
	}
	if n := metricValue(t, reg, "streamgate_redis_errors_total"); n < 1 {
		t.Fatalf("errors after an outage = %v, want >= 1", n)
	}
	if err := testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP streamgate_redis_up 1 when Redis answers a PING made at scrape time within 1s, else 0.
# TYPE streamgate_redis_up gauge
streamgate_redis_up 0
`), "streamgate_redis_up"); err != nil {
		t.Fatal(err)
	}
}

// metricValue is the value of the unlabelled counter or gauge name in reg.
func metricValue(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		m := mf.GetMetric()[0]
		if c := m.GetCounter(); c != nil {
			return c.GetValue()
		}
		return m.GetGauge().GetValue()
	}
	t.Fatalf("%s not gathered", name)
	return 0
}

// TestDialDegraded: a Redis that is not there yet is no start-up error for a
// service that can wait (the client reconnects once it listens), while a
// refusal still is.
func TestDialDegraded(t *testing.T) {
	port := testenv.FreePort(t) // nothing listens there yet
	c := redisconf.Default("127.0.0.1:" + port)
	rdb, err := redisconf.DialDegraded(context.Background(), c, nil, nil)
	if err != nil || rdb == nil {
		t.Fatalf("DialDegraded with nothing listening = %v, %v; want a client", rdb, err)
	}
	defer rdb.Close()
	if _, err := redisconf.Dial(context.Background(), c, nil, nil); err == nil || !strings.HasPrefix(err.Error(), "redis.addr: ") {
		t.Fatalf("Dial with nothing listening = %v, want redis.addr: …", err)
	}
	pass := testenv.RedisPassword(t, "right-password")
	bad := pass.Conf
	bad.Password = "wrong"
	if _, err := redisconf.DialDegraded(context.Background(), bad, nil, nil); err == nil || !strings.HasPrefix(err.Error(), "redis.password: ") {
		t.Fatalf("DialDegraded with a wrong password = %v, want redis.password: …", err)
	}
}
