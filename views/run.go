package views

import (
	"log/slog"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/photodesk/photodesk/app/startup"
	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/resources"
)

// Run shows the window on the cloud chosen in Settings (the sandbox tenant
// until someone picks Microsoft 365) and returns when it closes. The window
// opens at once and connects in the background; sign-in, account switches
// and Settings changes happen in it without a restart, and a connection
// that fails says why, with the way to Settings, rather than exiting.
func Run(a fyne.App) {
	a.SetIcon(resources.AppIcon)
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	sh := newShell(a, shellConfig{logger: log})
	sh.connect()
	sh.w.ShowAndRun()
	sh.close()
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
	if env.Session.IsApp() {
		st.Account = appAccountText
	}
	if env.Sandbox != nil {
		st.Tenant = sandbox.Domain
	}
	st.Notice = keyringNotice(env.Session.Persistence())
	if env.Session.IsApp() {
		st.Notice = joinNotices(st.Notice, appLimits)
	}
	return st
}

// showSettingsDialog edits the preferences in a form over w. saved hears
// what changed once the preferences are written; connection settings take
// effect through it (the shell re-opens the engine).
func showSettingsDialog(f *settingsForm, w fyne.Window, saved func(settingsChange)) {
	d := dialog.NewForm("Settings", "Save", "Cancel", f.items(), func(ok bool) {
		if !ok {
			return
		}
		change := f.save()
		if saved != nil {
			saved(change)
		}
	}, w)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// sentence makes s, possibly lowercase and unpunctuated, read as one.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
