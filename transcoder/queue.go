package transcoder

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// group is the consumer group every worker joins (docs/protocol.md).
const group = "transcoders"

// Queue is the job queue: the stream {prefix}jobs read by the consumer group
// "transcoders", dead letters in {prefix}jobs:dead, and each job's state in
// the hash {prefix}job:{id}. A stream entry carries only the job id.
type Queue struct {
	rdb       redis.UniversalClient
	cfg       QueueConfig
	stream    string
	dead      string
	jobPrefix string
}

// NewQueue uses rdb with the key prefix (docs/protocol.md §8: "{sg}:"; in
// Redis Cluster its hash tag keeps a job's keys in one slot for the scripts).
func NewQueue(rdb redis.UniversalClient, prefix string, cfg QueueConfig) *Queue {
	return &Queue{rdb: rdb, cfg: cfg, stream: prefix + "jobs", dead: prefix + "jobs:dead", jobPrefix: prefix + "job:"}
}

func (q *Queue) jobKey(id string) string { return q.jobPrefix + id }

// ensureGroup creates the stream and the group if they are missing (first
// start, or a Redis that restarted empty). Entries already in the stream
// are delivered too.
func (q *Queue) ensureGroup(ctx context.Context) error {
	err := q.rdb.XGroupCreateMkStream(ctx, q.stream, group, "0").Err()
	if err != nil && !strings.HasPrefix(err.Error(), "BUSYGROUP") {
		return unavailable("creating consumer group", err)
	}
	return nil
}

// Enqueue records a queued job for spec and appends it to the stream.
func (q *Queue) Enqueue(ctx context.Context, spec Spec) (Job, error) {
	now := time.Now().UTC()
	job := Job{ID: newJobID(), Spec: spec, State: StateQueued, CreatedAt: now, UpdatedAt: now}
	_, err := q.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, q.jobKey(job.ID), jobFields(job))
		p.XAdd(ctx, &redis.XAddArgs{Stream: q.stream, MaxLen: q.cfg.MaxLen, Approx: true, Values: []string{"job", job.ID}})
		return nil
	})
	if err != nil {
		return Job{}, unavailable("enqueueing", err)
	}
	return job, nil
}

// Get returns job id's state; ErrUnknownJob when there is none.
func (q *Queue) Get(ctx context.Context, id string) (Job, error) {
	if !jobIDRE.MatchString(id) {
		return Job{}, fmt.Errorf("%w: %q", ErrUnknownJob, id)
	}
	h, err := q.rdb.HGetAll(ctx, q.jobKey(id)).Result()
	if err != nil {
		return Job{}, unavailable("reading job", err)
	}
	if len(h) == 0 {
		return Job{}, fmt.Errorf("%w: %s", ErrUnknownJob, id)
	}
	return jobFromHash(id, h), nil
}

// List returns up to limit jobs, newest first. Jobs whose state expired
// (queue.retention) are left out.
func (q *Queue) List(ctx context.Context, limit int) ([]Job, error) {
	msgs, err := q.rdb.XRevRangeN(ctx, q.stream, "+", "-", int64(limit)).Result()
	if err != nil {
		return nil, unavailable("listing jobs", err)
	}
	cmds, err := q.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, m := range msgs {
			p.HGetAll(ctx, q.jobKey(jobIDOf(m)))
		}
		return nil
	})
	if err != nil {
		return nil, unavailable("listing jobs", err)
	}
	jobs := make([]Job, 0, len(msgs))
	for i, c := range cmds {
		if h := c.(*redis.MapStringStringCmd).Val(); len(h) > 0 {
			jobs = append(jobs, jobFromHash(jobIDOf(msgs[i]), h))
		}
	}
	return jobs, nil
}

// setProgress records the running attempt's percent.
func (q *Queue) setProgress(ctx context.Context, id string, pct int) error {
	return q.rdb.HSet(ctx, q.jobKey(id), "progress", pct, "updated_at", stamp(time.Now())).Err()
}

func jobIDOf(m redis.XMessage) string {
	id, _ := m.Values["job"].(string)
	return id
}

func jobFields(j Job) []string {
	return []string{
		"asset", j.Asset, "title", j.Title, "source", j.Source, "ladder", j.Ladder, "delivery", j.Delivery,
		"policy", string(j.Policy), "teaser", strconv.FormatBool(j.Teaser), "get_url", j.GetURL, "state", j.State, "progress", strconv.Itoa(j.Progress),
		"error", j.Error, "attempts", strconv.Itoa(j.Attempts),
		"created_at", stamp(j.CreatedAt), "updated_at", stamp(j.UpdatedAt),
	}
}

func jobFromHash(id string, h map[string]string) Job {
	j := Job{ID: id, Spec: Spec{Asset: h["asset"], Title: h["title"], Source: h["source"], Ladder: h["ladder"],
		Delivery: h["delivery"]}} // absent in jobs queued before CDN delivery: edge
	if h["policy"] != "" {
		j.Policy = []byte(h["policy"])
	}
	j.Teaser, j.GetURL = h["teaser"] == "true", h["get_url"]
	j.State, j.Error, j.Worker = h["state"], h["error"], h["worker"]
	j.Progress, _ = strconv.Atoi(h["progress"])
	j.Attempts, _ = strconv.Atoi(h["attempts"])
	j.CreatedAt, _ = time.Parse(time.RFC3339Nano, h["created_at"])
	j.UpdatedAt, _ = time.Parse(time.RFC3339Nano, h["updated_at"])
	return j
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// unavailable wraps a Redis error; redis.Nil is not one.
func unavailable(doing string, err error) error {
	if errors.Is(err, redis.Nil) {
		return err
	}
	return fmt.Errorf("%s: %w: %w", doing, ErrUnavailable, err)
}
