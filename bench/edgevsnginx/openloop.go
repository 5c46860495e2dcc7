package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"net"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/valyala/fasthttp"
	"golang.org/x/sys/unix"
)

// The open-loop client offers a fixed rate, whatever the server's answers
// take, and measures each request's latency from the time it was scheduled
// to be sent, not from when it was sent: a stalled server delays the
// requests queued behind it, and those delays count (the accounting of
// wrk2, which avoids "coordinated omission"). wrk's closed loop instead
// waits for each answer before the next request, so a slower server is
// offered less load and its tail goes unmeasured.
//
// Request i is due at start + i/rate. A pacer releases the due requests
// into one queue; conns workers, each with its own keep-alive connection,
// take them in order. When every connection is busy, due requests wait in
// the queue and their wait is latency.

// openLoop is one open-loop run.
type openLoop struct {
	url      string        // http://host:port/path?query
	rate     float64       // requests per second
	duration time.Duration // requests are scheduled over this long
	conns    int           // concurrent connections
	size     int64         // expected body bytes; another size is an error
	timeout  time.Duration // per request; 0 means 10s
}

// olResult is an open-loop run's outcome. Latencies are nanoseconds from
// the scheduled send time to the last byte of the answer, over the requests
// answered 200 with the expected size; Lag is how late the client's pacer
// released each request into the queue (release - scheduled): the client's
// own lateness, which a stalled server does not move (its stall shows as
// queueing, inside the latency).
type olResult struct {
	Scheduled int64   `json:"scheduled"`
	OK        int64   `json:"ok"`
	Errors    int64   `json:"errors"`     // failed, wrong status or size, or unfinished
	FirstErr  string  `json:"first_err"`  // the first error, for the report
	Elapsed   float64 `json:"elapsed_s"`  // from the first scheduled send to the last answer
	P50       int64   `json:"p50_ns"`     // latency percentiles
	P99       int64   `json:"p99_ns"`     //
	P999      int64   `json:"p999_ns"`    //
	Max       int64   `json:"max_ns"`     //
	LagP99    int64   `json:"lag_p99_ns"` // the pacer's release lag, 99th percentile
}

// maxOpenLoopRequests bounds one run's schedule (rate × duration): the
// client holds a queue slot, a latency and a lag per request.
// minOpenLoopRequests is the fewest a run's p99 is read from.
const (
	maxOpenLoopRequests = 20_000_000
	minOpenLoopRequests = 100
)

// pacerTick is the pacer's wake-up period at most: Go's timers on Linux
// round sleeps under a millisecond up to one (netpoll waits in ms), which
// would add up to 1 ms of client jitter to every latency, so the pacer
// waits on a timerfd, whose expiry wakes the netpoller to the microsecond.
const pacerTick = 50 * time.Microsecond

