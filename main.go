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

	"github.com/photodesk/photodesk/cli"
	"github.com/photodesk/photodesk/views"
)

// appID is the reverse-DNS id Fyne keys preferences by; it matches FyneApp.toml.
const appID = "io.github.photodesk.photodesk"

func main() {
	if len(os.Args) > 1 && cli.IsCommand(os.Args[1]) {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	a := fyneapp.NewWithID(appID)
	views.Run(a)
}
