package edge

import (
	"sync"
	"time"
)

// failLog keeps server-side failures from flooding the log in an outage,
// when every request fails the same way (thousands a second): the first
// failure of each status is logged, then at most one a second per status,
// carrying how many were left out since. Every failure is still counted in
// streamgate_edge_requests_total.
type failLog struct {
	mu      sync.Mutex
	last    map[int]time.Time
	dropped map[int]int
}

// failLogEvery is the least time between two logged failures of a status.
const failLogEvery = time.Second

// allow reports whether a failure with status at now is to be logged, and
// how many of that status were left out since the last one logged.
func (f *failLog) allow(status int, now time.Time) (bool, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.last == nil {
		f.last, f.dropped = map[int]time.Time{}, map[int]int{}
	}
	if last, ok := f.last[status]; ok && now.Sub(last) < failLogEvery {
		f.dropped[status]++
		return false, 0
	}
	n := f.dropped[status]
	f.last[status], f.dropped[status] = now, 0
	return true, n
}
