package origin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// Region is one named store in a fall-through list.
type Region struct {
	Name  string
	Store Store
}

// RegionsConfig tunes fall-through and retries.
type RegionsConfig struct {
	// Timeout bounds each attempt until the object starts to arrive (Get) or
	// answers (Stat). Reading the body is bounded by the caller's ctx.
	Timeout time.Duration
	// Retries is how many times a transient failure is retried in one region
	// before falling through to the next; not-found is never retried.
	Retries int
	// Backoff is the wait before the first retry; it doubles each time.
	Backoff time.Duration
}

// Regions reads from the first region that has the object: the edge's own
// first, then the others, so an asset not yet replicated still plays.
type Regions struct {
	cfg     RegionsConfig
	regions []Region
	// Observe, when set, is told about every attempt (for metrics).
	Observe func(region string, d time.Duration, err error)
}

var _ Store = (*Regions)(nil)

// NewRegions checks the list and the config.
func NewRegions(cfg RegionsConfig, regions ...Region) (*Regions, error) {
	switch {
	case len(regions) == 0:
		return nil, errors.New("origin: no regions")
	case cfg.Timeout <= 0:
		return nil, fmt.Errorf("origin: timeout: want > 0, got %s", cfg.Timeout)
	case cfg.Retries < 0 || cfg.Backoff < 0:
		return nil, errors.New("origin: retries and backoff: want >= 0")
	}
	return &Regions{cfg: cfg, regions: regions}, nil
}

// Get returns the object from the first region that has it. It reports
// ErrNotFound only when every region said so, and ErrUnavailable when none
// had it and at least one failed.
func (rs *Regions) Get(ctx context.Context, key string, r Range) (io.ReadCloser, Info, error) {
	if err := r.check(key); err != nil {
		return nil, Info{}, err // a caller's mistake: no region is asked, none retried
	}
	return rs.each(ctx, func(ctx context.Context, s Store) (io.ReadCloser, Info, error) {
		return s.Get(ctx, key, r)
	})
}

// Stat describes the object in the first region that has it.
func (rs *Regions) Stat(ctx context.Context, key string) (Info, error) {
	_, info, err := rs.each(ctx, func(ctx context.Context, s Store) (io.ReadCloser, Info, error) {
		info, err := s.Stat(ctx, key)
		return nil, info, err
	})
	return info, err
}

type attemptFunc func(ctx context.Context, s Store) (io.ReadCloser, Info, error)

func (rs *Regions) each(ctx context.Context, try attemptFunc) (io.ReadCloser, Info, error) {
	var last error
	for _, region := range rs.regions {
		body, info, err := rs.inRegion(ctx, region, try)
		if err == nil {
			return body, info, nil
		}
		if ctx.Err() != nil {
			return nil, Info{}, fmt.Errorf("%w: %w", ErrUnavailable, ctx.Err())
		}
		if last == nil || !errors.Is(err, ErrNotFound) {
			last = err
		}
	}
	return nil, Info{}, last
}

// inRegion tries one region, retrying transient failures with backoff.
func (rs *Regions) inRegion(ctx context.Context, region Region, try attemptFunc) (io.ReadCloser, Info, error) {
	wait := rs.cfg.Backoff
	for attempt := 0; ; attempt++ {
		body, info, err := rs.attempt(ctx, region, try)
		if err == nil || errors.Is(err, ErrNotFound) || attempt >= rs.cfg.Retries {
			return body, info, err
		}
		select {
		case <-ctx.Done():
			return nil, Info{}, err
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// attempt runs one try under the attempt timeout. The timeout is disarmed
// once the object opens, so a long body read is not cut short; the attempt's
// context then lives until the body is closed.
func (rs *Regions) attempt(ctx context.Context, region Region, try attemptFunc) (io.ReadCloser, Info, error) {
	start := time.Now()
	actx, cancel := context.WithCancel(ctx)
	timer := time.AfterFunc(rs.cfg.Timeout, cancel)
	body, info, err := try(actx, region.Store)
	if !timer.Stop() { // fired: whatever try returned, the attempt timed out
		if body != nil {
			body.Close()
		}
		err = fmt.Errorf("%w: no answer within %s: %w", ErrUnavailable, rs.cfg.Timeout, context.DeadlineExceeded)
	}
	if err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrUnavailable) {
		err = fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	if rs.Observe != nil {
		rs.Observe(region.Name, time.Since(start), err)
	}
	if err != nil {
		cancel()
		return nil, Info{}, fmt.Errorf("region %s: %w", region.Name, err)
	}
	if body == nil {
		cancel()
		return nil, info, nil
	}
	return CancelOnClose(body, cancel), info, nil
}

// CancelOnClose returns body whose Close also calls cancel, so a context
// made for one read lives exactly as long as its body.
func CancelOnClose(body io.ReadCloser, cancel context.CancelFunc) io.ReadCloser {
	return cancelOnClose{body, cancel}
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}
