package cli

import (
	"flag"
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
