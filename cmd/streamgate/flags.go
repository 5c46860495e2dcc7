package main

import (
	"errors"
	"flag"
)

// parseArgs parses args into fset with flags allowed after positional
// arguments, as users type them (`streamgate jobs ID --json`); Go's flag
// package alone stops at the first non-flag. After "--" everything is
// positional. It returns the positional arguments in order; help reports -h,
// which has printed the usage and is not a failure.
func parseArgs(fset *flag.FlagSet, args []string) (pos []string, help bool, err error) {
	for {
		if err := fset.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, true, nil
			}
			return nil, false, err
		}
		rest := fset.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), false, nil
		}
		if len(rest) == 0 {
			return pos, false, nil
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}
