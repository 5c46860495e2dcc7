package transcoder

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"go.yaml.in/yaml/v3"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/internal/testenv"
)

// slowFFmpeg writes a wrapper that records its pid in pidFile and, while
// the file slow exists next to it, runs ffmpeg reading its input at native
// speed (-re), so that a 4 s job takes 4 s. fast removes that file.
func slowFFmpeg(t *testing.T, pidFile string) (script string, fast func()) {
	t.Helper()
	dir := t.TempDir()
	script, flag := filepath.Join(dir, "slow-ffmpeg"), filepath.Join(dir, "slow")
	body := fmt.Sprintf("#!/bin/sh\necho $$ > %q\nif [ -e %q ]; then exec %q -re \"$@\"; fi\nexec %[3]q \"$@\"\n",
		pidFile, flag, testenv.Bin(t, "ffmpeg"))
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(flag, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return script, func() { os.Remove(flag) }
}

// startWorkerProcess runs the test binary as a transcoder process with cfg.
func startWorkerProcess(t *testing.T, cfg Config) *exec.Cmd {
	t.Helper()
	data, err := yaml.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "transcoder.yaml")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), workerEnv+"="+path)
	cmd.Stdout, cmd.Stderr = testWriter{t}, testWriter{t}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }) // it may have exited
	return cmd
}

// TestWorkerKilledMidJob SIGKILLs a worker process while its ffmpeg runs;
// a second worker takes the job over after the claim timeout and publishes
// it, exactly once, and the dead worker's ffmpeg does not outlive it.
func TestWorkerKilledMidJob(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	ctx := context.Background()
	err := r.a.Client.SetBucketVersioning(ctx, "media", minio.BucketVersioningConfiguration{Status: "Enabled"})
	if err != nil {
		t.Fatal(err)
	}
	pidFile := filepath.Join(t.TempDir(), "ffmpeg.pid")
	cfgA := r.config(t)
	cfgA.Admin.Listen, cfgA.Queue.Consumer = "", "worker-a"
	cfgA.Transcode.FFmpeg, _ = slowFFmpeg(t, pidFile)
	a := startWorkerProcess(t, cfgA)

	q := NewQueue(r.redis.Client, redisconf.DefaultPrefix, cfgA.Queue)
	job := enqueue(t, q, "killed", r.upload(t, "killed", srcAV))
	waitProgress(t, q, job.ID, "worker-a")
	if err := a.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = a.Wait() // the exit status is the signal's
	waitGone(t, pidFile)

	cfgB := r.config(t)
	cfgB.Admin.Listen, cfgB.Queue.Consumer = "", "worker-b"
	start(t, cfgB)
	job = waitJob(t, q, job.ID, StatePublished, 30*time.Second)
	if job.Attempts != 2 || job.Worker != "worker-b" {
		t.Errorf("job = %+v, want published by worker-b on attempt 2", job)
	}
	checkOnce(t, r, job.ID, "killed")
}

// waitProgress waits until consumer runs job id and reports progress.
func waitProgress(t *testing.T, q *Queue, id, consumer string) {
	t.Helper()
	testenv.WaitFor(t, 20*time.Second, func() error {
		job, err := q.Get(context.Background(), id)
		if err != nil {
			return err
		}
		if job.State == StateRunning && job.Worker == consumer && job.Progress > 0 {
			return nil
		}
		return fmt.Errorf("job %s never ran with progress on %s: %+v", id, consumer, job)
	})
}

// waitGone waits for the process in pidFile to exit (a zombie counts).
func waitGone(t *testing.T, pidFile string) {
	t.Helper()
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	testenv.WaitFor(t, 5*time.Second, func() error {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil || strings.Contains(string(stat), ") Z ") {
			return nil
		}
		return fmt.Errorf("ffmpeg %d outlived its killed worker", pid)
	})
}

// checkOnce wants one asset.json version in the versioned primary bucket,
// one publish recorded, nothing pending and nothing dead.
func checkOnce(t *testing.T, r *rig, id, assetID string) {
	t.Helper()
	ctx := context.Background()
	versions := 0
	for o := range r.a.Client.ListObjects(ctx, "media", minio.ListObjectsOptions{Prefix: assetID + "/" + asset.ManifestName, WithVersions: true}) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
		versions++
	}
	publishes, _ := r.redis.Client.HGet(ctx, redisconf.DefaultPrefix+"job:"+id, "publishes").Int()
	pending, err := r.redis.Client.XPending(ctx, redisconf.DefaultPrefix+"jobs", group).Result()
	dead, _ := r.redis.Client.XLen(ctx, redisconf.DefaultPrefix+"jobs:dead").Result()
	if versions != 1 || publishes != 1 || err != nil || pending.Count != 0 || dead != 0 {
		t.Errorf("asset.json versions %d, publishes %d, pending %+v (%v), dead %d; want 1, 1, 0, 0", versions, publishes, pending, err, dead)
	}
}

// TestStopHandsJobBack stops a worker mid-job: the job goes back to queued
// without the attempt counting, its files are removed, and the next worker
// takes it at once rather than after the claim timeout.
func TestStopHandsJobBack(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	cfg := r.config(t)
	cfg.Queue.ClaimTimeout = time.Minute
	cfg.Transcode.FFmpeg, _ = slowFFmpeg(t, filepath.Join(t.TempDir(), "pid"))
	_, stop := startService(t, cfg)
	q := NewQueue(r.redis.Client, redisconf.DefaultPrefix, cfg.Queue)
	job := enqueue(t, q, "handback", r.upload(t, "handback", srcAV))
	waitProgress(t, q, job.ID, "in-process")
	stop()
	job, err := q.Get(context.Background(), job.ID)
	if err != nil || job.State != StateQueued || job.Attempts != 0 {
		t.Fatalf("after stop: %+v %v, want queued with 0 attempts", job, err)
	}
	checkWorkDirEmpty(t, cfg)
	cfg2 := r.config(t)
	cfg2.Queue.ClaimTimeout = time.Minute
	start(t, cfg2)
	job = waitJob(t, q, job.ID, StatePublished, 10*time.Second)
	if job.Attempts != 1 {
		t.Errorf("attempts %d, want 1", job.Attempts)
	}
}

// checkWorkDirEmpty wants every job folder removed.
func checkWorkDirEmpty(t *testing.T, cfg Config) {
	t.Helper()
	var left []string
	_ = filepath.WalkDir(cfg.Transcode.WorkDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("files left in work_dir: %v", left)
	}
}