// run offers the load and returns the figures; ctx's end stops it early,
// counting what was not answered as errors.
func (o openLoop) run(ctx context.Context) (olResult, error) {
	u, err := url.Parse(o.url)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return olResult{}, fmt.Errorf("open loop: want an http:// URL, got %q", o.url)
	}
	if o.rate <= 0 || o.duration <= 0 || o.conns < 1 {
		return olResult{}, errors.New("open loop: want rate > 0, duration > 0, conns >= 1")
	}
	if o.rate*o.duration.Seconds() > maxOpenLoopRequests {
		return olResult{}, fmt.Errorf("open loop: rate × duration over %d requests", maxOpenLoopRequests)
	}
	timeout := o.timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	n := int64(math.Round(o.rate * o.duration.Seconds()))
	period := float64(time.Second) / o.rate
	due := func(i int64) time.Duration { return time.Duration(float64(i) * period) }
	req := []byte("GET " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host + "\r\nUser-Agent: edgevsnginx-openloop\r\n\r\n")

	// Connect every worker before the clock starts, as wrk does.
	workers := make([]*olConn, o.conns)
	for i := range workers {
		workers[i] = &olConn{addr: u.Host, req: req, size: o.size, timeout: timeout}
		if err := workers[i].dial(); err != nil {
			return olResult{}, fmt.Errorf("open loop: %w", err)
		}
		defer workers[i].close()
	}
	ctx, cancel := context.WithTimeout(ctx, o.duration+timeout+5*time.Second)
	defer cancel()
	queue := make(chan int64, n)
	start := time.Now()
	var wg sync.WaitGroup
	for _, w := range workers {
		w.lat = make([]time.Duration, 0, n/int64(o.conns)+16)
		wg.Go(func() { w.work(ctx, queue, start, due) })
	}
	lag, perr := pace(ctx, queue, n, start, due)
	close(queue)
	wg.Wait()
	elapsed := time.Since(start)
	if perr != nil && ctx.Err() == nil {
		return olResult{}, perr
	}

	res := olResult{Scheduled: n, Elapsed: elapsed.Seconds()}
	var lat []time.Duration
	for _, w := range workers {
		lat = append(lat, w.lat...)
		if res.FirstErr == "" && w.firstErr != nil {
			res.FirstErr = w.firstErr.Error()
		}
	}
	res.OK = int64(len(lat))
	res.Errors = n - res.OK // whatever was not answered right, unfinished included
	slices.Sort(lat)
	slices.Sort(lag)
	res.P50, res.P99, res.P999 = int64(quantile(lat, 0.5)), int64(quantile(lat, 0.99)), int64(quantile(lat, 0.999))
	res.Max, res.LagP99 = int64(quantile(lat, 1)), int64(quantile(lag, 0.99))
	return res, nil
}

// pace releases request i into queue once start + due(i) has passed, and
// returns how late it released each (its own lag: the workers' waits for
// a free connection are not in it).
func pace(ctx context.Context, queue chan<- int64, n int64, start time.Time, due func(int64) time.Duration) ([]time.Duration, error) {
	period := due(1)
	tf, err := newTicker(max(period, pacerTick))
	if err != nil {
		return nil, err
	}
	defer tf.Close()
	lag := make([]time.Duration, 0, n)
	var buf [8]byte
	for released := int64(0); released < n; {
		if ctx.Err() != nil {
			return lag, ctx.Err()
		}
		now := time.Since(start)
		upto := min(n, int64(float64(now)/float64(period))+1)
		for ; released < upto; released++ {
			queue <- released // never blocks: the queue holds all n
			lag = append(lag, now-due(released))
		}
		if released < n {
			if _, err := tf.Read(buf[:]); err != nil { // expirations since the last read
				return lag, fmt.Errorf("open loop: timerfd: %w", err)
			}
		}
	}
	return lag, nil
}

// newTicker returns a periodic CLOCK_MONOTONIC timerfd in non-blocking
// mode, so os.File reads park on the netpoller, woken by the expiry.
func newTicker(every time.Duration) (*os.File, error) {
	fd, err := unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
	if err != nil {
		return nil, fmt.Errorf("open loop: timerfd_create: %w", err)
	}
	ts := unix.NsecToTimespec(int64(every))
	if err := unix.TimerfdSettime(fd, 0, &unix.ItimerSpec{Interval: ts, Value: ts}, nil); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("open loop: timerfd_settime: %w", err)
	}
	return os.NewFile(uintptr(fd), "timerfd"), nil
}

// quantile returns the q-quantile of sorted v (nearest rank), 0 if empty.
func quantile(v []time.Duration, q float64) time.Duration {
	if len(v) == 0 {
		return 0
	}
	i := int(math.Ceil(q*float64(len(v)))) - 1
	return v[min(max(i, 0), len(v)-1)]
}

// olConn is one worker: a keep-alive HTTP/1.1 connection that sends the
// same GET and reads the answer's header and body, discarding the body.
type olConn struct {
	addr     string
	req      []byte
	size     int64
	timeout  time.Duration
	c        net.Conn
	br       *bufio.Reader
	hdr      fasthttp.ResponseHeader
	lat      []time.Duration
	firstErr error
}

