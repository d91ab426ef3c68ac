package views

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
)

// signInDone hears how a sign-in ended, on the UI goroutine; err is
// context.Canceled when the person cancelled.
type signInDone func(acct auth.Account, err error)

// signInWithBrowser signs a person in in the browser: the one interactive
// flow behind the sign-in panel and "Add another account…". hint
// pre-fills the username. A dialog says where to finish and cancels the
// sign-in on request.
func (sh *shell) signInWithBrowser(hint string, done signInDone) {
	// A username pasted with spaces around it is still that username, as
	// the command line's --user is; Entra ID would call it unknown.
	hint = strings.TrimSpace(hint)
	sh.browserFlow(done, func(ctx context.Context) (auth.Account, error) {
		return sh.ctrl.SignInBrowser(ctx, hint)
	})
}

// The "Signing in" dialog's words: while Entra ID is reached, and once
// the sign-in page is open.
const (
	signInConnectingText = "Connecting to Microsoft's sign-in service… Your browser opens its sign-in page in a moment."
	signInPageText       = "Your browser shows Microsoft's sign-in page. Finish signing in there; Photo Desk carries on by itself."
)

// The same words on the sandbox tenant, whose sign-in page Photo Desk
// plays itself: no browser opens there, and telling a person to finish in
// one sent them looking for a window that never came.
const (
	sandboxConnectingText = "Connecting to the sandbox tenant's sign-in service…"
	sandboxPageText       = "The sandbox tenant signs its demo account in by itself: no browser opens and no password is asked. Photo Desk carries on in a moment."
)

// signInTexts is what the "Signing in" dialog says while connecting and
// once the page is shown, on the sandbox (demo) or on Microsoft 365.
func signInTexts(demo bool) (connecting, page string) {
	if demo {
		return sandboxConnectingText, sandboxPageText
	}
	return signInConnectingText, signInPageText
}

// browserFlow runs sign-in (which opens the browser) under a "Signing in"
// dialog whose Cancel ends it.
func (sh *shell) browserFlow(done signInDone, signIn func(context.Context) (auth.Account, error)) {
	ctx, cancel := context.WithCancel(context.Background())
	connecting, page := signInTexts(sh.state.Status.Demo)
	msg := widget.NewLabel(connecting)
	msg.Wrapping = fyne.TextWrapWord
	// The page opens only once Entra ID has answered: until then the
	// dialog says it is connecting, not that the browser shows a page.
	ctx = session.WithSignInPageShown(ctx, func() {
		sh.do(func() { msg.SetText(page) })
	})
	d := newCustom("Signing in", "Cancel", msg, sh.w)
	d.SetOnClosed(cancel)
	d.Resize(fyne.NewSize(440, 0))
	d.Show()
	go func() {
		acct, err := signIn(ctx)
		sh.do(func() {
			d.Hide()
			cancel()
			done(acct, err)
		})
	}()
}

// signInWithDeviceCode signs a person in with a code entered on any device:
// the dialog shows the code and the page, each with a copy button, and its
// Cancel ends the wait. username, typed in Add another account, is whom the
// sandbox enters the code for ("" for its demo account); on Microsoft 365
// whoever enters the code signs in.
func (sh *shell) signInWithDeviceCode(username string, done signInDone) {
	username = strings.TrimSpace(username) // as the browser's hint
	ctx, cancel := context.WithCancel(context.Background())
	dc := newDeviceCodeDialog(sh.w, sh.textClip, sh.state.Status.Demo, username, cancel)
	dc.show()
	show := func(code, link string) {
		sh.do(func() { dc.setCode(code, link) })
	}
	go func() {
		acct, err := sh.ctrl.SignInDeviceCode(ctx, username, show)
		sh.do(func() {
			dc.hide()
			cancel()
			done(acct, err)
		})
	}()
}
