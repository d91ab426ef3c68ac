package cli

import (
	"context"
	"fmt"

	"github.com/photodesk/photodesk/internal/buildinfo"
)

const versionUsage = `usage: photodesk version   (or photodesk --version)

Print the version and build number (from FyneApp.toml), the Go toolchain,
the platform and, when built from a git checkout, the commit.
`

// runVersion prints the version line on stdout.
func runVersion(_ context.Context, e *env, args []string) int {
	if code, done := parseFlags(newFlags("version"), e, args, versionUsage); done {
		return code
	}
	fmt.Fprintln(e.stdout, buildinfo.Line())
	return ExitOK
}

// isVersion reports whether arg asks for the version, like `version`.
func isVersion(arg string) bool {
	return arg == "-version" || arg == "--version"
}
