package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/streamgate/streamgate/signer"
)

func runSigner(args []string, log *slog.Logger) error {
	fs := flag.NewFlagSet("signer", flag.ContinueOnError)
	path := fs.String("config", "", "YAML config file (default: built-in defaults; env SIGNER_* overrides, keys in "+signer.EnvKeysPEM+")")
	check := fs.Bool("check-config", false, "load and validate the config, then exit")
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	cfg, err := signer.LoadConfig(*path)
	if err != nil {
		return err
	}
	if *check {
		return checkSigner(cfg)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := signer.New(cfg, log, signer.Deps{})
	if err != nil {
		return err
	}
	return srv.Run(ctx)
}
