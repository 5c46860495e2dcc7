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

	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/signer"
)

func runEdge(args []string, log *slog.Logger) error {
	fs := flag.NewFlagSet("edge", flag.ContinueOnError)
	path := fs.String("config", "", "YAML config file (default: built-in defaults; env EDGE_* overrides)")
	check := fs.Bool("check-config", false, "load and validate the config, then exit")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	cfg := defaultEdgeConfig()
	if err := conf.Load(*path, "EDGE", &cfg); err != nil {
		return err
	}
	scfg, err := loadSignerConfig(cfg.Signer)
	if err != nil {
		return err
	}
	if *check {
		return checkEdge(cfg, scfg)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	deps, closeDeps, err := edgeDeps(cfg, scfg, log)
	if err != nil {
		return err
	}
	srv, err := edge.New(cfg.Config, log, deps)
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
