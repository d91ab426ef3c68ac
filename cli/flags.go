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
		return usageFail(e, fs.Name(), emptyValue(name, fs.Lookup(name).Value.String())), true
	}
	readSubjects(fs)
	return ExitOK, false
}

// emptyValue is the usage error of flag name given value, empty or only
// spaces: which of the two (a pasted id of spaces reads as "empty" to
// nobody), and for a flag that names whose photo, what it takes.
func emptyValue(name, value string) error {
	dash := "--"
	if len(name) == 1 {
		dash = "-"
	}
	given := "an empty value"
	if value != "" {
		given = "only spaces"
	}
	if takes, ok := subjectFlags[name]; ok {
		return fmt.Errorf("%s%s was given %s: it takes %s", dash, name, given, takes)
	}
	return fmt.Errorf("%s%s was given %s", dash, name, given)
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

// subjectFlags are the flags, in every command, that name whose photo —
// a user, a group, a contact, the mailbox a contact is in — with what
// each takes. They are all read through subject.
var subjectFlags = map[string]string{
	"user":        "an id or UPN",
	"of-user":     "an id or UPN",
	"group":       "the group's object id",
	"contact":     "the contact's id",
	"group-photo": "a group's id, mail or display name",
}

// subject is the value v of the subject flag name as the person meant it:
// without the spaces around it (pasted from a spreadsheet,
// " adele@contoso.com " is no one), and for a user with the escapes of a
// UPN copied out of a URL undone (app.UnescapedUPN).
func subject(name, v string) string {
	v = strings.TrimSpace(v)
	if name == "user" || name == "of-user" {
		v = app.UnescapedUPN(v)
	}
	return v
}

// readSubjects reads the subject flags given through subject, once parsed.
// A flag that may be given many times (--group-photo) reads each value as
// it is set instead (repeated.Set): setting it again here would add one.
func readSubjects(fs *flag.FlagSet) {
	fs.Visit(func(f *flag.Flag) {
		if _, ok := subjectFlags[f.Name]; !ok {
			return
		}
		if _, many := f.Value.(*repeated); many {
			return
		}
		_ = f.Value.Set(subject(f.Name, f.Value.String()))
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

// refusedValue is how the flag package words a value a flag's Set
// refused: `invalid value " " for flag -group-photo: REASON`.
var refusedValue = regexp.MustCompile(`(?s)^invalid value ".*" for flag -(\S+): (.*)$`)

// flagError words a value of the wrong type as the help does: the flag
// with its two dashes and what it takes ("--max-wait: "5" is not a
// duration such as 90s or 5m"), not the flag package's "parse error".
// A value a flag refused in words that name it (emptyValue) is said in
// those alone; other errors are kept.
func flagError(fs *flag.FlagSet, err error) error {
	if r := refusedValue.FindStringSubmatch(err.Error()); r != nil && strings.HasPrefix(r[2], "--"+r[1]+" ") {
		// Set said it naming the flag (emptyValue): the flag package's
		// "invalid value" around it would say it twice.
		return errors.New(r[2])
	}
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
