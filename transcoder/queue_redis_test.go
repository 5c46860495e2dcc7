package transcoder

import (
	"context"
	"testing"
	"time"

	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/internal/testenv"
)

// TestQueueThroughEveryRedis: the job queue's transaction and scripts (job
// hash, stream and dead letters together) work through a password-protected
// Redis, a TLS-only one and a Redis Cluster under the default prefix: a job
// is submitted, claimed, held and acknowledged as published; another is
// dead-lettered with its reason; a job whose worker died is reclaimed.
func TestQueueThroughEveryRedis(t *testing.T) {
	ctx := context.Background()
	cfg := DefaultConfig().Queue
	cfg.Poll, cfg.ClaimTimeout = 100*time.Millisecond, 300*time.Millisecond
	for _, v := range testenv.RedisVariants(t) {
		t.Run(v.Name, func(t *testing.T) {
			rdb, err := redisconf.Dial(ctx, v.Conf, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { rdb.Close() })
			q := NewQueue(rdb, v.Conf.Prefix, cfg)
			if err := q.ensureGroup(ctx); err != nil {
				t.Fatal(err)
			}
			cursor := "0-0"
			for _, end := range []string{StatePublished, StateFailed} {
				job, err := q.Enqueue(ctx, Spec{Asset: "a-" + end, Source: "s3://sources/x.mp4"})
				if err != nil {
					t.Fatal(err)
				}
				d := claim(t, q, "w1", &cursor)
				if d.jobID != job.ID || d.reclaimed {
					t.Fatalf("claimed %+v, want new job %s", d, job.ID)
				}
				if _, out, err := q.begin(ctx, d, "w1"); out != beginRun || err != nil {
					t.Fatalf("begin = %v, %v", out, err)
				}
				if ok, err := q.hold(ctx, d, "w1", 0, 0, "progress", "50"); !ok || err != nil {
					t.Fatalf("heartbeat = %v, %v", ok, err)
				}
				if ok, err := q.hold(ctx, d, "w2", 0, 0); ok || err != nil {
					t.Fatalf("another worker held the job: %v, %v", ok, err)
				}
				if ok, err := q.finish(ctx, d, "w1", end, "bad source"); !ok || err != nil {
					t.Fatalf("finish = %v, %v", ok, err)
				}
				if got, err := q.Get(ctx, job.ID); err != nil || got.State != end || got.Attempts != 1 {
					t.Fatalf("job = %+v, %v; want %s after 1 attempt", got, err, end)
				}
			}
			if n, err := rdb.XPending(ctx, v.Conf.Prefix+"jobs", group).Result(); err != nil || n.Count != 0 {
				t.Fatalf("pending = %+v, %v; want none", n, err)
			}
			dead, err := rdb.XRange(ctx, v.Conf.Prefix+"jobs:dead", "-", "+").Result()
			if err != nil || len(dead) != 1 || dead[0].Values["asset"] != "a-"+StateFailed || dead[0].Values["error"] != "bad source" {
				t.Fatalf("dead letters = %+v, %v", dead, err)
			}
			job, err := q.Enqueue(ctx, Spec{Asset: "orphan", Source: "s3://sources/x.mp4"})
			if err != nil {
				t.Fatal(err)
			}
			claim(t, q, "w1", &cursor) // w1 dies holding it; w2 polls until it is idle long enough
			if d := claim(t, q, "w2", &cursor); d.jobID != job.ID || !d.reclaimed {
				t.Fatalf("w2 claimed %+v, want %s taken over", d, job.ID)
			}
		})
	}
}

// claim waits up to 5 s for the next delivery for consumer.
func claim(t *testing.T, q *Queue, consumer string, cursor *string) *delivery {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		d, err := q.next(context.Background(), consumer, cursor)
		if err != nil {
			t.Fatal(err)
		}
		if d != nil {
			return d
		}
	}
	t.Fatalf("%s got no job", consumer)
	return nil
}
