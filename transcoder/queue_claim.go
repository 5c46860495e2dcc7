package transcoder

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// delivery is one stream entry handed to a consumer.
type delivery struct {
	msgID, jobID string
	reclaimed    bool // taken over from an idle consumer, not new
}

// ownerCheck is the Lua prologue of the scripts below: they act only while
// the entry ARGV[2] of group ARGV[1] is pending with consumer ARGV[3], so a
// worker that lost its job cannot touch it.
const ownerCheck = `
local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[2], ARGV[2], 1)
if #p == 0 or p[1][2] ~= ARGV[3] then return 0 end
`

// holdScript sets the entry's idle time to ARGV[4] ms: 0 is a heartbeat;
// more makes XAUTOCLAIM hand it out sooner, which is how retries wait out
// their backoff and how a stopping worker hands its job over. It also adds
// ARGV[5] to the job's attempts and sets the field/value pairs that follow
// in the hash KEYS[2].
var holdScript = redis.NewScript(ownerCheck + `
for i = 6, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
if ARGV[5] ~= '0' then redis.call('HINCRBY', KEYS[2], 'attempts', ARGV[5]) end
redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[3], 0, ARGV[2], 'IDLE', ARGV[4], 'JUSTID')
return 1`)

// finishScript ends a job as ARGV[6] (published or failed) with error
// ARGV[7]: it updates the hash KEYS[2], dead-letters failures to KEYS[3],
// acknowledges the entry and lets the hash expire after ARGV[4] ms.
var finishScript = redis.NewScript(ownerCheck + `
redis.call('HSET', KEYS[2], 'state', ARGV[6], 'error', ARGV[7], 'updated_at', ARGV[5])
if ARGV[6] == 'published' then
  redis.call('HSET', KEYS[2], 'progress', 100)
  redis.call('HINCRBY', KEYS[2], 'publishes', 1)
else
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[9], '*', 'job', ARGV[8],
    'asset', redis.call('HGET', KEYS[2], 'asset') or '', 'error', ARGV[7],
    'attempts', redis.call('HGET', KEYS[2], 'attempts') or '0', 'failed_at', ARGV[5])
end
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1`)

// next returns the next entry for consumer: first one idle past the claim
// timeout (its worker died, or its retry backoff is over), else a new one,
// waiting up to queue.poll. It returns nil when there is none. cursor keeps
// the XAUTOCLAIM scan position between calls.
func (q *Queue) next(ctx context.Context, consumer string, cursor *string) (*delivery, error) {
	msgs, start, err := q.rdb.XAutoClaim(ctx, &redis.XAutoClaimArgs{
		Stream: q.stream, Group: group, Consumer: consumer,
		MinIdle: q.cfg.ClaimTimeout, Start: *cursor, Count: 1,
	}).Result()
	if err != nil {
		return nil, q.readError(ctx, "reclaiming jobs", err)
	}
	*cursor = start
	if len(msgs) > 0 {
		return &delivery{msgID: msgs[0].ID, jobID: jobIDOf(msgs[0]), reclaimed: true}, nil
	}
	streams, err := q.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{
		Group: group, Consumer: consumer, Streams: []string{q.stream, ">"}, Count: 1, Block: q.cfg.Poll,
	}).Result()
	if errors.Is(err, redis.Nil) || err == nil && (len(streams) == 0 || len(streams[0].Messages) == 0) {
		return nil, nil
	}
	if err != nil {
		return nil, q.readError(ctx, "reading jobs", err)
	}
	m := streams[0].Messages[0]
	return &delivery{msgID: m.ID, jobID: jobIDOf(m)}, nil
}

// readError recreates the group when Redis lost it (a restart without
// persistence) and wraps err.
func (q *Queue) readError(ctx context.Context, doing string, err error) error {
	if strings.HasPrefix(err.Error(), "NOGROUP") {
		if gerr := q.ensureGroup(ctx); gerr != nil {
			return gerr
		}
	}
	return unavailable(doing, err)
}

