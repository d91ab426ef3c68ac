package cli

import (
	"flag"
	"strings"
	"testing"
)

// An empty value is refused for a flag whose empty value means nothing,
// not for one where it says something (--faults "" is no faults), and a
// flag whose value cannot say its type (fs.Func) is left alone.
func TestEmptyFlag(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-out", ""}, "out"},
		{[]string{"-out", " "}, "out"},
		{[]string{"-out", "x"}, ""},
		{[]string{"-faults", ""}, ""},
		{[]string{"-hook", ""}, ""},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.String("out", "here", "")
		fs.String("faults", "", "")
		fs.Func("hook", "", func(string) error { return nil })
		if err := fs.Parse(c.args); err != nil {
			t.Fatal(err)
		}
		if got := emptyFlag(fs); got != c.want {
			t.Errorf("%q: emptyFlag = %q, want %q", c.args, got, c.want)
		}
	}
}

// A command given no TARGET lists every target it takes: get and set
// said "give one of --me, --user, --group", leaving out --contact, which
// their help lists; remove, which cannot remove a contact's photo, does
// not offer it.
func TestNoTargetListsEveryTarget(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"get"}, "give one of --me, --user, --group, --contact\n"},
		{[]string{"set", "--file", "x.png"}, "give one of --me, --user, --group, --contact\n"},
		{[]string{"remove", "--yes"}, "give one of --me, --user, --group\n"},
	} {
		code, _, stderr := photodesk(t, cmdOpts{dir: t.TempDir()}, c.args...)
		if code != ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}

// A switch given as false is not given: "--me=false --user X" named two
// targets, and "--me=false" alone asked for an id for --user.
func TestSwitchGivenAsFalseIsNotGiven(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.Bool("me", false, "")
	fs.Bool("all", false, "")
	fs.String("user", "", "")
	if err := fs.Parse([]string{"--me=false", "--all", "--user", "x"}); err != nil {
		t.Fatal(err)
	}
	if set := flagSet(fs); set["me"] || !set["all"] || !set["user"] {
		t.Errorf("flagSet = %v, want all and user", set)
	}
	code, _, stderr := photodesk(t, cmdOpts{dir: t.TempDir()}, "get", "--me=false")
	if code != ExitUsage || !strings.Contains(stderr, "give one of --me, --user, --group, --contact") {
		t.Errorf("get --me=false: exit %d, stderr %q", code, stderr)
	}
}

// A value of the wrong type is said as the help says it, with the flag's
// two dashes: `invalid value "5" for flag -max-wait: parse error` was the
// flag package's.
func TestFlagOfTheWrongTypeIsSaidInWords(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--all-users", "--out", "x", "--max-wait", "5"}, `--max-wait: "5" is not a duration such as 90s or 5m`},
		{[]string{"sandbox", "--users", "many"}, `--users: "many" is not a whole number`},
		{[]string{"get", "--me=maybe"}, `--me: "maybe" is not true or false`},
	} {
		code, _, stderr := photodesk(t, cmdOpts{dir: t.TempDir()}, c.args...)
		if code != ExitUsage || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "parse error") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}
