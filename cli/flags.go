package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/photodesk/photodesk/app"
)

// newFlags makes a flag set that reports errors to us instead of printing
// Go's generic usage.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses args. It returns done=true with the exit code when the
// command should stop: -h prints usage on stdout (exit 0), a bad flag or a
// stray argument prints the error and usage on stderr (exit 2).
func parseFlags(fs *flag.FlagSet, e *env, args []string, usage string) (code int, done bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(e.stdout, usage)
		return ExitOK, true
	case err != nil:
		return usageFail(e, fs.Name(), flagError(fs, err)), true
	case fs.NArg() > 0:
		return usageFail(e, fs.Name(), fmt.Errorf("unexpected argument %q (all inputs are flags)", fs.Arg(0))), true
	}
	if name := emptyFlag(fs); name != "" {
		// An unset shell variable (-o "$OUT") must not fall back to a
		// default: it would write elsewhere than the script meant.
		dash := "--"
		if len(name) == 1 {
			dash = "-"
		}
		return usageFail(e, fs.Name(), fmt.Errorf("%s%s was given an empty value", dash, name)), true
	}
	trimIDs(fs)
	return ExitOK, false
}

// emptyFlag is the first text flag given on the command line with nothing
// (or only spaces) as its value, "" when there is none.
func emptyFlag(fs *flag.FlagSet) string {
	name := ""
	fs.Visit(func(f *flag.Flag) {
		g, ok := f.Value.(flag.Getter)
		if !ok || name != "" || emptyMeans[f.Name] {
			return
		}
		if _, text := g.Get().(string); text && strings.TrimSpace(f.Value.String()) == "" {
			name = f.Name
		}
	})
	return name
}

// emptyMeans are the flags whose empty value says something: --faults ""
// is no faults, as "none".
var emptyMeans = map[string]bool{"faults": true}

// trimIDs drops the spaces around the ids and UPNs a person names
// (pasted from a spreadsheet, " adele@contoso.com " is no one), and
// undoes the escapes of a UPN copied out of a URL (app.UnescapedUPN).
func trimIDs(fs *flag.FlagSet) {
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "user", "of-user":
			_ = f.Value.Set(app.UnescapedUPN(strings.TrimSpace(f.Value.String())))
		case "group", "contact":
			_ = f.Value.Set(strings.TrimSpace(f.Value.String()))
		}
	})
}

// usageFail prints a usage error on stderr: the mistake in one line and
// where the help is (the whole usage would bury the line that matters;
// -h prints it).
func usageFail(e *env, cmd string, err error) int {
	printf(e.stderr, "photodesk %s: %v\nRun photodesk %s -h for help.\n", cmd, err, cmd)
	return ExitUsage
}

// flagSet reports which flags were given on the command line. A switch
// given as false (--me=false, --all-users=false, as a script passing a
// variable writes it) is not given: it counted as one, so
// "get --me=false --user X" was refused for naming two targets.
func flagSet(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) {
		if g, ok := f.Value.(flag.Getter); ok {
			if on, isBool := g.Get().(bool); isBool && !on {
				return
			}
		}
		set[f.Name] = true
	})
	return set
}

// exactlyOne checks that exactly one of names was given.
func exactlyOne(set map[string]bool, names ...string) error {
	var given []string
	for _, n := range names {
		if set[n] {
			given = append(given, "--"+n)
		}
	}
	if len(given) == 1 {
		return nil
	}
	all := make([]string, len(names))
	for i, n := range names {
		all[i] = "--" + n
	}
	if len(given) == 0 {
		return usagef("give one of %s", strings.Join(all, ", "))
	}
	return usagef("give only one of %s (got %s)", strings.Join(all, ", "), strings.Join(given, " and "))
}

// noTarget is the usage error of a command given none of its TARGET
// flags, names, all of them: exactlyOne's list leaves out --contact,
// which goes with --folder (and --user or --of-user) rather than being
// one of a kind with --me, --user and --group, yet is a target all the same.
func noTarget(set map[string]bool, names ...string) error {
	for _, n := range names {
		if set[n] {
			return nil
		}
	}
	all := make([]string, len(names))
	for i, n := range names {
		all[i] = "--" + n
	}
	return usagef("give one of %s", strings.Join(all, ", "))
}

// invalidValue is how the flag package words a value its type cannot
// take: `invalid value "5" for flag -max-wait: parse error`.
var invalidValue = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-(\S+): (parse error|value out of range)$`)

// flagError words a value of the wrong type as the help does: the flag
// with its two dashes and what it takes ("--max-wait: "5" is not a
// duration such as 90s or 5m"), not the flag package's "parse error".
// Other errors, and a value a flag refused in its own words, are kept.
func flagError(fs *flag.FlagSet, err error) error {
	m := invalidValue.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	fl := fs.Lookup(m[2])
	if fl == nil {
		return err
	}
	g, ok := fl.Value.(flag.Getter)
	if !ok {
		return err
	}
	want := ""
	switch g.Get().(type) {
	case time.Duration:
		want = "a duration such as 90s or 5m"
	case bool:
		want = "true or false"
	case int, int64, uint, uint64:
		want = "a whole number"
	case float64:
		want = "a number"
	default:
		return err
	}
	if m[3] == "value out of range" {
		return fmt.Errorf("--%s: %q is out of range (want %s)", m[2], m[1], want)
	}
	return fmt.Errorf("--%s: %q is not %s", m[2], m[1], want)
}
