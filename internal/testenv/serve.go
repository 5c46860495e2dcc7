package testenv

import (
	"context"
	"net"
	"testing"
)

// Serve runs serve (a server's Serve(ctx, ln)) on a fresh 127.0.0.1 port
// until the test ends, then cancels it and fails the test if it returned an
// error. It returns the listener's host:port.
func Serve(t testing.TB, serve func(ctx context.Context, ln net.Listener) error) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return ln.Addr().String()
}