func (w *olConn) dial() error {
	c, err := net.DialTimeout("tcp", w.addr, w.timeout)
	if err != nil {
		return err
	}
	w.c = c
	if w.br == nil {
		w.br = bufio.NewReaderSize(c, 64<<10)
	} else {
		w.br.Reset(c)
	}
	return nil
}

func (w *olConn) close() {
	if w.c != nil {
		w.c.Close()
		w.c = nil
	}
}

// work serves queue until it is closed and drained, or ctx ends.
func (w *olConn) work(ctx context.Context, queue <-chan int64, start time.Time, due func(int64) time.Duration) {
	for i := range queue {
		if ctx.Err() != nil {
			continue // drain: the unanswered count as errors
		}
		sched := start.Add(due(i))
		if err := w.do(); err != nil {
			if w.firstErr == nil {
				w.firstErr = err
			}
			w.close()
			continue
		}
		w.lat = append(w.lat, time.Since(sched))
	}
}

// do makes one request: 200 with a body of the expected size, or an error.
func (w *olConn) do() error {
	if w.c == nil {
		if err := w.dial(); err != nil {
			return err
		}
	}
	if err := w.c.SetDeadline(time.Now().Add(w.timeout)); err != nil {
		return err
	}
	if _, err := w.c.Write(w.req); err != nil {
		return err
	}
	w.hdr.Reset()
	if err := w.hdr.Read(w.br); err != nil {
		return fmt.Errorf("reading the answer: %w", err)
	}
	n := int64(w.hdr.ContentLength())
	if n < 0 {
		return fmt.Errorf("answer without Content-Length (%d)", n)
	}
	if _, err := w.br.Discard(int(n)); err != nil {
		return fmt.Errorf("reading the body: %w", err)
	}
	switch {
	case w.hdr.StatusCode() != fasthttp.StatusOK:
		return fmt.Errorf("status %d", w.hdr.StatusCode())
	case w.size >= 0 && n != w.size:
		return fmt.Errorf("body of %d bytes, want %d", n, w.size)
	case w.hdr.ConnectionClose():
		w.close()
	}
	return nil
}

// openLoopMain is `edgevsnginx openloop -url U -rate R -duration D -conns C
// -size N`: one run, its olResult as JSON on stdout. The benchmark runs it
// as its own process on the load core.
func openLoopMain(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("openloop", flag.ContinueOnError)
	var o openLoop
	fs.StringVar(&o.url, "url", "", "http:// URL to GET")
	fs.Float64Var(&o.rate, "rate", 0, "requests per second")
	fs.DurationVar(&o.duration, "duration", 5*time.Second, "schedule length")
	fs.IntVar(&o.conns, "conns", 32, "connections")
	fs.Int64Var(&o.size, "size", -1, "expected body bytes (-1: any)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	res, err := o.run(ctx)
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(res)
}

// runOpenLoop runs the client as its own process pinned to the load core
// with GOMAXPROCS=1, like wrk's one thread, so its work stays off the
// servers' core and out of their CPU accounting.
func runOpenLoop(ctx context.Context, o openLoop) (olResult, error) {
	self, err := os.Executable()
	if err != nil {
		return olResult{}, fmt.Errorf("open loop: finding this binary: %w", err)
	}
	cmd := exec.CommandContext(ctx, "taskset", "-c", loadCPU, self, "openloop",
		"-url", o.url, "-rate", fmt.Sprint(o.rate), "-duration", o.duration.String(),
		"-conns", fmt.Sprint(o.conns), "-size", fmt.Sprint(o.size))
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return olResult{}, fmt.Errorf("open loop %s: %w: %s", o.url, err, stderr.String())
	}
	var res olResult
	if err := json.Unmarshal(out, &res); err != nil {
		return olResult{}, fmt.Errorf("open loop %s: reading its result %q: %w", o.url, out, err)
	}
	return res, nil
}
