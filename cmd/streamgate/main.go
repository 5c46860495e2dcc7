// Command streamgate is the one StreamGate binary: each role is a subcommand.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
)

// command is one subcommand: it parses its own flags from args.
type command struct {
	name    string
	summary string
	run     func(args []string, log *slog.Logger) error
}

var commands = []command{
	{"demo", "the whole product on one machine: dev chain, sample, edge + signer, watch page", runDemo},
	{"edge", "serve HLS/DASH to token holders from the origin", runEdge},
	{"indexer", "follow token transfers and revoke stale ownership", runIndexer},
	{"jobs", "list transcode jobs with state and progress", runJobs},
	{"keys", "manage signing keys (keys gen, add, retire)", runKeys},
	{"signer", "wallet sign-in and playback tokens", runSigner},
	{"submit", "upload a source and queue a transcode job", runSubmit},
	{"token", "mint tokens for operators and tests (token mint …)", runToken},
	{"transcoder", "run transcode workers and the job API", runTranscoder},
}

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	for _, c := range commands {
		if c.name == os.Args[1] {
			err := c.run(os.Args[2:], log)
			if errors.Is(err, flag.ErrHelp) {
				return // the flag set printed its usage
			}
			if err != nil {
				fmt.Fprintf(os.Stderr, "streamgate %s: %v\n", c.name, err)
				os.Exit(1)
			}
			return
		}
	}
	usage()
	os.Exit(2)
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: streamgate <command> [flags]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(os.Stderr, "  %-10s %s\n", c.name, c.summary)
	}
}
