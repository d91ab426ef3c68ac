// Command photodesk is a desktop app and command line for looking at
// Microsoft 365 / Entra ID profile photos through Microsoft Graph.
//
// With no arguments it opens the window (on the built-in sandbox tenant
// unless Settings name a Microsoft 365 tenant); `photodesk get`, `export`
// and `sandbox` run the command line.
package main

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/startup"
	"github.com/photodesk/photodesk/cli"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/internal/buildinfo"
	// Its init hides a C locale from Fyne's; Go runs it before Fyne's
	// lang package whatever the order here (see the package doc).
	"github.com/photodesk/photodesk/internal/localefix"
	"github.com/photodesk/photodesk/internal/winconsole"
	"github.com/photodesk/photodesk/views"
)

// appID is the reverse-DNS id Fyne keys preferences by; it matches FyneApp.toml.
const appID = "io.github.photodesk.photodesk"

// fyneAppTOML is FyneApp.toml, where the version and build number are
// written for `fyne package`; --version reads them from it too, through
// buildinfo (go:embed cannot reach the root from a package below it).
//
//go:embed FyneApp.toml
var fyneAppTOML []byte

// A broken FyneApp.toml only leaves the version unknown (and fails
// internal/buildinfo's tests, which parse the real file).
func init() { _ = buildinfo.Set(fyneAppTOML) }

func main() {
	localefix.Restore()
	if args := commandLine(os.Args[1:]); len(args) > 0 {
		os.Exit(runCommand(args))
	}
	if msg := noDisplay(); msg != "" {
		fmt.Fprintln(os.Stderr, "photodesk: "+msg)
		os.Exit(cli.ExitFailure)
	}
	// A window stays open all day: collect when the heap has grown by half
	// rather than doubled, so scrolling through a long list leaves less
	// garbage resident (about 13 MB after 1,000 results, `make bench`
	// scenario 5), for a little more collecting. GOGC still overrides it.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(windowGCPercent)
	}
	a := fyneapp.NewWithID(appID)
	views.Run(a, startup.WindowOpener())
}

// windowGCPercent is the window's garbage collection target (see main).
const windowGCPercent = 50

// commandLine drops the process serial number macOS adds when the app is
// opened from Finder; anything else is the command line's (which answers
// unknown words with its usage, rather than opening a window).
func commandLine(args []string) []string {
	if len(args) == 1 && strings.HasPrefix(args[0], "-psn_") {
		return nil
	}
	return args
}

// runCommand runs the command line; without --graph-url or --sandbox it
// uses the account signed in to the window, on the cloud set in Settings.
func runCommand(args []string) int {
	winconsole.Attach()
	var closers []func() error
	defer func() {
		for _, c := range closers {
			c()
		}
	}()
	cli.SignedIn = func(ctx context.Context, api string) (graphapi.TokenSource, string, error) {
		prefs := func() app.Preferences { return fyneapp.NewWithID(appID).Preferences() }
		ts, base, closeEnv, err := startup.SignedIn(ctx, prefs, api)
		if err == nil {
			closers = append(closers, closeEnv)
		}
		return ts, base, err
	}
	// cli.Run turns Ctrl+C and SIGTERM into a clean stop, and a second
	// Ctrl+C into quitting at once: no handler of its own here, which
	// would swallow that second one.
	return cli.Run(context.Background(), args, os.Stdin, os.Stdout, os.Stderr)
}
