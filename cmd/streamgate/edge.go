package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/streamgate/streamgate/edge"
	"github.com/streamgate/streamgate/internal/conf"
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
	if *check {
		fmt.Fprintln(stdout, "config ok")
		return nil
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := edge.New(cfg, log, edge.Deps{})
	if err != nil {
		return err
	}
	return srv.Run(ctx)
}
