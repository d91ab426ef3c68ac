package views

import (
	"context"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/startup"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// signInDone hears how a sign-in ended, on the UI goroutine; err is
// context.Canceled when the person cancelled.
type signInDone func(acct auth.Account, err error)

// signInWithBrowser signs a person in to env in the system browser: the one
// interactive flow behind the sign-in panel, "Add another account…" and
// consent to a new permission. hint pre-fills the username. A dialog says
// where to finish and cancels the sign-in on request.
func (sh *shell) signInWithBrowser(env *startup.Env, hint string, done signInDone) {
	ctx, cancel := context.WithCancel(sh.ctx)
	msg := widget.NewLabel("Your browser shows Microsoft's sign-in page. Finish signing in there; Photo Desk carries on by itself.")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Signing in", "Cancel", msg, sh.w)
	d.SetOnClosed(cancel)
	d.Resize(fyne.NewSize(440, 0))
	d.Show()
	var opts []auth.SignInOption
	if hint != "" {
		opts = append(opts, auth.WithLoginHint(hint))
	}
	openURL := func(u string) error { return sh.openURL(ctx, env, u) }
	go func() {
		acct, err := env.Session.SignInInteractive(ctx, openURL, opts...)
		sh.cfg.do(func() {
			d.Hide()
			cancel()
			if env == sh.env {
				done(acct, err)
			}
		})
	}()
}

// openURL shows a sign-in page: in the system browser for a real tenant;
// for the sandbox in-process, since no browser trusts the sandbox's own CA.
func (sh *shell) openURL(ctx context.Context, env *startup.Env, u string) error {
	if sh.cfg.openURL != nil {
		return sh.cfg.openURL(ctx, env, u)
	}
	if env.Sandbox != nil {
		return identity.PlayBrowser(ctx, env.Sandbox.IdentityHTTPClient(), u)
	}
	parsed, err := url.Parse(u)
	if err != nil {
		return err
	}
	return sh.a.OpenURL(parsed)
}

// signInWithDeviceCode signs a person in with a code entered on any device:
// the dialog shows the code and the page, each with a copy button, and its
// Cancel ends the wait.
func (sh *shell) signInWithDeviceCode(env *startup.Env, done signInDone) {
	ctx, cancel := context.WithCancel(sh.ctx)
	dc := newDeviceCodeDialog(sh.w, sh.a.Clipboard(), cancel)
	sh.device = dc
	dc.show()
	show := func(code, link, _ string) {
		sh.cfg.do(func() { dc.setCode(code, link) })
	}
	go func() {
		acct, err := env.Session.SignInDeviceCode(ctx, show)
		sh.cfg.do(func() {
			dc.hide()
			cancel()
			if env == sh.env {
				done(acct, err)
			}
		})
	}()
}
