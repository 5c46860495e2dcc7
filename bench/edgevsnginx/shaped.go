package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// The shaped link: the load generator in a network namespace of its own,
// joined to the servers by a veth pair (a real link: 1500-byte MTU, where
// loopback's is 64 KiB), with `tc qdisc netem delay D` on the namespace's
// side, so requests and ACKs arrive D late: a round trip of D, as a viewer
// far away has. Loopback's near-zero RTT hides what a socket strategy does
// on a long link, e.g. how much TCP_NOTSENT_LOWAT keeps queued. The servers
// stay in the host's namespace and listen on the veth's address, from
// 198.18.0.0/15 (RFC 2544's benchmarking range, routed nowhere), one /30
// per benchmark process so that concurrent runs do not collide.

// shapedLink is the namespace and veth pair one run created.
type shapedLink struct {
	ns, hostIf, nsIf string
	host, peer       string // the servers' address, the load generator's
	delay            time.Duration
}

// setupShaped creates the link, or says why it cannot: not root, iproute2
// missing, or a kernel without netem. Whatever it created before failing
// is removed.
func setupShaped(ctx context.Context, delay time.Duration) (*shapedLink, error) {
	if os.Geteuid() != 0 {
		return nil, errors.New("needs root (network namespace, veth, tc)")
	}
	for _, tool := range []string{"ip", "tc"} {
		if _, err := exec.LookPath(tool); err != nil {
			return nil, fmt.Errorf("needs %s (Debian package iproute2)", tool)
		}
	}
	name := fmt.Sprintf("sgb%d", os.Getpid())
	idx := os.Getpid() % (1 << 15) // /30s in 198.18.0.0/15
	octets := func(n int) string { return fmt.Sprintf("198.%d.%d.%d", 18+(idx>>14), (idx>>6)&0xff, (idx&0x3f)*4+n) }
	l := &shapedLink{ns: name, hostIf: name + "h", nsIf: name + "n", host: octets(1), peer: octets(2), delay: delay}
	steps := [][]string{
		{"ip", "netns", "add", l.ns},
		{"ip", "link", "add", l.hostIf, "type", "veth", "peer", "name", l.nsIf, "netns", l.ns},
		{"ip", "addr", "add", l.host + "/30", "dev", l.hostIf},
		{"ip", "link", "set", l.hostIf, "up"},
		{"ip", "-n", l.ns, "addr", "add", l.peer + "/30", "dev", l.nsIf},
		{"ip", "-n", l.ns, "link", "set", l.nsIf, "up"},
		{"ip", "-n", l.ns, "link", "set", "lo", "up"},
	}
	if delay > 0 {
		// limit: netem queues 1000 packets by default, fewer than a
		// delay's worth of ACKs at segment rates.
		steps = append(steps, []string{"tc", "-n", l.ns, "qdisc", "add", "dev", l.nsIf, "root", "netem", "delay", delay.String(), "limit", "100000"})
	}
	for i, argv := range steps {
		if out, err := exec.CommandContext(ctx, argv[0], argv[1:]...).CombinedOutput(); err != nil {
			if i > 0 {
				l.close()
			}
			msg := strings.TrimSpace(string(out))
			if strings.Contains(msg, "qdisc kind is unknown") {
				return nil, fmt.Errorf("this kernel has no netem qdisc (sch_netem): %s: %s", strings.Join(argv, " "), msg)
			}
			return nil, fmt.Errorf("%s: %w: %s", strings.Join(argv, " "), err, msg)
		}
	}
	return l, nil
}

// via is the command prefix that runs a load generator in the namespace.
func (l *shapedLink) via() []string { return []string{"ip", "netns", "exec", l.ns} }

// close removes the veth pair (both ends go with either) and the namespace.
func (l *shapedLink) close() {
	_ = exec.Command("ip", "link", "del", l.hostIf).Run() // absent if setup failed before it
	if out, err := exec.Command("ip", "netns", "del", l.ns).CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "edgevsnginx: removing network namespace %s: %v: %s\n", l.ns, err, out)
	}
}

// shapedResult is the shaped link's runs, or why there were none.
type shapedResult struct {
	delay   time.Duration
	skipped string
	ts      []target
	samples [][]sample
	perf    string // the -perf folder of these runs, "" without
}

// runShaped starts a second edge, nginx and floor on the veth's address and
// measures them with wrk from the namespace (closed loop only: no open-loop
// runs and no profiles here).
func runShaped(ctx context.Context, o options, bin, dir string, fx fixture, gate *chain) (shapedResult, error) {
	l, err := setupShaped(ctx, o.shaped)
	if err != nil {
		fmt.Fprintf(os.Stderr, "shaped link: skipped: %v\n", err)
		return shapedResult{delay: o.shaped, skipped: err.Error()}, nil
	}
	defer l.close()
	fmt.Fprintf(os.Stderr, "shaped link: namespace %s, veth %s (%s) - %s (%s), netem delay %s\n", l.ns, l.hostIf, l.host, l.nsIf, l.peer, l.delay)
	sdir := filepath.Join(dir, "shaped")
	if err := os.MkdirAll(sdir, 0o755); err != nil {
		return shapedResult{}, fmt.Errorf("shaped link: %w", err)
	}
	so := o
	so.rates, so.profile = nil, ""
	if o.perf != "" {
		so.perf = filepath.Join(o.perf, "shaped")
		if err := os.MkdirAll(so.perf, 0o755); err != nil {
			return shapedResult{}, fmt.Errorf("shaped link: %w", err)
		}
	}
	ts, _, stop, err := startServers(ctx, so, bin, sdir, l.host, fx, gate)
	defer stop()
	if err != nil {
		return shapedResult{}, fmt.Errorf("shaped link: %w", err)
	}
	for i := range ts {
		ts[i].via = l.via()
	}
	samples, _, err := measure(ctx, so, ts)
	if err != nil {
		return shapedResult{}, fmt.Errorf("shaped link: %w", err)
	}
	return shapedResult{delay: o.shaped, ts: ts, samples: samples, perf: so.perf}, nil
}
