package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/streamgate/streamgate/internal/conf"
	"github.com/streamgate/streamgate/internal/redisconf"
	"github.com/streamgate/streamgate/origin"
	"github.com/streamgate/streamgate/signer"
	"github.com/streamgate/streamgate/signer/token"
	"github.com/streamgate/streamgate/transcoder"
)

// checkStart is --check-config's last step, after the config loaded and
// validated: it opens what the service would open at start without
// contacting any server (the input files cfg names, the Redis client's
// password and CA files, the origin's folders and S3 clients with their CA
// files), so a config that cannot start fails here, naming its key. Then
// it prints "config ok".
func checkStart(cfg any, rc redisconf.Config, regions *origin.Config) error {
	if err := conf.CheckFiles(cfg); err != nil {
		return err
	}
	rdb, err := redisconf.Open(rc)
	if err != nil {
		return err
	}
	if rdb != nil {
		_ = rdb.Close()
	}
	if regions != nil {
		rs, err := regions.Open()
		if err != nil {
			return err
		}
		if err := rs.Close(); err != nil {
			return err
		}
	}
	fmt.Fprintln(stdout, "config ok")
	return nil
}

// checkEdge checks an edge's config and, when it hosts one, its signer's.
// A hosting edge ignores token.jwks and the signer's origin and redis.
func checkEdge(cfg edgeConfig, scfg *signer.Config) error {
	if scfg != nil {
		cfg.Token.JWKS = ""
		s := *scfg
		s.Origin.Regions, s.Redis = nil, signer.RedisConfig{}
		if err := signerFiles(s); err != nil {
			return fmt.Errorf("signer: %w", err)
		}
	}
	if j := cfg.Token.JWKS; j != "" && !strings.Contains(j, "://") && fileExists(j) { // a missing one: CheckFiles
		if _, err := token.LoadJWKSFile(j); err != nil {
			return fmt.Errorf("token.jwks: %w", err)
		}
	}
	return checkStart(&cfg, cfg.Redis, &cfg.Origin.Config)
}

// checkSigner checks a standalone signer's config.
func checkSigner(cfg signer.Config) error {
	if err := signerFiles(cfg); err != nil {
		return err
	}
	return checkStart(&cfg, cfg.Redis, &cfg.Origin.Config)
}

// signerFiles opens the signer's input files; keys from the environment
// replace keys.files.
func signerFiles(cfg signer.Config) error {
	if cfg.Keys.PEM != "" {
		cfg.Keys.Files = nil
	}
	return conf.CheckFiles(&cfg)
}

// checkTranscoder checks a transcoder's config: its files, the sources
// client, and ffmpeg and ffprobe on PATH. Local origin folders are created
// at start, so only S3 regions are opened.
func checkTranscoder(cfg transcoder.Config) error {
	for _, b := range []struct{ key, bin string }{{"transcode.ffmpeg", cfg.Transcode.FFmpeg}, {"transcode.ffprobe", cfg.Transcode.FFprobe}} {
		if _, err := exec.LookPath(b.bin); err != nil {
			return fmt.Errorf("%s: %w", b.key, err)
		}
	}
	if _, err := origin.NewS3(cfg.Sources); err != nil {
		return fmt.Errorf("sources: %w", err)
	}
	regions := cfg.Origin.Config
	regions.Regions = nil
	for _, r := range cfg.Origin.Regions {
		if r.Dir == "" {
			regions.Regions = append(regions.Regions, r)
		}
	}
	if len(regions.Regions) == 0 {
		return checkStart(&cfg, cfg.Redis, nil)
	}
	return checkStart(&cfg, cfg.Redis, &regions)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
