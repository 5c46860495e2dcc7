package transcoder

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/origin"
)

// maxSpecBytes bounds a POST /jobs body (a policy may list many contracts).
const maxSpecBytes = 1 << 20

// routes is the admin API: every route but /healthz and /metrics needs the
// bearer token.
//
//	POST /jobs        body Spec → 202 Job
//	GET  /jobs        ?limit=N (default 50, at most 1000) → {"jobs":[Job…]}, newest first
//	GET  /jobs/{id}   → Job
//	GET  /healthz     → 200 when Redis answers
//	GET  /metrics     → Prometheus text: streamgate_redis_up, streamgate_redis_errors_total
func (s *Service) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/jobs", s.handle(s.jobs))
	mux.HandleFunc("/jobs/{id}", s.handle(s.job))
	mux.HandleFunc("/healthz", s.healthz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics, promhttp.HandlerOpts{}))
	mux.HandleFunc("/", s.handle(func(http.ResponseWriter, *http.Request) error { return errNoRoute }))
	return mux
}

type handlerFunc func(http.ResponseWriter, *http.Request) error

// handle checks the token, runs h and writes its error, if any, as
// docs/protocol.md's JSON error body.
func (s *Service) handle(h handlerFunc) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		err := s.authorize(r)
		if err == nil {
			err = h(rw, r)
		}
		if err != nil {
			s.fail(rw, r, err)
		}
	}
}

func (s *Service) authorize(r *http.Request) error {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Admin.Token)) != 1 {
		return fmt.Errorf("%w: want Authorization: Bearer <admin.token>", ErrUnauthorized)
	}
	return nil
}

func (s *Service) fail(rw http.ResponseWriter, r *http.Request, err error) {
	status, code := statusOf(err)
	if status >= 500 {
		s.log.Error("admin api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if status == http.StatusUnauthorized {
		rw.Header().Set("WWW-Authenticate", `Bearer realm="streamgate-transcoder"`)
	}
	httperr.WriteNet(rw, status, code, err.Error())
}

func (s *Service) jobs(rw http.ResponseWriter, r *http.Request) error {
	switch r.Method {
	case http.MethodPost:
		return s.submit(rw, r)
	case http.MethodGet, http.MethodHead:
		return s.list(rw, r)
	}
	return fmt.Errorf("%w: %s /jobs (want GET or POST)", errMethod, r.Method)
}

func (s *Service) submit(rw http.ResponseWriter, r *http.Request) error {
	data, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, maxSpecBytes))
	if err != nil {
		return fmt.Errorf("reading job: %w", err)
	}
	spec, err := ParseSpec(data, s.cfg.Transcode.Ladders, s.cfg.Transcode.Ladder)
	if err != nil {
		return err
	}
	if err := s.checkSource(r.Context(), spec.Source); err != nil {
		return err
	}
	job, err := s.queue.Enqueue(r.Context(), spec)
	if err != nil {
		return err
	}
	s.log.Info("job queued", "job", job.ID, "asset", job.Asset, "source", job.Source, "ladder", job.Ladder, "delivery", job.Delivery)
	writeJSON(rw, http.StatusAccepted, job)
	return nil
}

// checkSource refuses a source that does not exist. Other failures let the
// job through: the worker retries the download.
func (s *Service) checkSource(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	info, err := s.sources.stat(ctx, url)
	switch {
	case errors.Is(err, origin.ErrNotFound):
		return fmt.Errorf("%w: source %s does not exist", ErrBadSpec, url)
	case err == nil && info.Size == 0:
		return fmt.Errorf("%w: source %s is empty", ErrBadSpec, url)
	}
	return nil
}

func (s *Service) list(rw http.ResponseWriter, r *http.Request) error {
	limit := 50
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			return fmt.Errorf("%w: limit: want 1..1000, got %q", ErrBadSpec, v)
		}
		limit = n
	}
	jobs, err := s.queue.List(r.Context(), limit)
	if err != nil {
		return err
	}
	writeJSON(rw, http.StatusOK, struct {
		Jobs []Job `json:"jobs"`
	}{jobs})
	return nil
}

func (s *Service) job(rw http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return fmt.Errorf("%w: %s /jobs/{id} (want GET)", errMethod, r.Method)
	}
	job, err := s.queue.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(rw, http.StatusOK, job)
	return nil
}

func (s *Service) healthz(rw http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		s.fail(rw, r, unavailable("ping", err))
		return
	}
	writeJSON(rw, http.StatusOK, map[string]string{"status": "ok"})
}

func writeJSON(rw http.ResponseWriter, status int, v any) {
	rw.Header().Set("Content-Type", "application/json")
	rw.Header().Set("Cache-Control", "no-store")
	rw.WriteHeader(status)
	_ = json.NewEncoder(rw).Encode(v)
}
