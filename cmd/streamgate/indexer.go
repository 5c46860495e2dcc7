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
	// Checked at start, not by --check-config: the chains often come from
	// the environment only the service gets (the Terraform layout's SSM
	// parameter), while the boot script checks the file alone. Without a
	// chain Run would return at once: say so instead of exiting 0.
	if len(cfg.Indexer.Chains) == 0 {
		return errors.New(`indexer.chains: no chain to follow; list the chains whose transfers revoke, e.g. INDEXER_INDEXER_CHAINS='[{id: 1, rpc: ["https://…"]}]'`)
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

// serveIndexer runs x with /metrics and /healthz on listen until ctx ends
// (SIGINT/SIGTERM) or the metrics server fails, and logs why it stopped as
// its last line; an error return is the reason main prints.
func serveIndexer(ctx context.Context, x *indexer.Indexer, listen string, reg *prometheus.Registry, log *slog.Logger) error {
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return fmt.Errorf("metrics_listen: %w", err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	hs := httperr.NewNetServer(indexerRoutes(reg), log)
	errc := make(chan error, 1)
	go func() {
		err := hs.Serve(ln)
		if !errors.Is(err, http.ErrServerClosed) {
			cancel() // no metrics and health is no indexer the operator can watch
		}
		errc <- err
	}()
	log.Info("indexer metrics listening", "addr", ln.Addr().String())
	runErr := x.Run(runCtx)
	sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer scancel()
	err = hs.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, fmt.Errorf("metrics_listen %s: %w", listen, serr))
	}
	err = errors.Join(runErr, err)
	switch {
	case err != nil:
		log.Error("indexer stopped", "err", err)
	case ctx.Err() != nil:
		log.Info("indexer stopped: SIGINT or SIGTERM received")
	default:
		err = errors.New("indexer: every chain follower stopped")
		log.Error("indexer stopped", "err", err)
	}
	return err
}
