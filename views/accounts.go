package views

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/views/widgets"
)

// Account menu words, shared with the tests.
const (
	menuAccount    = "Account"
	menuAddAccount = "Add another account…"
	menuSignOut    = "Sign out…"
	menuSignIn     = "Sign in…"
	menuDemoNote   = "Sandbox tenant's demo accounts:" // short: a menu does not wrap
	// menuFinishSignOut, before a username, finishes a sign-out the
	// keyring could not record.
	menuFinishSignOut = "Finish signing out "
	// titleSignedOutUnsaved titles a sign-out the keyring could not
	// record: it took effect, only the keyring may still hold it.
	titleSignedOutUnsaved = "Signed out for this session"
)

// setMenu sets the menu bar: the main window's menus, or just File while
// there is none, and the Account menu. The accounts are read in the
// background and the menu set again when they are known.
func (sh *shell) setMenu() {
	sh.setMenuWith(nil)
	sh.rereadAccounts()
}

// rereadAccounts reads the signed-in accounts in the background and sets
// the menu again with them. Besides at every state, it runs whenever the
// window comes to the front (Fyne tells nothing of a menu being opened):
// another process — a second window — may have signed an account out
// meanwhile, and the menu kept offering it.
func (sh *shell) rereadAccounts() {
	st := sh.state
	if st.Phase != session.Ready && st.Phase != session.SignedOut {
		return
	}
	if conn := sh.conn(); conn != nil && conn.IsApp() {
		return
	}
	go func() {
		accts, err := sh.ctrl.Accounts(context.Background())
		if err != nil {
			fyne.LogError("list the signed-in accounts", errors.New(app.Sanitize(err.Error()))) // Entra ID's words, maybe hostile
			return
		}
		unforgotten := sh.ctrl.Unforgotten()
		sh.do(func() {
			if sh.state.Seq == st.Seq {
				sh.setMenuWith(accts, unforgotten...)
			}
		})
	}()
}

// setMenuWith sets the menus with the signed-in accounts accts and those
// whose sign-out the keyring has not recorded yet.
func (sh *shell) setMenuWith(accts []auth.Account, unforgotten ...auth.Account) {
	var menu *fyne.MainMenu
	if sh.main != nil {
		menu = sh.main.mainMenu()
	} else {
		menu = fyne.NewMainMenu(fyne.NewMenu("File", fyne.NewMenuItem("Settings…", sh.onSettings)))
	}
	// Quit after the File menu's guard (mainMenu): under a dialog it still
	// asks rather than doing nothing, as the close button does.
	file := menu.Items[0]
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), quitItem(sh.requestClose))
	menu.Items = append(menu.Items, fyne.NewMenu(menuAccount, sh.accountItems(accts, unforgotten)...), helpMenu(sh.w, sh.tokensKept))
	sh.w.SetMainMenu(menu)
}

// tokensKept is where the connection shown keeps sign-ins, from the state
// rather than the session: reading the session waits out a keyring call
// under way, an unlock prompt perhaps. Not known while connecting or
// after a failure, whose state has no status.
func (sh *shell) tokensKept() (auth.Persistence, bool) {
	if sh.state.Phase != session.Ready && sh.state.Phase != session.SignedOut {
		return auth.Persistence{}, false
	}
	return sh.state.Status.Tokens, true
}

