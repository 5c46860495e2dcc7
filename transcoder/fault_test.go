package transcoder

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/internal/testenv"
)

// badSourceCases are sources no retry can fix: each is dead-lettered on
// its first attempt with a reason that says why.
var badSourceCases = []struct {
	name, file, want string
}{
	// Random bytes: ffprobe usually cannot read them at all, and now and then
	// sniffs a garbage stream; either way the source is unusable.
	{"corrupt", srcCorrupt, "unusable source"},
	{"zero-length", srcEmpty, "is empty (0 bytes)"},
	{"no video", srcAudio, "it has no video stream"},
	{"missing", "", "does not exist"},
}

// TestBadSources checks the dead letters, and that the worker goes on to
// publish a good job afterwards.
func TestBadSources(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	cfg := r.config(t)
	svc := start(t, cfg)
	q := svc.Queue()
	ids := map[string]string{}
	for _, tc := range badSourceCases {
		asset := strings.ReplaceAll(tc.name, " ", "-")
		src := SourceURL("sources", "nowhere/"+asset+".mp4")
		if tc.file != "" {
			src = r.upload(t, asset, tc.file)
		}
		ids[enqueue(t, q, asset, src).ID] = tc.name
	}
	good := enqueue(t, q, "good", r.upload(t, "good", srcAV))
	waitJob(t, q, good.ID, StatePublished, 30*time.Second)
	checkWorkDirEmpty(t, cfg)
	dead := deadLetters(t, r.redis.Client)
	for _, tc := range badSourceCases {
		var id string
		for k, v := range ids {
			if v == tc.name {
				id = k
			}
		}
		job, err := q.Get(context.Background(), id)
		if err != nil || job.State != StateFailed || job.Attempts != 1 || !strings.Contains(job.Error, tc.want) {
			t.Errorf("%s: job %+v %v, want failed on attempt 1 with %q", tc.name, job, err, tc.want)
		}
		if d := dead[id]; d["error"] != job.Error || d["asset"] != job.Asset || d["attempts"] != "1" {
			t.Errorf("%s: dead letter %v, want the job's error %q", tc.name, d, job.Error)
		}
	}
}

// deadLetters reads sg:jobs:dead, keyed by job id.
func deadLetters(t *testing.T, rdb *redis.Client) map[string]map[string]string {
	t.Helper()
	msgs, err := rdb.XRange(context.Background(), redisconf.DefaultPrefix+"jobs:dead", "-", "+").Result()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, m := range msgs {
		fields := map[string]string{}
		for k, v := range m.Values {
			fields[k], _ = v.(string)
		}
		out[fields["job"]] = fields
	}
	return out
}

