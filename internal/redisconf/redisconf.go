// Package redisconf is the one `redis:` config block of every service (edge,
// signer, indexer, transcoder) and the one place a Redis client is dialled
// from it: a single node, a Redis Cluster (seed addresses, or one
// configuration endpoint as ElastiCache cluster mode gives) or a Sentinel
// group, with AUTH (username and password, the password from the
// environment or a file) and TLS (an optional private CA).
package redisconf

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// DefaultPrefix starts every key and channel. Its hash tag "{sg}" puts every
// key in one Redis Cluster slot, so scripts and transactions that touch
// several keys (the transcoder's job stream, job hash and dead letters;
// ownership MGET/DEL) keep working in cluster mode.
const DefaultPrefix = "{sg}:"

// Config is a service's `redis:` block (docs/protocol.md §8). The zero
// Config, apart from Prefix, means "no Redis" where Redis is optional.
type Config struct {
	// Addr is host:port of one node, or of a cluster's configuration
	// endpoint with Cluster ("" = no Redis where optional).
	Addr string `yaml:"addr"`
	// URL is the alternative to Addr: redis://[user[:password]@]host:port[/db],
	// or rediss:// for TLS.
	URL string `yaml:"url"`
	// Username is the ACL user ("" = default).
	Username string `yaml:"username"`
	// Password authenticates; set it from the environment
	// (<SERVICE>_REDIS_PASSWORD) or PasswordFile, not in YAML.
	Password string `yaml:"password"`
	// PasswordFile holds the password (a mounted secret); surrounding
	// whitespace is ignored.
	PasswordFile string `yaml:"password_file" conf:"path,read"`
	// DB is the database number (single node and Sentinel only).
	DB int `yaml:"db"`
	// TLS encrypts connections; rediss:// implies it.
	TLS bool `yaml:"tls"`
	// CAFile is a PEM CA bundle for a private CA ("" = system roots).
	CAFile string `yaml:"ca_file" conf:"path,read"`
	// ServerName is the TLS server name when it differs from the host.
	ServerName string `yaml:"server_name"`
	// Cluster: Addr is a configuration endpoint, or Addrs are seed nodes;
	// the client finds the rest with CLUSTER SLOTS.
	Cluster bool `yaml:"cluster"`
	// Addrs are cluster seed nodes, or Sentinel addresses with
	// SentinelMaster.
	Addrs []string `yaml:"addrs"`
	// SentinelMaster names the Sentinel-monitored master; Addrs are then the
	// Sentinels.
	SentinelMaster string `yaml:"sentinel_master"`
	// Prefix starts every key and channel; in cluster mode it must hold a
	// hash tag such as DefaultPrefix's "{sg}".
	Prefix string `yaml:"prefix"`
}

// Default is the block with DefaultPrefix and the server at addr ("" = none).
// Addrs is empty, not nil, as a shipped config's "addrs: []" reads.
func Default(addr string) Config { return Config{Addr: addr, Addrs: []string{}, Prefix: DefaultPrefix} }

// Enabled reports whether a server is configured.
func (c *Config) Enabled() bool {
	return c.Addr != "" || c.URL != "" || len(c.Addrs) > 0
}

