package redisconf_test

import (
	"strings"
	"testing"

	"github.com/streamgate/streamgate/internal/redisconf"
)

// validateCases: each invalid block is refused naming its key; each valid
// form passes.
var validateCases = []struct {
	name string
	edit func(*redisconf.Config)
	want string // "" = valid
}{
	{"none", func(*redisconf.Config) {}, ""},
	{"addr", func(c *redisconf.Config) { c.Addr = "h:6379" }, ""},
	{"addr without port", func(c *redisconf.Config) { c.Addr = "h" }, "redis.addr: want host:port"},
	{"addr without host", func(c *redisconf.Config) { c.Addr = ":6379" }, "redis.addr: want host:port"},
	{"url", func(c *redisconf.Config) { c.URL = "redis://u@h:1/2" }, ""},
	{"url default port", func(c *redisconf.Config) { c.URL = "rediss://h" }, ""},
	{"url replaces addr", func(c *redisconf.Config) { c.URL, c.Addr = "redis://h", "h:1" }, ""},
	{"url and addrs", func(c *redisconf.Config) { c.URL, c.Addrs, c.Cluster = "redis://h", []string{"b:1"}, true }, "redis.url: set redis.url or redis.addrs"},
	{"url and password", func(c *redisconf.Config) { c.URL, c.Password = "redis://:p@h", "q" }, "redis.password: redis.url carries a password too"},
	{"url and password file", func(c *redisconf.Config) { c.URL, c.PasswordFile = "redis://:p@h", "/f" }, "redis.password_file: redis.url carries"},
	{"url and username", func(c *redisconf.Config) { c.URL, c.Username = "redis://u@h", "v" }, "redis.username: redis.url names a user"},
	{"url and db", func(c *redisconf.Config) { c.URL, c.DB = "redis://h/2", 3 }, "redis.db: redis.url names database 2"},
	{"url scheme", func(c *redisconf.Config) { c.URL = "http://h:1" }, "redis.url: want scheme"},
	{"url unix", func(c *redisconf.Config) { c.URL = "unix:///tmp/r.sock" }, "redis.url: want scheme"},
	{"url no host", func(c *redisconf.Config) { c.URL = "redis:///0" }, "redis.url: want a host"},
	{"url bad db", func(c *redisconf.Config) { c.URL = "redis://h/x" }, "redis.url: want a database number"},
	{"url query", func(c *redisconf.Config) { c.URL = "redis://h?dial_timeout=1" }, "redis.url: want no query"},
	{"addrs without a mode", func(c *redisconf.Config) { c.Addrs = []string{"a:1", "b:1"} }, "redis.addrs: want redis.cluster"},
	{"addrs replace addr", func(c *redisconf.Config) { c.Addr, c.Addrs, c.Cluster = "a:1", []string{"b:1"}, true }, ""},
	{"bad seed", func(c *redisconf.Config) { c.Addrs, c.Cluster = []string{"a:1", "b"}, true }, "redis.addrs[1]: want host:port"},
	{"cluster endpoint", func(c *redisconf.Config) { c.Addr, c.Cluster = "cfg:6379", true }, ""},
	{"cluster db", func(c *redisconf.Config) { c.Addr, c.Cluster, c.DB = "cfg:6379", true, 1 }, "redis.db: Redis Cluster"},
	{"cluster url db", func(c *redisconf.Config) { c.URL, c.Cluster = "redis://cfg/2", true }, "redis.db: Redis Cluster"},
	{"cluster prefix without a tag", func(c *redisconf.Config) { c.Addr, c.Cluster, c.Prefix = "cfg:1", true, "sg:" }, "redis.prefix: in cluster mode"},
	{"cluster prefix empty tag", func(c *redisconf.Config) { c.Addr, c.Cluster, c.Prefix = "cfg:1", true, "{}:" }, "redis.prefix: in cluster mode"},
	{"cluster own tag", func(c *redisconf.Config) { c.Addr, c.Cluster, c.Prefix = "cfg:1", true, "app:{tv}:" }, ""},
	{"single node old prefix", func(c *redisconf.Config) { c.Addr, c.Prefix = "h:1", "sg:" }, ""},
	{"no prefix", func(c *redisconf.Config) { c.Addr, c.Prefix = "h:1", "" }, "redis.prefix: want"},
	{"negative db", func(c *redisconf.Config) { c.Addr, c.DB = "h:1", -1 }, "redis.db: want >= 0"},
	{"sentinel", func(c *redisconf.Config) { c.Addrs, c.SentinelMaster = []string{"s1:26379", "s2:26379"}, "mymaster" }, ""},
	{"sentinel without addrs", func(c *redisconf.Config) { c.SentinelMaster = "m" }, "redis.addrs: want the Sentinel"},
	{"sentinel and cluster", func(c *redisconf.Config) { c.Addrs, c.SentinelMaster, c.Cluster = []string{"s:1"}, "m", true }, "redis.sentinel_master: not with"},
	{"password and file", func(c *redisconf.Config) { c.Addr, c.Password, c.PasswordFile = "h:1", "p", "/f" }, "redis.password_file: set"},
	{"ca without tls", func(c *redisconf.Config) { c.Addr, c.CAFile = "h:1", "/ca.pem" }, "redis.ca_file: want redis.tls"},
	{"server name without tls", func(c *redisconf.Config) { c.Addr, c.ServerName = "h:1", "x" }, "redis.server_name: want redis.tls"},
	{"ca with rediss", func(c *redisconf.Config) { c.URL, c.CAFile = "rediss://h", "/ca.pem" }, ""},
}

func TestValidate(t *testing.T) {
	for _, tc := range validateCases {
		t.Run(tc.name, func(t *testing.T) {
			c := redisconf.Default("")
			tc.edit(&c)
			err := c.Validate()
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)) {
				t.Fatalf("Validate = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestHasHashTag(t *testing.T) {
	for prefix, want := range map[string]bool{
		"{sg}:": true, "a{b}:": true, "sg:": false, "{}:": false, "{sg:": false, "}{sg}:": true, "{{a}}": true, "": false,
	} {
		if got := redisconf.HasHashTag(prefix); got != want {
			t.Errorf("HasHashTag(%q) = %v, want %v", prefix, got, want)
		}
	}
}

// TestEnabledWithoutServer: an empty block opens nothing and is no error.
func TestEnabledWithoutServer(t *testing.T) {
	c := redisconf.Default("")
	if c.Enabled() {
		t.Fatal("empty block enabled")
	}
	if rdb, err := redisconf.Open(c); rdb != nil || err != nil {
		t.Fatalf("Open = %v, %v", rdb, err)
	}
}
