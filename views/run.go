package views

import (
	"context"
	"log/slog"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/startup"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/resources"
)

// Run opens the engine on the cloud chosen in Settings (the sandbox tenant
// until someone picks Microsoft 365), shows the main window and returns when
// it closes. A start that fails shows a window saying why, with the way to
// Settings, rather than exiting.
func Run(a fyne.App) {
	a.SetIcon(resources.AppIcon)
	prefs := a.Preferences()
	throttle := NewThrottle()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	env, err := startup.Open(context.Background(), startup.Options{
		Cloud:         startup.CloudFromPrefs(prefs),
		CacheTTL:      app.CacheTTLFrom(prefs),
		ClientOptions: []graphapi.Option{graphapi.WithRetry(graphapi.RetryPolicy{Sleep: throttle.Sleep})},
		Logger:        log,
	})
	if err != nil {
		fyne.LogError("open Photo Desk", err)
		showStartFailure(a, err)
		return
	}
	defer env.Close()
	w := Create(a, env.Engine, statusFor(env, throttle))
	w.ShowAndRun()
}

// statusFor is what the status bar says about env: whose tokens, which
// tenant and API version, and whether the tokens outlive this run.
func statusFor(env *startup.Env, throttle *Throttle) Status {
	st := Status{
		Tenant:     env.Cloud.TenantID,
		APIVersion: env.Cloud.APIVersion,
		Sandbox:    env.Sandbox != nil,
		Throttle:   throttle,
	}
	if acct, ok := env.Session.Current(); ok {
		st.Account = acct.Username
	}
	if env.Sandbox != nil {
		st.Tenant = "contoso.onmicrosoft.com"
	}
	if p := env.Session.Persistence(); !p.Keyring {
		st.Notice = p.String()
	}
	return st
}

// showStartFailure replaces the main window when the engine cannot open,
// e.g. a tenant id that is not one: the person reads why and can fix it.
func showStartFailure(a fyne.App, err error) {
	w := a.NewWindow("Photo Desk")
	msg := widget.NewLabel("Photo Desk could not start: " + app.Friendly(err))
	msg.Wrapping = fyne.TextWrapWord
	settings := widget.NewButton("Settings…", func() { showSettingsDialog(a.Preferences(), w) })
	quit := widget.NewButton("Quit", a.Quit)
	w.SetContent(container.NewVBox(msg, container.NewHBox(settings, quit)))
	w.Resize(fyne.NewSize(520, 180))
	w.ShowAndRun()
}

// showSettingsDialog edits the preferences in a form over w; connection
// settings take effect at the next start.
func showSettingsDialog(prefs app.Preferences, w fyne.Window) {
	f := newSettingsForm(prefs)
	d := dialog.NewForm("Settings", "Save", "Cancel", f.items(), func(ok bool) {
		if ok {
			f.save()
		}
	}, w)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}
