package testenv

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/internal/redisconf"
)

// RedisServer is a redis-server private to one test. Use Client directly, or
// Addr ("127.0.0.1:PORT") to configure the code under test; Conf is the
// `redis:` block that reaches it (with its password or TLS CA, if any).
type RedisServer struct {
	Addr   string
	Client *redis.Client
	Conf   redisconf.Config
}

// Redis starts an empty, persistence-free redis-server on a free loopback
// port and returns it once it answers PING. The server and client are closed
// by t.Cleanup.
func Redis(t testing.TB) *RedisServer {
	t.Helper()
	port := FreePort(t)
	s := &RedisServer{Addr: "127.0.0.1:" + port, Conf: redisconf.Default("127.0.0.1:" + port)}
	startRedis(t, s, &redis.Options{Addr: s.Addr}, "--port", port)
	return s
}

// RedisPassword is Redis requiring password (AUTH, the default user).
func RedisPassword(t testing.TB, password string) *RedisServer {
	t.Helper()
	port := FreePort(t)
	s := &RedisServer{Addr: "127.0.0.1:" + port, Conf: redisconf.Default("127.0.0.1:" + port)}
	s.Conf.Password = password
	startRedis(t, s, &redis.Options{Addr: s.Addr, Password: password}, "--port", port, "--requirepass", password)
	return s
}

// RedisTLS is Redis accepting TLS only, with a server certificate for
// 127.0.0.1 and "redis.test" issued by a CA made for this test; Conf has
// tls: true and ca_file set to that CA. Clients need no certificate.
func RedisTLS(t testing.TB) *RedisServer {
	t.Helper()
	port := FreePort(t)
	pki := NewTestPKI(t, "redis.test")
	s := &RedisServer{Addr: "127.0.0.1:" + port, Conf: redisconf.Default("127.0.0.1:" + port)}
	s.Conf.TLS, s.Conf.CAFile = true, pki.CAFile
	tlsCfg, err := s.Conf.Options()
	if err != nil {
		t.Fatal(err)
	}
	startRedis(t, s, &redis.Options{Addr: s.Addr, TLSConfig: tlsCfg.TLSConfig}, "--port", "0", "--tls-port", port,
		"--tls-cert-file", pki.CertFile, "--tls-key-file", pki.KeyFile, "--tls-ca-cert-file", pki.CAFile,
		"--tls-auth-clients", "no")
	return s
}

// startRedis runs redis-server with args plus a private dir and no
// persistence, and waits until the client opt describes answers PING.
func startRedis(t testing.TB, s *RedisServer, opt *redis.Options, args ...string) {
	t.Helper()
	bin := Bin(t, "redis-server")
	dir := t.TempDir() // --dir keeps any SAVE or crash dump out of the package dir
	p := start(t, bin, nil, append(args, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir)...)
	s.Client = redis.NewClient(opt)
	t.Cleanup(func() { s.Client.Close() })
	waitFor(t, p, 10*time.Second, func() error {
		return s.Client.Ping(context.Background()).Err()
	})
}

// RedisClusterServer is a three-master Redis Cluster on loopback.
type RedisClusterServer struct {
	// Addrs are the nodes' host:port, each a valid configuration endpoint.
	Addrs  []string
	Client *redis.ClusterClient
	// Conf reaches the cluster through its first node, as through an
	// ElastiCache configuration endpoint (cluster: true, addr).
	Conf redisconf.Config
}

