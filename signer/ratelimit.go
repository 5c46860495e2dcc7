package signer

import (
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// maxVisitors bounds the per-IP limiters held; beyond it idle ones go first.
const maxVisitors = 100_000

// limiter is the per-IP token bucket on /auth/*. A nil limiter allows all.
type limiter struct {
	rate  rate.Limit
	burst int
	idle  time.Duration // after this long unseen a bucket is full again: forgettable

	mu        sync.Mutex
	visitors  map[netip.Addr]*visitor
	lastSweep time.Time
}

type visitor struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(c RateConfig) *limiter {
	if c.PerIPPerMin == 0 {
		return nil
	}
	r := rate.Limit(float64(c.PerIPPerMin) / 60)
	return &limiter{
		rate:     r,
		burst:    c.Burst,
		idle:     time.Duration(float64(c.Burst) / float64(r) * float64(time.Second)),
		visitors: make(map[netip.Addr]*visitor),
	}
}

// allow takes one token from ip's bucket, or says how long to wait for one.
// ip is the client address (clientip: the viewer behind trusted proxies).
func (l *limiter) allow(ip netip.Addr, now time.Time) error {
	if l == nil {
		return nil
	}
	lim := l.visitor(ipKey(ip), now)
	r := lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return rateError{wait: d}
	}
	return nil
}

func (l *limiter) visitor(key netip.Addr, now time.Time) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	v := l.visitors[key]
	if v == nil {
		if len(l.visitors) >= maxVisitors || now.Sub(l.lastSweep) > time.Minute {
			l.sweep(now)
		}
		v = &visitor{lim: rate.NewLimiter(l.rate, l.burst)}
		l.visitors[key] = v
	}
	v.seen = now
	return v.lim
}

// sweep forgets buckets that have refilled; if the map is still full it
// forgets arbitrary ones, which only gives those clients a fresh burst.
func (l *limiter) sweep(now time.Time) {
	l.lastSweep = now
	for k, v := range l.visitors {
		if now.Sub(v.seen) >= l.idle {
			delete(l.visitors, k)
		}
	}
	for k := range l.visitors {
		if len(l.visitors) < maxVisitors {
			break
		}
		delete(l.visitors, k)
	}
}

// ipKey is the bucket of an address: IPv4 alone, IPv6 by /64, since one
// client usually holds a whole /64.
func ipKey(ip netip.Addr) netip.Addr {
	ip = ip.Unmap()
	if !ip.Is6() {
		return ip
	}
	p, _ := ip.Prefix(64) // cannot fail for IPv6
	return p.Addr()
}
