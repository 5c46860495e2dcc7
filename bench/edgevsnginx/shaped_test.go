package main

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestShapedLink: as root (make deps installs iproute2), the link carries
// HTTP from the namespace to a server on the veth's address, and close
// leaves nothing behind; a netem delay either applies or is refused naming
// netem (this kernel may lack it), again leaving nothing behind. Where the
// link cannot be made (not root, or no CAP_NET_ADMIN), setup refuses with
// the reason the bench prints when it skips its shaped runs.
func TestShapedLink(t *testing.T) {
	ctx := context.Background()
	l, err := setupShaped(ctx, 0)
	switch {
	case os.Geteuid() != 0:
		if err == nil || !strings.Contains(err.Error(), "needs root") {
			t.Fatalf("setup without root: %v, want a refusal naming root", err)
		}
		return
	case err != nil && strings.Contains(err.Error(), "Operation not permitted"):
		if !strings.HasPrefix(err.Error(), "ip netns add") {
			t.Fatalf("refusal without CAP_NET_ADMIN does not name its command: %v", err)
		}
		return
	case err != nil:
		t.Fatal(err)
	}
	closed := false
	defer func() {
		if !closed {
			l.close()
		}
	}()
	ln, err := net.Listen("tcp", l.host+":0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("from " + r.RemoteAddr + "\n"))
	}), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	script := "exec 3<>/dev/tcp/" + l.host + "/" + port + `; printf 'GET / HTTP/1.0\r\n\r\n' >&3; cat <&3`
	out, err := exec.Command("ip", append(l.via()[1:], "bash", "-c", script)...).CombinedOutput()
	if err != nil {
		t.Fatalf("request from the namespace: %v: %s", err, out)
	}
	// The server sees the namespace's address: the request crossed the veth.
	if !strings.Contains(string(out), "from "+l.peer+":") {
		t.Fatalf("answer %q does not come from %s", out, l.peer)
	}
	l.close()
	closed = true
	assertGone(t, l)

	l, err = setupShaped(ctx, 20*time.Millisecond)
	switch {
	case err == nil:
		t.Log("netem available")
		l.close()
	case strings.Contains(err.Error(), "netem"):
		t.Logf("netem refused, as the benchmark reports it: %v", err)
	default:
		t.Fatal(err)
	}
	name := "sgb" + strconv.Itoa(os.Getpid())
	assertGone(t, &shapedLink{ns: name, hostIf: name + "h"})
}

func assertGone(t *testing.T, l *shapedLink) {
	t.Helper()
	out, err := exec.Command("ip", "netns", "list").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == l.ns {
			t.Fatalf("namespace %s left behind", l.ns)
		}
	}
	if exec.Command("ip", "link", "show", l.hostIf).Run() == nil {
		t.Fatalf("interface %s left behind", l.hostIf)
	}
}
