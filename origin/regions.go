package origin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
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
	// Eject is the outlier ejection of regions that keep failing.
	Eject EjectConfig
}

// EjectConfig tunes outlier ejection (Envoy's consecutive-5xx detection,
// per region): After consecutive failed attempts (errors and timeouts;
// not-found is an answer) mark a region down for Backoff, which doubles at
// each failed probe up to MaxBackoff. While down, reads skip the region;
// once the window has passed, one read (the probe) tries it again, and its
// answer readmits the region or ejects it anew.
type EjectConfig struct {
	// After is the count of consecutive failed attempts that ejects a
	// region; 0 never ejects.
	After int `yaml:"after"`
	// Backoff is the first ejection's length.
	Backoff time.Duration `yaml:"backoff"`
	// MaxBackoff caps the doubled length of repeated ejections.
	MaxBackoff time.Duration `yaml:"max_backoff"`
}

// DefaultEject ejects after 3 failed attempts, one read's worth with the
// default retries, so only the first read after an outage waits on it; the
// first ejection lasts 2 s and repeated ones up to 30 s, so a healed region
// (or the only one) is back within half a minute.
var DefaultEject = EjectConfig{After: 3, Backoff: 2 * time.Second, MaxBackoff: 30 * time.Second}

func (c EjectConfig) validate() error {
	switch {
	case c.After < 0:
		return fmt.Errorf("origin.eject.after: want >= 0 (0 = never), got %d", c.After)
	case c.After > 0 && c.Backoff <= 0:
		return fmt.Errorf("origin.eject.backoff: want > 0, got %s", c.Backoff)
	case c.After > 0 && c.MaxBackoff < c.Backoff:
		return fmt.Errorf("origin.eject.max_backoff: want >= origin.eject.backoff (%s), got %s", c.Backoff, c.MaxBackoff)
	}
	return nil
}

// Regions reads from the first region that has the object: the edge's own
// first, then the others, so an asset not yet replicated still plays.
type Regions struct {
	cfg     RegionsConfig
	regions []Region
	health  []regionHealth // by index in regions
	// Observe, when set, is told about every attempt (for metrics).
	Observe func(region string, d time.Duration, err error)
}

// regionHealth is one region's ejection state.
type regionHealth struct {
	mu        sync.Mutex
	failures  int           // consecutive failed attempts
	downUntil time.Time     // zero while up
	backoff   time.Duration // length of the current (or next) ejection
	probing   bool          // a probe is in flight
	ejections uint64
}

// RegionStatus is a snapshot of one region's health.
type RegionStatus struct {
	Name string `json:"name"`
	// Up is false while the region is ejected (a probe may be testing it).
	Up bool `json:"up"`
	// Failures counts consecutive failed attempts.
	Failures int `json:"consecutive_failures"`
	// DownUntil is when the next probe may go (zero while up; past while
	// the probe is due or in flight).
	DownUntil time.Time `json:"down_until,omitzero"`
	// Ejections counts the times the region was marked down.
	Ejections uint64 `json:"ejections"`
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
	if err := cfg.Eject.validate(); err != nil {
		return nil, err
	}
	return &Regions{cfg: cfg, regions: regions, health: make([]regionHealth, len(regions))}, nil
}

// Status reports each region's health, in order.
func (rs *Regions) Status() []RegionStatus {
	out := make([]RegionStatus, len(rs.regions))
	for i := range rs.regions {
		h := &rs.health[i]
		h.mu.Lock()
		out[i] = RegionStatus{Name: rs.regions[i].Name, Up: h.downUntil.IsZero(), Failures: h.failures, DownUntil: h.downUntil, Ejections: h.ejections}
		h.mu.Unlock()
	}
	return out
}

// ErrEjected is wrapped (with ErrUnavailable) for a region skipped because
// it is marked down.
var ErrEjected = errors.New("origin: region ejected")

// admit says whether a read may try region i now, and whether it is the
// probe of an ejected region (which the caller must settle with record).
func (rs *Regions) admit(i int, now time.Time) (ok, probe bool) {
	h := &rs.health[i]
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case h.downUntil.IsZero():
		return true, false
	case h.probing || now.Before(h.downUntil):
		return false, false
	}
	h.probing = true
	return true, true
}

