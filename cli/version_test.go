package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/internal/buildinfo"
)

// --version, -version and version print one line on stdout, with the
// version and build number of FyneApp.toml (which main embeds), and exit 0.
func TestBinaryVersion(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	app, err := buildinfo.Parse(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("photodesk %s (build %d, go", app.Version, app.Build)
	platform := ", " + runtime.GOOS + "/" + runtime.GOARCH
	for _, arg := range []string{"--version", "-version", "version"} {
		code, stdout, stderr := photodesk(t, cmdOpts{}, arg)
		if code != ExitOK {
			t.Errorf("photodesk %s: exit %d, want %d", arg, code, ExitOK)
		}
		if !strings.HasPrefix(stdout, want) || !strings.Contains(stdout, platform) ||
			!strings.HasSuffix(stdout, ")\n") || strings.Count(stdout, "\n") != 1 {
			t.Errorf("photodesk %s: stdout = %q, want one line starting with %q, naming %s", arg, stdout, want, platform[2:])
		}
		if stderr != "" {
			t.Errorf("photodesk %s: stderr = %q, want nothing", arg, stderr)
		}
	}
}

func TestVersionArguments(t *testing.T) {
	for _, tc := range []struct {
		args         []string
		code         int
		stdout, errs string
	}{
		{[]string{"version", "-h"}, ExitOK, "usage: photodesk version", ""},
		{[]string{"--version", "--help"}, ExitOK, "usage: photodesk version", ""},
		{[]string{"version", "extra"}, ExitUsage, "", `photodesk version: unexpected argument "extra"`},
		{[]string{"--version", "--json"}, ExitUsage, "", "photodesk version: flag provided but not defined: -json"},
		// help COMMAND is that command's help; it printed the list of commands.
		{[]string{"help", "version"}, ExitOK, "usage: photodesk version", ""},
		{[]string{"help", "get"}, ExitOK, "usage: photodesk get", ""},
		{[]string{"help", "bogus"}, ExitUsage, "", `photodesk: unknown command "bogus"`},
	} {
		var stdout, stderr bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
		code := run(context.Background(), tc.args, e)
		if code != tc.code || !strings.HasPrefix(stdout.String(), tc.stdout) || !strings.HasPrefix(stderr.String(), tc.errs) ||
			(tc.stdout == "") != (stdout.Len() == 0) || (tc.errs == "") != (stderr.Len() == 0) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d, stdout %q…, stderr %q…",
				tc.args, code, stdout.String(), stderr.String(), tc.code, tc.stdout, tc.errs)
		}
	}
}

// The version command is listed with the others.
func TestTopUsageListsVersion(t *testing.T) {
	if u := topUsage(); !strings.Contains(u, "\n  version  print the version") {
		t.Errorf("topUsage() = %q, want a version line", u)
	}
}