// TestTransientFaults: an ffmpeg that crashes and a region that is down
// are retried, then dead-lettered with the reason; the down region never
// gets an asset.json, and the region that worked holds a whole asset.
func TestTransientFaults(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	crash := filepath.Join(t.TempDir(), "crashing-ffmpeg")
	if err := os.WriteFile(crash, []byte("#!/bin/sh\nkill -SEGV $$\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := r.config(t)
	cfg.Transcode.FFmpeg = crash
	q := NewQueue(r.redis.Client, redisconf.DefaultPrefix, cfg.Queue)
	_, stop := startService(t, cfg)
	job := enqueue(t, q, "crash", r.upload(t, "crash", srcAV))
	job = waitJob(t, q, job.ID, StateFailed, 20*time.Second)
	if job.Attempts != 2 || job.Error != "ffmpeg: signal: segmentation fault" {
		t.Errorf("crashing ffmpeg: %+v", job)
	}
	stop()

	r.b.Stop()
	start(t, r.config(t))
	job = enqueue(t, q, "half", r.upload(t, "half", srcAV))
	job = waitJob(t, q, job.ID, StateFailed, 30*time.Second)
	if job.Attempts != 2 || !strings.HasPrefix(job.Error, "publishing to region b: ") || !strings.Contains(job.Error, "connection refused") {
		t.Errorf("region down: %+v", job)
	}
	readAsset(t, r.a, "half") // whole in a
	if d := deadLetters(t, r.redis.Client)[job.ID]; d["error"] != job.Error {
		t.Errorf("dead letter %v", d)
	}
}

// TestRedisRestart stops Redis (which saves its append-only file) while a
// job runs and starts it again: the job is published. Then Redis restarts
// empty: the worker recreates the group and takes new jobs.
func TestRedisRestart(t *testing.T) {
	t.Parallel()
	r := &rig{a: testenv.MinIO(t), b: testenv.MinIO(t)}
	r.a.Bucket(t, "media")
	r.a.Bucket(t, "sources")
	r.b.Bucket(t, "media")
	port, dir := testenv.FreePort(t), t.TempDir()
	rs := startRedis(t, port, dir)
	r.redis = &testenv.RedisServer{Addr: "127.0.0.1:" + port, Client: redis.NewClient(&redis.Options{Addr: "127.0.0.1:" + port})}
	t.Cleanup(func() { r.redis.Client.Close() })
	cfg := r.config(t)
	cfg.Queue.ClaimTimeout = 5 * time.Second
	var fast func()
	cfg.Transcode.FFmpeg, fast = slowFFmpeg(t, filepath.Join(t.TempDir(), "pid"))
	q := start(t, cfg).Queue()
	job := enqueue(t, q, "restart", r.upload(t, "restart", srcAV))
	waitProgress(t, q, job.ID, "in-process")
	if err := rs.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	_ = rs.Wait()                      // the exit status is the signal's
	time.Sleep(500 * time.Millisecond) // the outage under test: the worker's calls fail meanwhile
	rs = startRedis(t, port, dir)
	waitJob(t, q, job.ID, StatePublished, 30*time.Second)

	fast()
	if err := rs.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = rs.Wait()
	if err := os.RemoveAll(filepath.Join(dir, "appendonlydir")); err != nil {
		t.Fatal(err)
	}
	startRedis(t, port, dir)
	// The worker sees NOGROUP and makes the group again before the next job.
	testenv.WaitFor(t, 10*time.Second, func() error {
		_, err := r.redis.Client.XInfoGroups(context.Background(), q.stream).Result()
		return err
	})
	next := enqueue(t, q, "after", r.upload(t, "after", srcAV))
	waitJob(t, q, next.ID, StatePublished, 30*time.Second)
}

// startRedis runs redis-server with an append-only file in dir on port.
func startRedis(t *testing.T, port, dir string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(testenv.Bin(t, "redis-server"), "--port", port, "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "yes", "--dir", dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }) // it may have exited
	testenv.WaitFor(t, 10*time.Second, func() error {
		c, err := net.Dial("tcp", "127.0.0.1:"+port)
		if err != nil {
			return fmt.Errorf("redis-server did not start: %w", err)
		}
		return c.Close()
	})
	return cmd
}

// TestGiveUpOnLostWorkers: a job whose worker vanished on its last allowed
// attempt is dead-lettered when reclaimed, not run again.
func TestGiveUpOnLostWorkers(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	cfg := r.config(t)
	ctx := context.Background()
	q := NewQueue(r.redis.Client, redisconf.DefaultPrefix, cfg.Queue)
	if err := q.ensureGroup(ctx); err != nil {
		t.Fatal(err)
	}
	job := enqueue(t, q, "ghost", r.upload(t, "ghost", srcAV))
	// A worker "ghost" takes it and dies on attempt max_attempts.
	if err := r.redis.Client.XReadGroup(ctx, &redis.XReadGroupArgs{Group: group, Consumer: "ghost", Streams: []string{redisconf.DefaultPrefix + "jobs", ">"}, Count: 1}).Err(); err != nil {
		t.Fatal(err)
	}
	r.redis.Client.HSet(ctx, redisconf.DefaultPrefix+"job:"+job.ID, "state", StateRunning, "attempts", cfg.Queue.MaxAttempts)
	start(t, cfg)
	job = waitJob(t, q, job.ID, StateFailed, 10*time.Second)
	if want := "gave up after 2 attempts: its worker stopped responding"; job.Error != want || job.Attempts != 2 {
		t.Errorf("job %+v, want error %q", job, want)
	}
	if d := deadLetters(t, r.redis.Client)[job.ID]; d["error"] != job.Error {
		t.Errorf("dead letter %v", d)
	}
}
