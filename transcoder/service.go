package transcoder

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/origin"
)

// Service is one transcoder process: queue.workers workers and, when
// admin.listen is set, the job API.
type Service struct {
	cfg     Config
	log     *slog.Logger
	rdb     redis.UniversalClient
	metrics *prometheus.Registry // served at the API's /metrics
	queue   *Queue
	pub     *publisher
	sources *sources
	ln      net.Listener // nil without an API
	http    *http.Server
}

// New validates cfg, checks that ffmpeg and ffprobe run, opens the regions,
// checks Redis and binds the API listener. A Redis that refuses (password,
// TLS, database, cluster mode) is an error naming the redis key at fault;
// one not listening yet is not: a worker started before Redis waits for it.
// Relative paths in cfg are made absolute
// (conf.AbsPaths): ffmpeg runs in each job's folder.
func New(cfg Config, log *slog.Logger) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := conf.AbsPaths(&cfg); err != nil {
		return nil, err
	}
	for _, bin := range []string{cfg.Transcode.FFmpeg, cfg.Transcode.FFprobe} {
		if _, err := exec.LookPath(bin); err != nil {
			return nil, fmt.Errorf("transcode: %w", err)
		}
	}
	s := &Service{cfg: cfg, log: log, sources: newSources(cfg.Sources)}
	var err error
	if s.pub, err = newPublisher(cfg.Origin, cfg.Publish.RetainVersionsFor, log); err != nil {
		return nil, err
	}
	if cfg.CreateBuckets {
		if err = s.createBuckets(); err != nil {
			s.close()
			return nil, fmt.Errorf("create_buckets: %w", err)
		}
	}
	if err = s.dialRedis(); err != nil {
		s.close()
		return nil, err
	}
	s.queue = NewQueue(s.rdb, cfg.Redis.Prefix, cfg.Queue)
	if cfg.Admin.Listen != "" {
		if s.ln, err = net.Listen("tcp", cfg.Admin.Listen); err != nil {
			s.close()
			return nil, fmt.Errorf("admin.listen: %w", err)
		}
		s.http = httperr.NewNetServer(s.routes(), log)
	}
	return s, nil
}

// Addr is the API's bound address ("" without an API).
func (s *Service) Addr() string {
	if s.ln == nil {
		return ""
	}
	return s.ln.Addr().String()
}

// Queue is the service's job queue.
func (s *Service) Queue() *Queue { return s.queue }

// Run serves until ctx is canceled, then stops the API, lets each worker
// hand its running job back, and closes Redis and the regions.
func (s *Service) Run(ctx context.Context) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	if err := s.queue.ensureGroup(ctx); err != nil {
		s.log.Warn("queue not ready yet; workers will retry", "err", err)
	}
	serveErr := make(chan error, 1)
	if s.http != nil {
		go func() { serveErr <- s.http.Serve(s.ln) }()
		s.log.Info("admin api listening", "addr", s.Addr())
	}
	var wg sync.WaitGroup
	for i := range s.cfg.Queue.Workers {
		w := &worker{consumer: s.consumerName(i), cfg: s.cfg, queue: s.queue, pub: s.pub, sources: s.sources, log: s.log}
		wg.Go(func() { w.run(ctx) })
	}
	var err error
	select {
	case <-ctx.Done():
	case err = <-serveErr:
		err = fmt.Errorf("admin api: %w", err)
	}
	stop()
	if s.http != nil {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = s.http.Shutdown(sctx)
	}
	wg.Wait()
	s.close()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// consumerName is queue.consumer (default: the host name), suffixed with
// the worker's index when there are several.
func (s *Service) consumerName(i int) string {
	name := s.cfg.Queue.Consumer
	if name == "" {
		name, _ = os.Hostname()
		if name == "" {
			name = "transcoder"
		}
	}
	if s.cfg.Queue.Workers > 1 {
		name += "-" + strconv.Itoa(i)
	}
	return name
}

// dialRedis opens the queue's Redis and checks it at once; workers wait
// for a Redis that is not there yet (redisconf.DialDegraded).
func (s *Service) dialRedis() error {
	var err error
	s.metrics = prometheus.NewRegistry()
	s.rdb, err = redisconf.DialDegraded(context.Background(), s.cfg.Redis, s.metrics, s.log)
	return err
}

func (s *Service) close() {
	if s.rdb != nil {
		s.rdb.Close()
	}
	s.pub.close()
}

// createBuckets makes the sources bucket and every S3 bucket the publisher
// writes to, when missing; each attempt is bounded by origin.timeout.
func (s *Service) createBuckets() error {
	src, err := s.sources.bucket(s.cfg.Sources.Bucket)
	if err != nil {
		return err
	}
	stores := []*origin.S3{src}
	for _, r := range s.pub.regions {
		if b, ok := r.store.(*origin.S3); ok {
			stores = append(stores, b)
		}
	}
	for _, b := range stores {
		ctx, cancel := context.WithTimeout(context.Background(), s.cfg.Origin.Timeout)
		created, err := b.EnsureBucket(ctx)
		cancel()
		if err != nil {
			return err
		}
		if created {
			s.log.Info("created bucket", "bucket", b.Bucket())
		}
	}
	return nil
}
