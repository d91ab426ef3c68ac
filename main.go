// Command photodesk is a desktop app and command line for looking at
// Microsoft 365 / Entra ID profile photos through Microsoft Graph.
//
// With no arguments it opens the window (on the built-in sandbox tenant
// unless Settings name a Microsoft 365 tenant); `photodesk get`, `export`
// and `sandbox` run the command line.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/startup"
	"github.com/photodesk/photodesk/cli"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/views"
)

// appID is the reverse-DNS id Fyne keys preferences by; it matches FyneApp.toml.
const appID = "io.github.photodesk.photodesk"

func main() {
	if len(os.Args) > 1 && cli.IsCommand(os.Args[1]) {
		os.Exit(runCommand(os.Args[1:]))
	}
	views.Run(fyneapp.NewWithID(appID))
}

// runCommand runs the command line; without --graph-url or --sandbox it
// uses the account signed in to the window, on the cloud set in Settings.
func runCommand(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
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
	return cli.Run(ctx, args, os.Stdin, os.Stdout, os.Stderr)
}