// hold sets the idle time of d's entry, and updates its job as holdScript
// says, if consumer still owns the entry; it reports whether it does.
func (q *Queue) hold(ctx context.Context, d *delivery, consumer string, idle time.Duration, attempts int, fields ...string) (bool, error) {
	args := []any{group, d.msgID, consumer, idle.Milliseconds(), attempts}
	for _, f := range fields {
		args = append(args, f)
	}
	n, err := holdScript.Run(ctx, q.rdb, []string{q.stream, q.jobKey(d.jobID)}, args...).Int()
	if err != nil {
		return false, unavailable("holding job", err)
	}
	return n == 1, nil
}

// finish ends d's job as state (StatePublished or StateFailed, the latter
// dead-lettered with reason). It does nothing, and says so, when consumer
// no longer owns the entry.
func (q *Queue) finish(ctx context.Context, d *delivery, consumer, state, reason string) (bool, error) {
	keys := []string{q.stream, q.jobKey(d.jobID), q.dead}
	n, err := finishScript.Run(ctx, q.rdb, keys, group, d.msgID, consumer,
		q.cfg.Retention.Milliseconds(), stamp(time.Now()), state, reason, d.jobID, q.cfg.MaxLen).Int()
	if err != nil {
		return false, unavailable("finishing job", err)
	}
	return n == 1, nil
}

// ack drops an entry whose job has nothing left to do (already finished,
// or its state expired or was lost in a Redis restart).
func (q *Queue) ack(ctx context.Context, d *delivery) error {
	if err := q.rdb.XAck(ctx, q.stream, group, d.msgID).Err(); err != nil {
		return unavailable("acknowledging job", err)
	}
	return nil
}

// beginOutcome says what begin made of an entry.
type beginOutcome int

const (
	beginRun    beginOutcome = iota // an attempt is counted and the job running
	beginSkip                       // nothing to do: acknowledged
	beginGaveUp                     // its last worker vanished: dead-lettered
)

// begin starts an attempt at d's job: it counts the attempt and marks the
// job running, unless the entry needs no work (already finished, or its
// state is gone) or the job has used up its attempts.
func (q *Queue) begin(ctx context.Context, d *delivery, consumer string) (Job, beginOutcome, error) {
	job, err := q.Get(ctx, d.jobID)
	if err != nil && !errors.Is(err, ErrUnknownJob) {
		return Job{}, beginSkip, err
	}
	if err != nil || job.State == StatePublished || job.State == StateFailed {
		return job, beginSkip, q.ack(ctx, d)
	}
	if job.Attempts >= q.cfg.MaxAttempts {
		job.Error = giveUpReason(job)
		_, err := q.finish(ctx, d, consumer, StateFailed, job.Error)
		return job, beginGaveUp, err
	}
	n, err := q.rdb.HIncrBy(ctx, q.jobKey(d.jobID), "attempts", 1).Result()
	if err != nil {
		return Job{}, beginSkip, unavailable("counting attempt", err)
	}
	job.Attempts = int(n)
	err = q.rdb.HSet(ctx, q.jobKey(d.jobID), "state", StateRunning, "progress", 0,
		"worker", consumer, "updated_at", stamp(time.Now())).Err()
	if err != nil {
		return Job{}, beginSkip, unavailable("starting job", err)
	}
	return job, beginRun, nil
}

func giveUpReason(job Job) string {
	last := job.Error
	if last == "" || job.State == StateRunning {
		last = "its worker stopped responding"
	}
	return fmt.Sprintf("gave up after %d attempts: %s", job.Attempts, last)
}

// retry records a failed attempt and leaves the entry pending, idle enough
// that XAUTOCLAIM hands it out again after backoff.
func (q *Queue) retry(ctx context.Context, d *delivery, consumer string, reason string, backoff time.Duration) error {
	idle := q.cfg.ClaimTimeout - min(backoff, q.cfg.ClaimTimeout)
	_, err := q.hold(ctx, d, consumer, idle, 0, "state", StateRetrying, "error", reason, "updated_at", stamp(time.Now()))
	return err
}

// release hands an interrupted job back at once, without counting the
// attempt: the worker is stopping, the job did nothing wrong.
func (q *Queue) release(ctx context.Context, d *delivery, consumer string) error {
	_, err := q.hold(ctx, d, consumer, q.cfg.ClaimTimeout, -1, "state", StateQueued, "progress", "0", "updated_at", stamp(time.Now()))
	return err
}