// Validate reports the first invalid field by its YAML path (redis.…). An
// empty block is valid: callers that need Redis check Enabled.
func (c *Config) Validate() error {
	for _, check := range []func() error{c.validateWhere, c.validateMode, c.validateSecrets} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (c *Config) validateWhere() error {
	// redis.url, then redis.addrs, replace redis.addr: a service whose
	// default addr is 127.0.0.1:6379 takes a url or seeds without unsetting it.
	if c.URL != "" {
		if len(c.Addrs) > 0 {
			return errors.New("redis.url: set redis.url or redis.addrs, not both")
		}
		u, err := parseURL(c.URL)
		if err != nil {
			return fmt.Errorf("redis.url: %w", err)
		}
		if err := c.urlConflicts(u); err != nil {
			return err
		}
	}
	if err := checkHostPort(c.Addr); c.Addr != "" && err != nil {
		return fmt.Errorf("redis.addr: %w", err)
	}
	for i, a := range c.Addrs {
		if err := checkHostPort(a); err != nil {
			return fmt.Errorf("redis.addrs[%d]: %w", i, err)
		}
	}
	return nil
}

// urlConflicts refuses a key that says again what the URL says: one of the
// two would be ignored silently.
func (c *Config) urlConflicts(u urlParts) error {
	switch {
	case u.hasPassword && c.Password != "":
		return errors.New("redis.password: redis.url carries a password too; set one of them")
	case u.hasPassword && c.PasswordFile != "":
		return errors.New("redis.password_file: redis.url carries a password too; set one of them")
	case u.username != "" && c.Username != "":
		return errors.New("redis.username: redis.url names a user too; set one of them")
	case u.db >= 0 && c.DB != 0:
		return fmt.Errorf("redis.db: redis.url names database %d too; set one of them", u.db)
	}
	return nil
}

func (c *Config) validateMode() error {
	switch {
	case c.Cluster && c.SentinelMaster != "":
		return errors.New("redis.sentinel_master: not with redis.cluster: true")
	case len(c.Addrs) > 0 && !c.Cluster && c.SentinelMaster == "":
		return errors.New("redis.addrs: want redis.cluster: true (seed nodes) or redis.sentinel_master (Sentinels); one node is redis.addr")
	case c.SentinelMaster != "" && len(c.Addrs) == 0:
		return errors.New("redis.addrs: want the Sentinel addresses for redis.sentinel_master")
	case c.DB < 0:
		return fmt.Errorf("redis.db: want >= 0, got %d", c.DB)
	case c.Cluster && c.db() != 0:
		return errors.New("redis.db: Redis Cluster has database 0 only")
	case c.Prefix == "":
		return fmt.Errorf("redis.prefix: want a key prefix such as %q", DefaultPrefix)
	case c.Cluster && !HasHashTag(c.Prefix):
		return fmt.Errorf("redis.prefix: in cluster mode want a hash tag so multi-key scripts stay in one slot, e.g. %q, got %q (moving keys: docs/protocol.md §8, migrating)", DefaultPrefix, c.Prefix)
	}
	return nil
}

func (c *Config) validateSecrets() error {
	switch {
	case c.Password != "" && c.PasswordFile != "":
		return errors.New("redis.password_file: set redis.password or redis.password_file, not both")
	case !c.tls() && c.CAFile != "":
		return errors.New("redis.ca_file: want redis.tls: true (or a rediss:// redis.url)")
	case !c.tls() && c.ServerName != "":
		return errors.New("redis.server_name: want redis.tls: true (or a rediss:// redis.url)")
	}
	return nil
}

// HasHashTag reports whether every key starting with prefix hashes to the
// same Redis Cluster slot: prefix holds a "{…}" with at least one character
// inside, the first "{" being its start (the Redis Cluster key hash tag rule).
func HasHashTag(prefix string) bool {
	open := strings.IndexByte(prefix, '{')
	if open < 0 {
		return false
	}
	end := strings.IndexByte(prefix[open+1:], '}')
	return end > 0
}

func (c *Config) tls() bool {
	return c.TLS || strings.HasPrefix(c.URL, "rediss://")
}

// db is the database in use: redis.db, or the URL's path when it names one.
func (c *Config) db() int {
	if u, err := parseURL(c.URL); err == nil && u.db >= 0 {
		return u.db
	}
	return c.DB
}

func checkHostPort(a string) error {
	host, port, err := net.SplitHostPort(a)
	if err != nil || host == "" || port == "" {
		return fmt.Errorf("want host:port, got %q", a)
	}
	return nil
}

// urlParts is what a redis:// or rediss:// URL says; db is -1 when its path
// names none.
type urlParts struct {
	addr, username, password string
	hasPassword              bool
	db                       int
	tls                      bool
}

// parseURL reads redis://[user[:password]@]host[:port][/db] (rediss:// for
// TLS; the port defaults to 6379). Query options are refused: the block's
// own keys say the rest.
func parseURL(raw string) (urlParts, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return urlParts{}, errors.New("want redis://[user[:password]@]host:port[/db] or rediss://…")
	}
	p := urlParts{db: -1, tls: u.Scheme == "rediss"}
	switch {
	case u.Scheme != "redis" && u.Scheme != "rediss":
		return p, fmt.Errorf("want scheme redis:// or rediss://, got %q", u.Scheme)
	case u.Hostname() == "":
		return p, errors.New("want a host")
	case u.RawQuery != "" || u.Fragment != "":
		return p, errors.New("want no query or fragment: set the other redis.* keys instead")
	}
	port := u.Port()
	if port == "" {
		port = "6379"
	}
	p.addr = net.JoinHostPort(u.Hostname(), port)
	if u.User != nil {
		p.username = u.User.Username()
		p.password, p.hasPassword = u.User.Password()
	}
	if path := strings.Trim(u.Path, "/"); path != "" {
		if p.db, err = strconv.Atoi(path); err != nil || p.db < 0 {
			return p, fmt.Errorf("want a database number as the path, got %q", u.Path)
		}
	}
	return p, nil
}