// accountItems are the signed-in accounts, the current one checked, the
// sign-outs to finish, then adding and signing out; an application
// session explains itself instead.
func (sh *shell) accountItems(accts, unforgotten []auth.Account) []*fyne.MenuItem {
	st := sh.state
	switch {
	case st.Phase != session.Ready && st.Phase != session.SignedOut:
		return []*fyne.MenuItem{disabledItem("Not connected")}
	case st.Conn != nil && st.Conn.IsApp():
		return append(appAccountItems(), fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Settings…", sh.onSettings))
	}
	var current auth.Account
	signedIn := st.Phase == session.Ready
	if signedIn {
		current = st.Conn.Account
	}
	if len(accts) == 0 && signedIn {
		accts = []auth.Account{current} // until the list arrives
	}
	// By name, so an account stays where it was: the sign-in cache lists
	// the one used last first, which moved them about on every switch.
	accts = slices.Clone(accts)
	slices.SortFunc(accts, func(a, b auth.Account) int {
		if c := strings.Compare(strings.ToLower(a.Username), strings.ToLower(b.Username)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID) // one address, two accounts: still the same order
	})
	var items []*fyne.MenuItem
	if st.Status.Demo && len(accts) > 0 {
		// A heading over the accounts, not a greyed one after them that
		// looked like an account that could not be chosen.
		items = append(items, disabledItem(menuDemoNote))
	}
	for _, a := range accts {
		item := fyne.NewMenuItem(a.Username, func() { sh.switchAccount(a) })
		item.Checked = signedIn && a.ID == current.ID
		items = append(items, item)
	}
	if len(items) > 0 {
		items = append(items, fyne.NewMenuItemSeparator())
	}
	// Signed out, but perhaps still in the keyring: the sign-out can be
	// finished here, in this run, once the keyring works again.
	for _, a := range unforgotten {
		items = append(items, fyne.NewMenuItem(menuFinishSignOut+a.Username+"…", func() { sh.forgetSignedOut(a) }))
	}
	if len(unforgotten) > 0 {
		items = append(items, fyne.NewMenuItemSeparator())
	}
	if !signedIn {
		return append(items, fyne.NewMenuItem(menuSignIn, sh.onMenuSignIn))
	}
	return append(items, fyne.NewMenuItem(menuAddAccount, sh.onAddAccount), fyne.NewMenuItem(menuSignOut, sh.onSignOut))
}

// onMenuSignIn signs in from the Account menu while nobody is: in the
// browser, as the sign-in panel's first button does. It used to draw the
// same panel again, which nobody could see do anything. A sign-in
// already under way (the panel's buttons off) is left to finish.
func (sh *shell) onMenuSignIn() {
	p, ok := sh.pane.(*signInPanel)
	if !ok {
		sh.render(sh.state)
		return
	}
	if !p.browser.Disabled() {
		p.onBrowser()
	}
}

func disabledItem(label string) *fyne.MenuItem {
	item := fyne.NewMenuItem(label, nil)
	item.Disabled = true
	return item
}

// switchAccount makes a current. The controller ends the current
// account's jobs at once, so nothing fetched for it can land in the next
// account's window. A switch that fails (a was signed out elsewhere, and
// the menu read before still offered it) reopens the current account's
// window as it was.
func (sh *shell) switchAccount(a auth.Account) {
	conn := sh.conn()
	if conn != nil && conn.Account.ID == a.ID {
		return
	}
	kept := sh.shownView()
	if kept != nil {
		kept.id = conn.Account.ID // this account's alone, whatever its name
		sh.keep = kept
	}
	sh.ctrl.SwitchAccount(a.ID, func(err error) {
		switch {
		case errors.Is(err, session.ErrNotConnected):
			// No state follows (Settings are re-opening the connection):
			// kept, the view would open whatever window comes next,
			// however much later. One Settings kept since stays.
			sh.do(func() {
				if sh.keep == kept {
					sh.keep = nil
				}
				showInformation("Account not switched", sh.explain(err), sh.w)
			})
		case errors.Is(err, auth.ErrNoSuchAccount):
			// The controller reports the account still current, and the
			// menu is read again with it: this one has left it.
			sh.do(func() { sh.offerSignInAgain(a) })
		case err != nil:
			sh.do(func() { showInformation("Account not switched", sh.explain(err), sh.w) })
		}
	})
}

// offerSignInAgain says that a, still in the Account menu, was signed
// out by another process, in a person's words (the error's internal
// account id means nothing to them), and offers to sign it in again.
func (sh *shell) offerSignInAgain(a auth.Account) {
	d := newConfirm("Account not switched", a.Username+" "+session.SignedOutElsewhere+" Sign it in again to use it.", func(again bool) {
		if again {
			sh.addAccount(a.Username)
		}
	}, sh.w)
	d.SetConfirmText("Sign in again")
	d.SetDismissText("Close")
	d.showEnter(enterYes)
}

// onAddAccount signs another account in, in the browser (with an optional
// username, so the sign-in page does not pick the account already signed
// in) or with a device code; it becomes current.
func (sh *shell) onAddAccount() { sh.addAccount("") }

// addAccount is onAddAccount with the username filled in.
func (sh *shell) addAccount(name string) {
	username := widgets.NewEscapeEntry()
	username.SetPlaceHolder("name@contoso.com (optional)")
	username.SetText(name)
	var d dialog.Dialog
	// A refusal (a username the tenant does not have, a network down)
	// comes back to this dialog with the name as typed once its message
	// is closed, as a failed save comes back to its form: the name used to
	// be lost with the dialog. A sign-in Settings stopped does not: the
	// connection it was for has gone.
	finished := func(typed string) func(auth.Account, error) {
		return func(_ auth.Account, err error) {
			switch {
			case err == nil || errors.Is(err, context.Canceled):
			case errors.Is(err, session.ErrSignInStopped):
				showInformation(signInFailedTitle(err), sh.explain(err), sh.w)
			default:
				showInformationThen(signInFailedTitle(err), sh.explain(err), sh.w, func() { sh.addAccount(typed) })
			}
		}
	}
	browser := keyButton(sh.w, "Sign in with your browser", nil, func() {
		d.Hide()
		sh.signInWithBrowser(username.Text, finished(username.Text))
	})
	browser.Importance = widget.HighImportance
	device := keyButton(sh.w, "Use a device code instead", nil, func() {
		d.Hide()
		sh.signInWithDeviceCode(username.Text, finished(username.Text))
	})
	content := container.NewVBox(
		widget.NewForm(widget.NewFormItem("Username", username)),
		container.NewHBox(browser, device),
	)
	d = newCustom("Add another account", "Cancel", content, sh.w)
	// From the keyboard: type the name straight away, Enter signs in with
	// the browser, as Enter in the Save and Export forms' fields does.
	username.OnSubmitted = func(string) { browser.OnTapped() }
	d.Show()
	sh.w.Canvas().Focus(username)
}

// onSignOut signs the current account out after asking: its tokens are
// removed from this computer. Another signed-in account, if any, takes
// over; otherwise the window offers sign-in.
func (sh *shell) onSignOut() {
	conn := sh.conn()
	if conn == nil {
		return
	}
	acct := conn.Account
	d := newConfirm("Sign out",
		"Sign out "+acct.Username+"? Photo Desk removes this account's tokens from this computer; you sign in again to use it. "+
			"Anything still running for this account (an export, a save) stops.",
		func(yes bool) {
			if yes {
				sh.signOut(acct)
			}
		}, sh.w)
	d.SetConfirmText("Sign out")
	d.showEnter(enterNo)
}

func (sh *shell) signOut(acct auth.Account) {
	sh.ctrl.SignOut(acct.ID, func(err error) {
		if err != nil {
			sh.do(func() { sh.signOutUnfinished(acct, err) })
		}
	})
}

// signOutUnfinished says why acct's sign-out, or the attempt to finish
// it, failed. One that took effect for this run but that the keyring
// could not record offers Try again: a person told the tokens may still
// be on this computer must be able to remove them without a restart
// (the Account menu offers it too, until it works).
func (sh *shell) signOutUnfinished(acct auth.Account, err error) {
	switch {
	case !session.SignedOutUnsaved(err):
		showInformation("Not signed out", sh.explain(err), sh.w)
		return
	case session.SignOutHeldBack(err):
		// Try again would ask the new connection, whose keyring entry
		// is another, and say the sign-in was gone when it was not.
		showInformation(titleSignedOutUnsaved, sh.explain(err), sh.w)
		return
	}
	d := newConfirm(titleSignedOutUnsaved, sh.explain(err), func(retry bool) {
		if retry {
			sh.forgetSignedOut(acct)
		}
	}, sh.w)
	d.SetConfirmText("Try again")
	d.SetDismissText("Close")
	d.showEnter(enterYes)
}

// forgetSignedOut tries again to remove acct's tokens from the keyring,
// and says "signed out" only once they are gone from it.
func (sh *shell) forgetSignedOut(acct auth.Account) {
	sh.ctrl.ForgetSignedOut(acct.ID, func(err error) {
		sh.do(func() {
			sh.rereadAccounts() // the menu's "Finish signing out" goes, or stays
			if err != nil {
				sh.signOutUnfinished(acct, err)
				return
			}
			showInformation("Signed out", acct.Username+" is signed out: the system keyring no longer holds the sign-in.", sh.w)
		})
	})
}

// explain words a sign-in error for a person and logs it for developers.
func (sh *shell) explain(err error) string {
	if !errors.Is(err, context.Canceled) {
		fyne.LogError("sign-in", errors.New(app.Sanitize(err.Error()))) // Entra ID's words, maybe hostile
	}
	// Shown in a label under the sign-in buttons as well as in dialogs:
	// cleaned here for both.
	return app.Sanitize(session.Explain(err))
}
