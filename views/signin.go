package views

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/views/widgets"
)

// signInPanel is the window while nobody is signed in to a tenant: it says
// so and offers the two ways in, the browser first and a device code for
// machines whose browser cannot be used.
type signInPanel struct {
	sh      *shell
	title   *widget.Label
	explain *widget.Label
	browser *widget.Button
	device  *widget.Button
	problem *widget.Label // why the last try failed, in words for a person
	status  *statusBar    // which tenant, and whether sign-ins are remembered
	content fyne.CanvasObject
}

func newSignInPanel(sh *shell, where string, demo bool) *signInPanel {
	p := &signInPanel{
		sh:      sh,
		title:   widget.NewLabel("You are not signed in"),
		explain: widget.NewLabel(""),
		problem: widget.NewLabel(""),
	}
	p.title.TextStyle.Bold = true
	p.title.SizeName = theme.SizeNameHeadingText
	p.title.Alignment = fyne.TextAlignCenter
	p.explain.SetText(signInExplained(where, demo))
	p.explain.Wrapping = fyne.TextWrapWord
	p.explain.Alignment = fyne.TextAlignCenter
	p.problem.Wrapping = fyne.TextWrapWord
	p.problem.Importance = widget.DangerImportance
	p.problem.Hide()
	p.browser = widget.NewButtonWithIcon("Sign in with your browser", theme.LoginIcon(), p.onBrowser)
	p.browser.Importance = widget.HighImportance
	p.device = widget.NewButton("Use a device code instead", p.onDevice)
	// The reason a sign-in failed hangs under the buttons rather than
	// being centred with them: they stay under the pointer when it shows.
	p.content = container.New(widgets.HeadColumnLayout{Width: 480},
		container.NewVBox(p.title, p.explain, container.NewCenter(container.NewVBox(p.browser, p.device))),
		p.problem)
	return p
}

// signInExplained is what the panel says signing in means: on Microsoft
// 365, using the account's own permissions; on the sandbox, its demo
// account, which asked for "your Microsoft 365 account" the sandbox never
// sees.
func signInExplained(where string, demo bool) string {
	if demo {
		return "The sandbox tenant is an emulated Contoso tenant with demo people and photos. " +
			"It runs inside Photo Desk, so nothing leaves this computer, and signing in there signs in its demo helpdesk account, " +
			"with no password. Sign in to start."
	}
	return "Photo Desk shows profile photos with the permissions of your Microsoft 365 account. " +
		"Sign in to " + where + " to start."
}

func (p *signInPanel) onBrowser() {
	p.busy(true)
	p.sh.signInWithBrowser("", p.finished)
}

func (p *signInPanel) onDevice() {
	p.busy(true)
	p.sh.signInWithDeviceCode("", p.finished)
}

// finished says why a sign-in failed; after a success the controller
// reports the account, and the main window replaces the panel. A sign-in
// Settings stopped says so in a dialog: the panel has gone with the
// connection it was for, or is about to.
func (p *signInPanel) finished(_ auth.Account, err error) {
	p.busy(false)
	switch {
	case errors.Is(err, session.ErrSignInStopped):
		showInformation(signInFailedTitle(err), p.sh.explain(err), p.sh.w)
	case errors.Is(err, context.Canceled):
		p.setProblem("")
	case err != nil:
		p.setProblem(p.sh.explain(err))
	}
}

// signInFailedTitle titles the message of a sign-in that did not
// succeed. One Settings stopped is not called "Not signed in": its
// tokens may have reached the keyring, and the new connection may show it.
func signInFailedTitle(err error) string {
	if errors.Is(err, session.ErrSignInStopped) {
		return "Sign-in stopped"
	}
	return "Not signed in"
}

func (p *signInPanel) busy(on bool) {
	for _, b := range []*widget.Button{p.browser, p.device} {
		if on {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

func (p *signInPanel) setProblem(text string) {
	p.problem.SetText(text)
	setVisible(p.content, p.problem, text != "")
}

// showSignIn is the window when nobody is signed in: the panel above a
// status bar that says which tenant and whether sign-ins are remembered.
func (sh *shell) showSignIn(st session.State) {
	p := newSignInPanel(sh, st.Where, st.Status.Demo)
	p.status = newStatusBar(st.Status)
	p.status.explainNoticeIn(sh.w)
	sh.pane = p
	sh.w.SetContent(container.NewBorder(nil, p.status.content, nil, nil, p.content))
}
