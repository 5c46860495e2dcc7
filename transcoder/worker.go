package transcoder

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// worker is one consumer: it runs one job at a time.
type worker struct {
	consumer string
	cfg      Config
	queue    *Queue
	pub      *publisher
	sources  *sources
	log      *slog.Logger
}

// run takes jobs until ctx is canceled. Redis errors are logged once per
// outage and retried with backoff: the worker never gives up.
func (w *worker) run(ctx context.Context) {
	cursor := "0-0"
	wait, failing := 250*time.Millisecond, false
	for ctx.Err() == nil {
		d, err := w.queue.next(ctx, w.consumer, &cursor)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			if !failing {
				w.log.Warn("queue unavailable, retrying", "consumer", w.consumer, "err", err)
			}
			failing = true
			sleep(ctx, wait)
			wait = min(2*wait, 5*time.Second)
			continue
		}
		if failing {
			w.log.Info("queue back", "consumer", w.consumer)
		}
		wait, failing = 250*time.Millisecond, false
		if d != nil {
			w.handle(ctx, d)
		}
	}
}

// handle runs one attempt of d's job and settles the outcome.
func (w *worker) handle(ctx context.Context, d *delivery) {
	qctx, cancel := w.queueContext(ctx)
	job, outcome, err := w.queue.begin(qctx, d, w.consumer)
	cancel()
	switch {
	case err != nil:
		w.log.Warn("starting job", "job", d.jobID, "err", err) // still pending: it comes back
		return
	case outcome == beginGaveUp:
		w.log.Warn("job failed", "job", job.ID, "asset", job.Asset, "err", job.Error)
		return
	case outcome == beginSkip:
		return
	}
	w.log.Info("job started", "job", job.ID, "asset", job.Asset, "attempt", job.Attempts, "reclaimed", d.reclaimed, "consumer", w.consumer)
	tm := newTimings()
	err = w.runAttempt(ctx, d, job, tm)
	w.settle(ctx, d, job, err, tm)
}

// runAttempt runs the attempt under the job timeout with a heartbeat, and
// names why it was cut short: taken over, or timed out.
func (w *worker) runAttempt(ctx context.Context, d *delivery, job Job, tm *timings) error {
	jctx, cancelJob := context.WithCancelCause(ctx)
	defer cancelJob(nil)
	tctx, cancelTimeout := context.WithTimeout(jctx, w.cfg.Transcode.Timeout)
	defer cancelTimeout()
	stop := w.heartbeat(tctx, d, cancelJob)
	err := w.attempt(tctx, job, d, tm)
	stop()
	switch {
	case errors.Is(context.Cause(jctx), errLost):
		return errLost
	case err != nil && ctx.Err() == nil && errors.Is(tctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("attempt timed out after %s: %w", w.cfg.Transcode.Timeout, err)
	}
	return err
}

// settle records the attempt's outcome: published, dead-lettered, retried,
// handed back (stopping), or left to the worker that took it over.
func (w *worker) settle(ctx context.Context, d *delivery, job Job, err error, tm *timings) {
	qctx, cancel := w.queueContext(ctx)
	defer cancel()
	log := w.log.With("job", job.ID, "asset", job.Asset, "attempt", job.Attempts)
	var serr error
	switch {
	case err == nil:
		_, serr = w.queue.finish(qctx, d, w.consumer, StatePublished, "")
		log.Info("job published", tm.attrs...)
	case errors.Is(err, errLost):
		log.Warn("job taken over by another worker")
	case ctx.Err() != nil:
		serr = w.queue.release(qctx, d, w.consumer)
		log.Info("job handed back: stopping")
	case errors.Is(err, ErrBadSource) || errors.Is(err, ErrBadSpec) || job.Attempts >= w.cfg.Queue.MaxAttempts:
		_, serr = w.queue.finish(qctx, d, w.consumer, StateFailed, err.Error())
		log.Warn("job failed", "err", err)
	default:
		backoff := w.cfg.Queue.Backoff << min(job.Attempts-1, 20)
		serr = w.queue.retry(qctx, d, w.consumer, err.Error(), backoff)
		log.Warn("job attempt failed, will retry", "err", err, "backoff", min(backoff, w.cfg.Queue.ClaimTimeout))
	}
	if serr != nil {
		log.Warn("recording job outcome", "err", serr) // the entry stays pending and comes back
	}
}

// heartbeat keeps d's entry from idling into another worker's hands while
// the attempt runs, and cancels the attempt with errLost if it was taken
// over anyway (this worker stalled past the claim timeout). Redis errors
// are tolerated: the attempt goes on and the outcome is recorded later.
func (w *worker) heartbeat(ctx context.Context, d *delivery, cancel context.CancelCauseFunc) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(w.cfg.Queue.ClaimTimeout / 4)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-t.C:
				if owned, err := w.queue.hold(ctx, d, w.consumer, 0, 0); err == nil && !owned {
					cancel(errLost)
					return
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

// fence reports errLost unless this worker still owns d's entry.
func (w *worker) fence(d *delivery) func(context.Context) error {
	return func(ctx context.Context) error {
		owned, err := w.queue.hold(ctx, d, w.consumer, 0, 0)
		if err != nil {
			return err
		}
		if !owned {
			return errLost
		}
		return nil
	}
}

// queueContext bounds a queue update; it outlives ctx's cancellation so
// that a stopping worker still records what happened.
func (w *worker) queueContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
