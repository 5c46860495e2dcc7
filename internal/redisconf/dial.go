package redisconf

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/internal/conf"
)

// pingTimeout bounds the start-up check.
const pingTimeout = 5 * time.Second

// Options turns c into go-redis options; the password file and CA file are
// read now. It fails, naming the key, on a file that cannot be read or holds
// no certificate. Call Validate first.
func (c *Config) Options() (*redis.UniversalOptions, error) {
	o := &redis.UniversalOptions{
		Addrs: c.Addrs, Username: c.Username, Password: c.Password, DB: c.DB,
		IsClusterMode: c.Cluster, MasterName: c.SentinelMaster,
	}
	if len(o.Addrs) == 0 && c.Addr != "" {
		o.Addrs = []string{c.Addr}
	}
	if c.URL != "" {
		u, err := parseURL(c.URL)
		if err != nil {
			return nil, fmt.Errorf("redis.url: %w", err)
		}
		o.Addrs = []string{u.addr}
		if u.username != "" {
			o.Username = u.username
		}
		if u.hasPassword {
			o.Password = u.password
		}
		if u.db >= 0 {
			o.DB = u.db
		}
	}
	if c.PasswordFile != "" {
		raw, err := os.ReadFile(c.PasswordFile)
		if err != nil {
			return nil, fmt.Errorf("redis.password_file: %w", err)
		}
		o.Password = strings.TrimSpace(string(raw))
	}
	if c.tls() {
		t, err := c.tlsConfig()
		if err != nil {
			return nil, err
		}
		o.TLSConfig = t
	}
	return o, nil
}

// tlsConfig verifies the server against CAFile (or the system roots) and
// ServerName (or each node's own host, which a cluster needs).
func (c *Config) tlsConfig() (*tls.Config, error) {
	t := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: c.ServerName}
	if c.CAFile == "" {
		return t, nil
	}
	pool, err := conf.CertPool(c.CAFile)
	if err != nil {
		return nil, fmt.Errorf("redis.ca_file: %w", err)
	}
	t.RootCAs = pool
	return t, nil
}

// Open builds the client c describes without contacting the server; the
// password and CA files are read now. Without a server it returns a nil
// client (a nil interface) and no error. Most callers want Dial.
func Open(c Config) (redis.UniversalClient, error) {
	if !c.Enabled() {
		return nil, nil
	}
	o, err := c.Options()
	if err != nil {
		return nil, err
	}
	return redis.NewUniversalClient(o), nil
}

// Dial opens the configured Redis, checks it answers (Check), and reports
// its health (Instrument, on reg when not nil). Without a server it returns
// a nil client and no error. A refusal is an error naming the key to fix,
// e.g. "redis.password: NOAUTH …"; the client is then closed.
func Dial(ctx context.Context, c Config, reg prometheus.Registerer, log *slog.Logger) (redis.UniversalClient, error) {
	routeClientLog(log)
	rdb, err := Open(c)
	if rdb == nil || err != nil {
		return nil, err
	}
	if err := c.Check(ctx, rdb); err != nil {
		_ = rdb.Close()
		return nil, err
	}
	if err := Instrument(rdb, reg, log); err != nil {
		_ = rdb.Close()
		return nil, err
	}
	return rdb, nil
}

// DialDegraded is Dial for a service that can run without Redis for a
// while (the edge counts seats alone; transcoder workers wait): a server
// that is not there at all (connection refused, host unreachable, name
// unresolvable) is logged and the client returned, to reconnect by itself.
// A refusal (password, TLS, database, cluster mode) or a silent server is
// still an error.
func DialDegraded(ctx context.Context, c Config, reg prometheus.Registerer, log *slog.Logger) (redis.UniversalClient, error) {
	routeClientLog(log)
	rdb, err := Open(c)
	if rdb == nil || err != nil {
		return nil, err
	}
	if err := c.Check(ctx, rdb); Unreachable(err) {
		if log != nil {
			log.Warn("redis not reachable at start; running degraded until it answers", "err", err)
		}
	} else if err != nil {
		_ = rdb.Close()
		return nil, err
	}
	if err := Instrument(rdb, reg, log); err != nil {
		_ = rdb.Close()
		return nil, err
	}
	return rdb, nil
}

