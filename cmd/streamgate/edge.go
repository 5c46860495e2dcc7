package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamgate/streamgate/contracts/indexer"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/signer"
)

func runEdge(args []string, log *slog.Logger) error {
	fs := flag.NewFlagSet("edge", flag.ContinueOnError)
	path := fs.String("config", "", "YAML config file (default: built-in defaults; env EDGE_* overrides)")
	check := fs.Bool("check-config", false, "load and validate the config, then exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := edge.DefaultConfig()
	if err := conf.Load(*path, "EDGE", &cfg); err != nil {
		return err
	}
	scfg, err := loadSignerConfig(cfg.Signer)
	if err != nil || *check {
		if err == nil {
			fmt.Fprintln(stdout, "config ok")
		}
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	deps, closeDeps, err := edgeDeps(cfg, scfg, log)
	if err != nil {
		return err
	}
	srv, err := edge.New(cfg, log, deps)
	if err != nil {
		return errors.Join(err, closeDeps())
	}
	return errors.Join(srv.Run(ctx), closeDeps())
}

// loadSignerConfig reads the config of the signer an edge hosts, if any.
func loadSignerConfig(path string) (*signer.Config, error) {
	if path == "" {
		return nil, nil
	}
	c, err := signer.LoadConfig(path)
	if err != nil {
		return nil, fmt.Errorf("signer: %w", err)
	}
	return &c, nil
}

// edgeDeps builds the in-process signer when the edge hosts one: it shares
// the edge's ownership checker (one cache, one Redis) and its keys.
func edgeDeps(cfg edge.Config, scfg *signer.Config, log *slog.Logger) (edge.Deps, func() error, error) {
	if scfg == nil {
		return edge.Deps{}, func() error { return nil }, nil
	}
	closers := []func() error{}
	// The edge reports this Redis's health on its own client: no metrics here.
	rdb, err := redisconf.Dial(context.Background(), cfg.Redis, nil, log) // nil without Redis
	if err != nil {
		return edge.Deps{}, nil, err
	}
	if rdb != nil {
		closers = append(closers, rdb.Close)
	}
	closeAll := func() error {
		var err error
		for i := len(closers) - 1; i >= 0; i-- {
			err = errors.Join(err, closers[i]())
		}
		return err
	}
	reg := prometheus.NewRegistry()
	own, err := ownership.New(cfg.Ownership, rdb, cfg.Redis.Prefix, ownership.NewMetrics(reg), log)
	if err != nil {
		return edge.Deps{}, nil, errors.Join(err, closeAll())
	}
	closers = append(closers, func() error { own.Close(); return nil })
	if rdb == nil { // one machine: revocation needs the indexer here
		stopIndexer, err := startLocalIndexer(cfg, own, reg, log)
		if err != nil {
			return edge.Deps{}, nil, errors.Join(err, closeAll())
		}
		closers = append(closers, stopIndexer)
	}
	ss, err := signer.New(*scfg, log, signer.Deps{Ownership: own, Redis: rdb})
	if err != nil {
		return edge.Deps{}, nil, errors.Join(fmt.Errorf("signer: %w", err), closeAll())
	}
	closers = append(closers, ss.Close)
	jwks := ss.JWKS()
	deps := edge.Deps{Ownership: own, JWKS: &jwks, Routes: ss.Handler(), Metrics: prometheus.Gatherers{reg, ss.Metrics()}, MaxBodyBytes: ss.MaxBodyBytes()}
	return deps, closeAll, nil
}

// startLocalIndexer follows the ownership chains' transfers in this process
// and drops stale answers from own directly: without Redis there is no
// channel for a separate indexer to publish on. The returned func stops it.
func startLocalIndexer(cfg edge.Config, own *ownership.Checker, reg prometheus.Registerer, log *slog.Logger) (func() error, error) {
	x, err := indexer.Local(cfg.Indexer.Inherit(cfg.Ownership.Chains), own, reg, log.With("role", "indexer"))
	if err != nil {
		return nil, fmt.Errorf("indexer: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- x.Run(ctx) }()
	return func() error { cancel(); return <-done }, nil
}
