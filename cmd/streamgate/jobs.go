package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"text/tabwriter"
	"time"

	"github.com/streamgate/streamgate/transcoder"
)

const jobsUsage = "usage: streamgate jobs [--limit N] [--json] [--config FILE] [--api URL] [JOB-ID]"

// runJobs lists recent jobs with state and progress, or shows one.
func runJobs(args []string, _ *slog.Logger) error {
	fset := flag.NewFlagSet("jobs", flag.ContinueOnError)
	path := fset.String("config", "", configHelp)
	api := fset.String("api", "", "job API `URL` (default http://<admin.listen>)")
	limit := fset.Int("limit", 20, "jobs to list, newest first (1..1000)")
	asJSON := fset.Bool("json", false, "print JSON")
	pos, help, err := parseArgs(fset, args)
	if help || err != nil {
		return err
	}
	if len(pos) > 1 {
		return errors.New(jobsUsage)
	}
	cfg, err := loadTranscoderConfig(*path)
	if err != nil {
		return err
	}
	client, err := apiClient(cfg, *api)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if len(pos) == 1 {
		id := pos[0]
		job, err := client.Job(ctx, id)
		if err != nil {
			return err
		}
		return printJobs([]transcoder.Job{job}, *asJSON)
	}
	jobs, err := client.Jobs(ctx, *limit)
	if err != nil {
		return err
	}
	return printJobs(jobs, *asJSON)
}

func printJobs(jobs []transcoder.Job, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(jobs)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tASSET\tSTATE\tPROGRESS\tATTEMPTS\tUPDATED\tERROR")
	for _, j := range jobs {
		progress := "-"
		if j.State == transcoder.StateRunning || j.State == transcoder.StatePublished {
			progress = fmt.Sprintf("%d%%", j.Progress)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", j.ID, j.Asset, j.State, progress, j.Attempts,
			j.UpdatedAt.Local().Format(time.DateTime), clip(j.Error, 80))
	}
	return tw.Flush()
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
