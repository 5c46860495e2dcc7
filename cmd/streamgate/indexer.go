package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/streamgate/streamgate/contracts/indexer"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/internal/httperr"
	"github.com/streamgate/streamgate/internal/redisconf"
)

func runIndexer(args []string, log *slog.Logger) error {
	fs := flag.NewFlagSet("indexer", flag.ContinueOnError)
	path := fs.String("config", "", "YAML config file (default: built-in defaults; env INDEXER_* overrides, e.g. INDEXER_REDIS_ADDR)")
	check := fs.Bool("check-config", false, "load and validate the config, then exit")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	cfg := indexer.DefaultServiceConfig()
	if err := conf.Load(*path, "INDEXER", &cfg); err != nil {
		return err
	}
	if *check {
		return checkStart(&cfg, cfg.Redis, nil)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	reg := prometheus.NewRegistry()
	rdb, err := redisconf.Dial(ctx, cfg.Redis, reg, log)
	if err != nil {
		return err
	}
	defer rdb.Close()
	x, err := indexer.New(cfg.Indexer, indexer.Deps{
		Sink: ownership.NewPublisher(rdb, cfg.Redis.Prefix), Redis: rdb, Prefix: cfg.Redis.Prefix, Metrics: reg,
	}, log)
	if err != nil {
		return err
	}
	return serveIndexer(ctx, x, cfg.MetricsListen, reg, log)
}

// indexerRoutes serves /metrics and /healthz; any other path is the JSON
// 404 not_found.
func indexerRoutes(reg *prometheus.Registry) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		httperr.WriteNet(w, http.StatusNotFound, "not_found", "no such route: /metrics and /healthz only")
	})
	return mux
}

// serveIndexer runs x with /metrics and /healthz on listen until ctx ends.
func serveIndexer(ctx context.Context, x *indexer.Indexer, listen string, reg *prometheus.Registry, log *slog.Logger) error {
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return fmt.Errorf("metrics_listen: %w", err)
	}
	hs := httperr.NewNetServer(indexerRoutes(reg), log)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("indexer metrics listening", "addr", ln.Addr().String())
	runErr := x.Run(ctx)
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = hs.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return errors.Join(runErr, err)
}