// Unreachable reports whether err says nothing answered at the address:
// connection refused, host or network unreachable, or a name that does not
// resolve. Timeouts are not: a silent server may be a TLS port or a
// firewall, which waiting does not fix.
func Unreachable(err error) bool {
	var dns *net.DNSError
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EHOSTUNREACH) ||
		errors.Is(err, syscall.ENETUNREACH) || errors.As(err, &dns) && !dns.IsTimeout
}

// Check pings rdb (within 5 s) and makes sure a cluster node is not used as
// a single server; its error names the key at fault (Explain).
func (c *Config) Check(ctx context.Context, rdb redis.UniversalClient) error {
	ctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		return c.Explain(err)
	}
	if c.Cluster || c.SentinelMaster != "" {
		return nil
	}
	// A cluster node answers PING but MOVEs most keys away: say so now. Only
	// a cluster node answers CLUSTER INFO; an error (cluster support
	// disabled, or the command not allowed) is fine.
	if info, err := rdb.ClusterInfo(ctx).Result(); err == nil && strings.Contains(info, "cluster_state:") {
		return fmt.Errorf("%s: the server is a Redis Cluster node: set redis.cluster: true", c.addrKey())
	}
	return nil
}

// addrKey is the key that names the server.
func (c *Config) addrKey() string {
	switch {
	case c.URL != "":
		return "redis.url"
	case len(c.Addrs) > 0:
		return "redis.addrs"
	}
	return "redis.addr"
}

// Explain prefixes a connection or start-up error with the key most likely
// at fault: the password on an AUTH refusal, the CA or server name on a
// certificate error, TLS when the server does not speak it, the database
// number, or else the address.
func (c *Config) Explain(err error) error {
	var unknownCA x509.UnknownAuthorityError
	var badHost x509.HostnameError
	var notTLS tls.RecordHeaderError
	key := c.addrKey()
	switch {
	case redis.HasErrorPrefix(err, "NOAUTH"), redis.HasErrorPrefix(err, "WRONGPASS"),
		redis.HasErrorPrefix(err, "invalid password"), redis.HasErrorPrefix(err, "AUTH"):
		key = "redis.password"
		if c.PasswordFile != "" {
			key = "redis.password_file"
		}
	case redis.HasErrorPrefix(err, "DB index is out of range"), redis.HasErrorPrefix(err, "SELECT"):
		key = "redis.db"
	case errors.As(err, &unknownCA):
		key = "redis.ca_file"
	case errors.As(err, &badHost):
		key = "redis.server_name"
	case errors.As(err, &notTLS):
		key = "redis.tls"
		err = fmt.Errorf("the server does not speak TLS: %w", err)
	case c.tls() && (isTimeoutOrEOF(err) || errors.Is(err, syscall.ECONNRESET)):
		// A plain Redis waits for a line that a TLS hello never ends.
		key = "redis.tls"
		err = fmt.Errorf("no TLS handshake (a plain port? or an unreachable redis address): %w", err)
	case !c.tls() && isTimeoutOrEOF(err):
		err = fmt.Errorf("%w (a TLS port? set redis.tls: true)", err)
	}
	return fmt.Errorf("%s: %w", key, err)
}

func isTimeoutOrEOF(err error) bool {
	var ne net.Error
	return errors.Is(err, io.EOF) || errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

var clientLogOnce sync.Once

// routeClientLog sends go-redis's own log lines (dial retries, pool
// notices) to the service's structured log at Debug: the errors that matter
// reach the caller with the key to fix, and the health metrics and the
// outage log line say the rest.
func routeClientLog(log *slog.Logger) {
	if log == nil {
		return
	}
	clientLogOnce.Do(func() { redis.SetLogger(clientLog{log}) })
}

type clientLog struct{ log *slog.Logger }

func (l clientLog) Printf(ctx context.Context, format string, v ...any) {
	l.log.DebugContext(ctx, "redis client", "msg", fmt.Sprintf(format, v...))
}