// record settles one attempt on region i: a failure may eject it, any
// answer readmits it. It reports whether the region is (now) down.
func (rs *Regions) record(i int, failed, probe bool) bool {
	if rs.cfg.Eject.After == 0 {
		return false
	}
	h := &rs.health[i]
	h.mu.Lock()
	defer h.mu.Unlock()
	if probe {
		h.probing = false
	}
	if !failed {
		h.failures, h.downUntil, h.backoff = 0, time.Time{}, 0
		return false
	}
	h.failures++
	switch {
	case probe: // still down: eject again, for longer
		h.backoff = min(2*h.backoff, rs.cfg.Eject.MaxBackoff)
	case !h.downUntil.IsZero() || h.failures < rs.cfg.Eject.After:
		return !h.downUntil.IsZero() // already down (a read admitted before), or not yet
	default:
		h.backoff = rs.cfg.Eject.Backoff
	}
	h.downUntil = time.Now().Add(h.backoff)
	h.ejections++
	return true
}

// Get returns the object from the first region that has it, skipping
// ejected regions. It reports ErrNotFound only when every region asked said
// so, and ErrUnavailable when none had it and at least one failed or was
// skipped.
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

// Reachable reports whether some region answers for key, "not found"
// included (nil), skipping ejected ones: a readiness probe, for which a
// live fallback counts even while the primary fails. Otherwise it returns
// the last region's error, wrapping ErrUnavailable.
func (rs *Regions) Reachable(ctx context.Context, key string) error {
	_, _, err := rs.each(ctx, func(ctx context.Context, s Store) (io.ReadCloser, Info, error) {
		_, err := s.Stat(ctx, key)
		if errors.Is(err, ErrNotFound) {
			err = nil // an answer
		}
		return nil, Info{}, err
	})
	return err
}

type attemptFunc func(ctx context.Context, s Store) (io.ReadCloser, Info, error)

func (rs *Regions) each(ctx context.Context, try attemptFunc) (io.ReadCloser, Info, error) {
	var last error
	for i, region := range rs.regions {
		ok, probe := rs.admit(i, time.Now())
		if !ok {
			last = fmt.Errorf("region %s: %w: %w", region.Name, ErrUnavailable, ErrEjected)
			continue
		}
		body, info, err := rs.inRegion(ctx, i, probe, try)
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

// inRegion tries region i, retrying transient failures with backoff until
// it is ejected; a probe is a single attempt.
func (rs *Regions) inRegion(ctx context.Context, i int, probe bool, try attemptFunc) (io.ReadCloser, Info, error) {
	wait := rs.cfg.Backoff
	for attempt := 0; ; attempt++ {
		body, info, err := rs.attempt(ctx, rs.regions[i], try)
		failed := err != nil && !errors.Is(err, ErrNotFound)
		if failed && ctx.Err() != nil { // the caller gave up: no verdict on the region
			if probe {
				rs.health[i].mu.Lock()
				rs.health[i].probing = false
				rs.health[i].mu.Unlock()
			}
			return nil, Info{}, err
		}
		down := rs.record(i, failed, probe)
		if !failed || probe || down || attempt >= rs.cfg.Retries {
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

// Register adds each region's health to reg: <prefix>_region_up (1 while
// admitted, 0 while ejected) and <prefix>_region_ejections_total, labeled
// by region.
func (rs *Regions) Register(reg prometheus.Registerer, prefix string) error {
	var errs []error
	for i, r := range rs.regions {
		h, labels := &rs.health[i], prometheus.Labels{"region": r.Name}
		errs = append(errs,
			reg.Register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: prefix + "_region_up", Help: "1 while the origin region is read from, 0 while it is ejected after consecutive failures.", ConstLabels: labels,
			}, func() float64 {
				h.mu.Lock()
				defer h.mu.Unlock()
				if h.downUntil.IsZero() {
					return 1
				}
				return 0
			})),
			reg.Register(prometheus.NewCounterFunc(prometheus.CounterOpts{
				Name: prefix + "_region_ejections_total", Help: "Times the origin region was marked down after consecutive failures.", ConstLabels: labels,
			}, func() float64 {
				h.mu.Lock()
				defer h.mu.Unlock()
				return float64(h.ejections)
			})))
	}
	return errors.Join(errs...)
}
