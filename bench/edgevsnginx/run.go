package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/streamgate/streamgate/bench/internal/proc"
	"github.com/streamgate/streamgate/internal/testenv"
)

// run sets up both servers on the same files, measures them and writes the
// report. The deferred stop runs on every return, including after a SIGINT,
// which cancels ctx and so whatever wait or wrk run is in progress.
func run(ctx context.Context, o options) error {
	root, err := testenv.RepoRoot()
	if err != nil {
		return err
	}
	dir, err := workDir(o.keep)
	if err != nil {
		return err
	}
	defer cleanWorkDir(dir, o.keep)
	// The output folders first: a bad one fails before anything starts.
	if o.profile != "" {
		if o.profile, err = filepath.Abs(o.profile); err == nil {
			err = os.MkdirAll(o.profile, 0o755)
		}
		if err != nil {
			return fmt.Errorf("-profile: %w", err)
		}
	}
	if o.perf != "" {
		if o.perf, err = filepath.Abs(o.perf); err == nil {
			err = os.MkdirAll(o.perf, 0o755)
		}
		if err != nil {
			return fmt.Errorf("-perf: %w", err)
		}
	}
	policy := publicPolicy
	var gate *chain
	if o.gate {
		// Started first and closed last: the edge asks it (through its
		// ownership cache) for as long as it runs.
		if gate, err = startChain(ctx); err != nil {
			return err
		}
		defer gate.close()
		policy = gate.policy()
		fmt.Fprintf(os.Stderr, "gate on: AccessPass %s on chain %d at %s, pass minted to %s\n",
			gate.contract.Hex(), chainID, gate.rpcURL, wallet)
	}
	fx, err := writeFixture(dir, policy)
	if err != nil {
		return err
	}
	bin, err := proc.StreamgateBinary(ctx, root, dir, o.streamgate)
	if err != nil {
		return err
	}
	ts, edge, stop, err := startServers(ctx, o, bin, dir, loopback, fx, gate)
	defer stop()
	if err != nil {
		return err
	}
	samples, open, err := measure(ctx, o, ts)
	if err != nil {
		return err
	}
	var shaped *shapedResult
	if o.shaped >= 0 {
		res, err := runShaped(ctx, o, bin, dir, fx, gate)
		if err != nil {
			return err
		}
		shaped = &res
	}
	var cdn *cdnResult
	if o.viewers > 0 {
		res, stopCDN, err := runCDN(ctx, dir, edge, fx, o.viewers)
		defer stopCDN()
		if err != nil {
			return err
		}
		cdn = &res
	}
	out := o.out
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	return report(o, fx, ts, samples, open, shaped, cdn, out)
}

// startServers starts the edge (gated on gate's pass unless gate is nil),
// nginx and the floor, listening on host, and returns the runs to make. stop stops whichever of them
// started, so it is to be deferred even when err is set: a server may have
// started and then failed its checks.
func startServers(ctx context.Context, o options, bin, dir, host string, fx fixture, gate *chain) (ts []target, edge running, stop func(), err error) {
	var started []*server
	stop = func() {
		for _, s := range slices.Backward(started) {
			s.Stop()
		}
	}
	edge, err = startEdge(ctx, bin, dir, host, fx, gate, o.profile != "")
	if edge.srv != nil {
		started = append(started, edge.srv)
	}
	if err != nil {
		return nil, edge, stop, err
	}
	ngx, err := startNginx(ctx, dir, host, fx)
	if ngx.srv != nil {
		started = append(started, ngx.srv)
	}
	if err != nil {
		return nil, edge, stop, err
	}
	floor, err := startFloor(ctx, dir, host, edgePrefix(edge.playlist), fx, o.floorLowat)
	if floor.srv != nil {
		started = append(started, floor.srv)
	}
	if err != nil {
		return nil, edge, stop, err
	}
	return targets(edge, ngx, floor, fx), edge, stop, nil
}

// workDir makes the temp dir that holds the origin, keys, configs and logs.
func workDir(keep bool) (string, error) {
	dir, err := os.MkdirTemp("", "edgevsnginx-")
	if err != nil {
		return "", fmt.Errorf("making the work dir: %w", err)
	}
	// Absolute even under a relative TMPDIR: its paths go to nginx, the edge
	// and their configs.
	if abs, aerr := filepath.Abs(dir); aerr == nil {
		dir = abs
	}
	// Run as root, nginx's worker drops to nobody, which must be able to
	// walk into the origin folder; MkdirTemp makes the dir 0700.
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("opening up the work dir: %w", err)
	}
	if keep {
		fmt.Fprintln(os.Stderr, "work dir:", dir)
	}
	return dir, nil
}

func cleanWorkDir(dir string, keep bool) {
	if keep {
		return
	}
	if err := os.RemoveAll(dir); err != nil {
		fmt.Fprintln(os.Stderr, "edgevsnginx: removing the work dir:", err)
	}
}
