package testenv

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisServer is a redis-server private to one test. Use Client directly, or
// Addr ("127.0.0.1:PORT") to configure the code under test.
type RedisServer struct {
	Addr   string
	Client *redis.Client
}

// Redis starts an empty, persistence-free redis-server on a free loopback
// port and returns it once it answers PING. The server and client are closed
// by t.Cleanup.
func Redis(t testing.TB) *RedisServer {
	t.Helper()
	bin := Bin(t, "redis-server")
	dir := t.TempDir() // --dir keeps any SAVE or crash dump out of the package dir
	port := FreePort(t)
	p := start(t, bin, nil, "--port", port, "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no", "--dir", dir)
	s := &RedisServer{Addr: "127.0.0.1:" + port}
	s.Client = redis.NewClient(&redis.Options{Addr: s.Addr})
	t.Cleanup(func() { s.Client.Close() })
	waitFor(t, p, 10*time.Second, func() error {
		return s.Client.Ping(context.Background()).Err()
	})
	return s
}
