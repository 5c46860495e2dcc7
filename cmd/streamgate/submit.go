package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/streamgate/streamgate/asset"
	"github.com/streamgate/streamgate/asset/policy"
	"github.com/streamgate/streamgate/transcoder"
)

const submitUsage = "usage: streamgate submit --source FILE|s3://bucket/key --asset ID --policy policy.json [--ladder NAME] [--title TEXT] [--teaser] [--get-url URL] [--delivery edge|cdn] [--config FILE] [--api URL]"

// progressOut receives upload progress: a bar on a terminal, plain lines
// otherwise. Tests swap it.
var progressOut io.Writer = os.Stderr

// submitFlags are the flags of `streamgate submit`.
type submitFlags struct {
	config, api, source, asset, policy, ladder, title, getURL, delivery string
	teaser                                                              bool
}

// runSubmit uploads a local source to the sources bucket (an s3:// source is
// used in place), queues the job and prints its id on stdout.
func runSubmit(args []string, log *slog.Logger) error {
	var f submitFlags
	fset := flag.NewFlagSet("submit", flag.ContinueOnError)
	fset.StringVar(&f.config, "config", "", configHelp)
	fset.StringVar(&f.api, "api", "", "job API `URL` (default http://<admin.listen>)")
	fset.StringVar(&f.source, "source", "", "local `file`, or s3://bucket/key on the sources endpoint")
	fset.StringVar(&f.asset, "asset", "", "asset `id` ("+asset.IDGrammar+")")
	fset.StringVar(&f.policy, "policy", "", "policy `file` (JSON, docs/protocol.md §5), copied into asset.json")
	fset.StringVar(&f.ladder, "ladder", "", "ladder `name` from transcode.ladders (default transcode.ladder)")
	fset.StringVar(&f.title, "title", "", "title for asset.json (default the asset id)")
	fset.BoolVar(&f.teaser, "teaser", false, "show the poster (a frame of the video) to everyone before sign-in (asset.json \"teaser\")")
	fset.StringVar(&f.getURL, "get-url", "", "https:// or http:// `URL` where viewers get a pass (asset.json \"get_url\")")
	fset.StringVar(&f.delivery, "delivery", asset.DeliveryEdge, "`mode`: edge (every object through the gated path) or cdn (HLS segments encrypted, cacheable by a CDN; docs/protocol.md §4)")
	if help, err := parseFlags(fset, args); help || err != nil {
		return err
	}
	spec, err := f.spec()
	if err != nil {
		return err
	}
	cfg, err := loadTranscoderConfig(f.config)
	if err != nil {
		return err
	}
	client, err := apiClient(cfg, f.api)
	if err != nil {
		return err
	}
	ctx := context.Background()
	if spec.Source, err = f.upload(ctx, cfg); err != nil {
		return err
	}
	job, err := client.Submit(ctx, spec)
	if err != nil {
		return err
	}
	log.Info("job queued", "job", job.ID, "asset", job.Asset, "source", job.Source, "ladder", job.Ladder, "delivery", job.Delivery)
	_, err = fmt.Fprintln(stdout, job.ID)
	return err
}

// spec checks the flags and reads the policy, before anything is uploaded.
func (f *submitFlags) spec() (transcoder.Spec, error) {
	switch {
	case f.source == "" || f.asset == "" || f.policy == "":
		return transcoder.Spec{}, errors.New(submitUsage)
	case !asset.ValidID(f.asset):
		return transcoder.Spec{}, fmt.Errorf("--asset: want %s, got %q", asset.IDGrammar, f.asset)
	case !asset.ValidDelivery(f.delivery):
		return transcoder.Spec{}, fmt.Errorf("--delivery: want %s, got %q", asset.DeliveryValues, f.delivery)
	}
	if err := asset.CheckGetURL(f.getURL); err != nil {
		return transcoder.Spec{}, fmt.Errorf("--get-url: %w", err)
	}
	data, err := os.ReadFile(f.policy)
	if err != nil {
		return transcoder.Spec{}, fmt.Errorf("--policy: %w", err)
	}
	if _, err := policy.Parse(data); err != nil {
		return transcoder.Spec{}, fmt.Errorf("--policy %s: %w", f.policy, err)
	}
	return transcoder.Spec{Asset: f.asset, Title: f.title, Ladder: f.ladder, Policy: data, Teaser: f.teaser, GetURL: f.getURL, Delivery: f.delivery}, nil
}

// upload returns the source URL, uploading a local file first.
func (f *submitFlags) upload(ctx context.Context, cfg transcoder.Config) (string, error) {
	if strings.HasPrefix(f.source, "s3://") {
		_, _, err := transcoder.ParseSourceURL(f.source)
		return f.source, err
	}
	bar := newUploadProgress(progressOut, filepath.Base(f.source))
	return transcoder.Upload(ctx, cfg.Sources, f.asset, f.source, bar.report)
}

// uploadProgress draws a bar on a terminal and prints a line per 10%
// otherwise (logs, CI).
type uploadProgress struct {
	w     io.Writer
	tty   bool
	name  string
	start time.Time
	drawn time.Time
	tenth int64
	ended bool
}

func newUploadProgress(w io.Writer, name string) *uploadProgress {
	f, ok := w.(*os.File)
	tty := false
	if ok {
		st, err := f.Stat()
		tty = err == nil && st.Mode()&os.ModeCharDevice != 0
	}
	return &uploadProgress{w: w, tty: tty, name: name, start: time.Now(), tenth: -1}
}

func (p *uploadProgress) report(sent, total int64) {
	done := sent >= total
	if !p.tty {
		if t := sent * 10 / max(total, 1); t > p.tenth {
			p.tenth = t
			fmt.Fprintf(p.w, "uploading %s: %d%% (%d of %d bytes)\n", p.name, t*10, sent, total)
		}
		return
	}
	if p.ended || !done && time.Since(p.drawn) < 100*time.Millisecond {
		return
	}
	p.ended = done
	p.drawn = time.Now()
	const width = 30
	fill := int(sent * width / max(total, 1))
	rate := float64(sent) / max(time.Since(p.start).Seconds(), 0.001) / (1 << 20)
	fmt.Fprintf(p.w, "\r%s [%s%s] %3d%% %.1f/%.1f MiB %.1f MiB/s", p.name, strings.Repeat("=", fill),
		strings.Repeat(" ", width-fill), sent*100/max(total, 1), float64(sent)/(1<<20), float64(total)/(1<<20), rate)
	if done {
		fmt.Fprintln(p.w)
	}
}
