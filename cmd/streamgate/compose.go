package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamgate/streamgate/contracts/indexer"
	"github.com/streamgate/streamgate/contracts/ownership"
	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/signer"
)

// edgeConfig is the file `streamgate edge` reads (configs/edge.yaml): the
// edge's own keys, plus the keys of the one-machine composition that hosts
// a signer beside it. The edge package knows nothing of the latter.
type edgeConfig struct {
	edge.Config `yaml:",inline"`
	// Signer, when set, is the path of a signer config: this edge then also
	// serves the signer's routes in-process, verifying tokens with its keys
	// and sharing its origin, asset cache and ownership cache (one machine,
	// `make run`).
	Signer string `yaml:"signer" conf:"path,read"`
	// Indexer configures the transfer indexer this edge runs in-process
	// when it hosts the signer without Redis (one machine); otherwise
	// `streamgate indexer` runs beside the edges and this block is unused.
	Indexer indexer.Config `yaml:"indexer"`
}

// defaultEdgeConfig returns the defaults that configs/edge.yaml shows.
func defaultEdgeConfig() edgeConfig {
	c := edgeConfig{Config: edge.DefaultConfig(), Indexer: indexer.DefaultConfig()}
	// The in-process indexer runs only without Redis, where there is no
	// state to keep: off, so its live_ttl does not bound poll_interval.
	c.Indexer.State.Enabled = false
	return c
}

// Validate reports the first invalid field by its YAML path.
func (c *edgeConfig) Validate() error {
	if err := c.Config.Validate(); err != nil {
		return err
	}
	return c.Indexer.Validate()
}

// edgeDeps is the one-machine composition: when the edge hosts a signer
// it builds each shared part once (origin regions, asset cache, Redis
// client, ownership checker, and without Redis the indexer that revokes
// stale answers) and hands them to both. Without a signer the edge builds
// its own. The returned func closes what was built, last first.
func edgeDeps(cfg edgeConfig, scfg *signer.Config, log *slog.Logger) (edge.Deps, func() error, error) {
	if scfg == nil {
		return edge.Deps{}, func() error { return nil }, nil
	}
	var closers []func() error
	closeAll := func() error {
		var err error
		for i := len(closers) - 1; i >= 0; i-- {
			err = errors.Join(err, closers[i]())
		}
		return err
	}
	fail := func(err error) (edge.Deps, func() error, error) {
		return edge.Deps{}, nil, errors.Join(err, closeAll())
	}

	regions, err := cfg.Origin.Open()
	if err != nil {
		return fail(err)
	}
	closers = append(closers, regions.Close)
	reg := prometheus.NewRegistry()
	// One client for edge and signer; its health series join the edge's.
	rdb, err := redisconf.Dial(context.Background(), cfg.Redis, reg, log) // nil without Redis
	if err != nil {
		return fail(err)
	}
	if rdb != nil {
		closers = append(closers, rdb.Close)
	}
	own, err := ownership.New(cfg.Ownership, rdb, cfg.Redis.Prefix, ownership.NewMetrics(reg), log)
	if err != nil {
		return fail(err)
	}
	closers = append(closers, func() error { own.Close(); return nil })
	if rdb == nil { // one machine: revocation needs the indexer here
		stopIndexer, err := startLocalIndexer(cfg, own, reg, log)
		if err != nil {
			return fail(err)
		}
		closers = append(closers, stopIndexer)
	}
	assets := cfg.NewAssets(regions, log)
	if err := assets.Register(reg); err != nil {
		return fail(err)
	}
	// The signer's routes arrive through the edge's listener, so the edge's
	// proxies are the ones in front of them: its http block applies.
	hosted := *scfg
	hosted.HTTP.Proxies = cfg.HTTP.Proxies
	ss, err := signer.New(hosted, log, signer.Deps{Ownership: own, Redis: rdb, Assets: assets})
	if err != nil {
		return fail(fmt.Errorf("signer: %w", err))
	}
	closers = append(closers, ss.Close)
	jwks := ss.JWKS()
	deps := edge.Deps{
		Origin: regions, Assets: assets, Redis: rdb, Ownership: own,
		JWKS: &jwks, Routes: ss.Handler(), Metrics: prometheus.Gatherers{reg, ss.Metrics()}, MaxBodyBytes: ss.MaxBodyBytes(),
	}
	return deps, closeAll, nil
}

// startLocalIndexer follows the ownership chains' transfers in this process
// and drops stale answers from own directly: without Redis there is no
// channel for a separate indexer to publish on. The returned func stops it.
func startLocalIndexer(cfg edgeConfig, own *ownership.Checker, reg prometheus.Registerer, log *slog.Logger) (func() error, error) {
	x, err := indexer.Local(cfg.Indexer.Inherit(cfg.Ownership.Chains), own, reg, log.With("role", "indexer"))
	if err != nil {
		return nil, fmt.Errorf("indexer: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- x.Run(ctx) }()
	return func() error { cancel(); return <-done }, nil
}
