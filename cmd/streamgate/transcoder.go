package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/transcoder"
)

const configHelp = "YAML config `file` (default: built-in defaults; env TRANSCODER_* overrides, e.g. TRANSCODER_ADMIN_TOKEN)"

// runTranscoder runs `streamgate transcoder`: workers and the job API.
func runTranscoder(args []string, log *slog.Logger) error {
	fset := flag.NewFlagSet("transcoder", flag.ContinueOnError)
	path := fset.String("config", "", configHelp)
	check := fset.Bool("check-config", false, "load and validate the config, then exit")
	if help, err := parseFlags(fset, args); help || err != nil {
		return err
	}
	cfg, err := loadTranscoderConfig(*path)
	if err != nil {
		return err
	}
	if *check {
		return checkTranscoder(cfg)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	svc, err := transcoder.New(cfg, log)
	if err != nil {
		return err
	}
	return svc.Run(ctx)
}

func loadTranscoderConfig(path string) (transcoder.Config, error) {
	cfg := transcoder.DefaultConfig()
	return cfg, conf.Load(path, "TRANSCODER", &cfg)
}

// apiClient reaches the job API at api, or at the config's admin.listen.
func apiClient(cfg transcoder.Config, api string) (*transcoder.Client, error) {
	if cfg.Admin.Token == "" {
		return nil, errors.New("no admin token: set TRANSCODER_ADMIN_TOKEN")
	}
	if api == "" {
		if cfg.Admin.Listen == "" {
			return nil, errors.New("admin.listen is empty: pass --api http://host:port")
		}
		host, port, err := net.SplitHostPort(cfg.Admin.Listen)
		if err != nil {
			return nil, fmt.Errorf("admin.listen: %w", err)
		}
		if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
			host = "127.0.0.1"
		}
		api = "http://" + net.JoinHostPort(host, port)
	}
	return transcoder.NewClient(api, cfg.Admin.Token), nil
}