// RedisCluster starts three persistence-free cluster-enabled redis-servers,
// joins them with `redis-cli --cluster create` (no replicas) and returns once
// every node reports cluster_state:ok. Everything stops at t.Cleanup.
func RedisCluster(t testing.TB) *RedisClusterServer {
	t.Helper()
	bin, cli := Bin(t, "redis-server"), Bin(t, "redis-cli")
	c := &RedisClusterServer{}
	procs := make([]*proc, 3)
	for i := range procs {
		port, dir := FreePort(t), t.TempDir()
		procs[i] = start(t, bin, nil, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
			"--dir", dir, "--cluster-enabled", "yes", "--cluster-config-file", filepath.Join(dir, "nodes.conf"),
			"--cluster-node-timeout", "5000")
		c.Addrs = append(c.Addrs, "127.0.0.1:"+port)
	}
	for i, a := range c.Addrs {
		node := redis.NewClient(&redis.Options{Addr: a})
		waitFor(t, procs[i], 10*time.Second, func() error { return node.Ping(context.Background()).Err() })
		node.Close()
	}
	args := append(append([]string{"--cluster", "create"}, c.Addrs...), "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.Command(cli, args...).CombinedOutput(); err != nil {
		t.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	for i, a := range c.Addrs {
		node := redis.NewClient(&redis.Options{Addr: a})
		waitFor(t, procs[i], 20*time.Second, func() error {
			info, err := node.ClusterInfo(context.Background()).Result()
			if err == nil && !strings.Contains(info, "cluster_state:ok") {
				err = fmt.Errorf("node %s: cluster not ok yet", a)
			}
			return err
		})
		node.Close()
	}
	c.Conf = redisconf.Default(c.Addrs[0])
	c.Conf.Cluster = true
	c.Client = redis.NewClusterClient(&redis.ClusterOptions{Addrs: c.Addrs})
	t.Cleanup(func() { c.Client.Close() })
	return c
}

// TestPKI is a CA and a server certificate it issued, as PEM files.
type TestPKI struct {
	CAFile, CertFile, KeyFile string
}

// NewTestPKI writes, to a temporary folder, a new ECDSA P-256 CA and a
// server certificate (valid one hour) for 127.0.0.1, ::1 and the names.
func NewTestPKI(t testing.TB, names ...string) TestPKI {
	t.Helper()
	dir := t.TempDir()
	caKey, caCert := newCert(t, &x509.Certificate{
		Subject: pkix.Name{CommonName: "streamgate test CA"}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}, nil, nil)
	key, cert := newCert(t, &x509.Certificate{
		Subject: pkix.Name{CommonName: "127.0.0.1"}, DNSNames: names,
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		KeyUsage:    x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}, caCert, caKey)
	p := TestPKI{CAFile: filepath.Join(dir, "ca.pem"), CertFile: filepath.Join(dir, "server.pem"), KeyFile: filepath.Join(dir, "server.key")}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	writePEM(t, p.CAFile, "CERTIFICATE", caCert.Raw)
	writePEM(t, p.CertFile, "CERTIFICATE", cert.Raw)
	writePEM(t, p.KeyFile, "EC PRIVATE KEY", keyDER)
	return p
}

// newCert signs tmpl with parent's key (itself when parent is nil).
func newCert(t testing.TB, tmpl, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) (*ecdsa.PrivateKey, *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		t.Fatal(err)
	}
	tmpl.SerialNumber = serial
	tmpl.NotBefore, tmpl.NotAfter = time.Now().Add(-time.Minute), time.Now().Add(time.Hour)
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return key, cert
}

func writePEM(t testing.TB, path, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

// RedisVariant is one kind of Redis deployment, as the `redis:` block that
// reaches it.
type RedisVariant struct {
	Name string
	Conf redisconf.Config
}

// RedisVariants starts one Redis of each kind a service must work with
// besides a plain one: password-protected, TLS-only with a private CA, and
// a three-node cluster reached through one configuration endpoint. A test
// runs a Redis feature through each (t.Run(v.Name, …)).
func RedisVariants(t testing.TB) []RedisVariant {
	t.Helper()
	return []RedisVariant{
		{"password", RedisPassword(t, "s3cret-pass").Conf},
		{"tls", RedisTLS(t).Conf},
		{"cluster", RedisCluster(t).Conf},
	}
}

// RedisSentinel starts a Redis and one Sentinel monitoring it as master
// "main"; Conf reaches the master through the Sentinel (addrs,
// sentinel_master). Both stop at t.Cleanup.
func RedisSentinel(t testing.TB) *RedisServer {
	t.Helper()
	master := Redis(t)
	port, dir := FreePort(t), t.TempDir()
	conf := filepath.Join(dir, "sentinel.conf") // Sentinel rewrites its config: a private copy
	_, mport, _ := net.SplitHostPort(master.Addr)
	body := "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\nsentinel monitor main 127.0.0.1 " + mport + " 1\n"
	if err := os.WriteFile(conf, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	p := start(t, Bin(t, "redis-server"), nil, conf, "--sentinel")
	s := &RedisServer{Addr: master.Addr, Client: master.Client, Conf: redisconf.Default("")}
	s.Conf.Addrs, s.Conf.SentinelMaster = []string{"127.0.0.1:" + port}, "main"
	sentinel := redis.NewSentinelClient(&redis.Options{Addr: "127.0.0.1:" + port})
	defer sentinel.Close()
	waitFor(t, p, 10*time.Second, func() error {
		return sentinel.GetMasterAddrByName(context.Background(), "main").Err()
	})
	return s
}
