package views

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/startup"
)

// Account menu words, shared with the tests.
const (
	menuAccount    = "Account"
	menuAddAccount = "Add another account…"
	menuSignOut    = "Sign out…"
	menuSignIn     = "Sign in…"
)

// setMenu sets the menu bar: the main window's menus, or just File while
// there is none, and the Account menu. The accounts are read in the
// background and the menu set again when they are known.
func (sh *shell) setMenu() {
	sh.setMenuWith(nil)
	env := sh.env
	if env == nil || env.Session.IsApp() {
		return
	}
	go func() {
		accts, err := env.Session.Accounts(sh.ctx)
		if err != nil {
			fyne.LogError("list the signed-in accounts", err)
			return
		}
		sh.cfg.do(func() {
			if env == sh.env {
				sh.setMenuWith(accts)
			}
		})
	}()
}

func (sh *shell) setMenuWith(accts []auth.Account) {
	var menu *fyne.MainMenu
	if sh.main != nil {
		menu = sh.main.mainMenu()
	} else {
		menu = fyne.NewMainMenu(fyne.NewMenu("File", fyne.NewMenuItem("Settings…", sh.onSettings)))
	}
	menu.Items = append(menu.Items, fyne.NewMenu(menuAccount, sh.accountItems(accts)...))
	sh.w.SetMainMenu(menu)
}

// accountItems are the signed-in accounts, the current one checked, then
// adding and signing out; an application session explains itself instead.
func (sh *shell) accountItems(accts []auth.Account) []*fyne.MenuItem {
	env := sh.env
	if env == nil {
		return []*fyne.MenuItem{disabledItem("Not connected")}
	}
	if env.Session.IsApp() {
		return append(appAccountItems(), fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Settings…", sh.onSettings))
	}
	current, signedIn := env.Session.Current()
	if len(accts) == 0 && signedIn {
		accts = []auth.Account{current} // until the list arrives
	}
	var items []*fyne.MenuItem
	for _, a := range accts {
		item := fyne.NewMenuItem(a.Username, func() { sh.switchAccount(a) })
		item.Checked = signedIn && a.ID == current.ID
		items = append(items, item)
	}
	if env.Sandbox != nil {
		items = append(items, disabledItem("Sandbox accounts belong to the demo tenant on this computer"))
	}
	if len(items) > 0 {
		items = append(items, fyne.NewMenuItemSeparator())
	}
	if !signedIn {
		return append(items, fyne.NewMenuItem(menuSignIn, sh.showSignIn))
	}
	return append(items, fyne.NewMenuItem(menuAddAccount, sh.onAddAccount), fyne.NewMenuItem(menuSignOut, sh.onSignOut))
}

func disabledItem(label string) *fyne.MenuItem {
	item := fyne.NewMenuItem(label, nil)
	item.Disabled = true
	return item
}

// switchAccount makes a current. What the window shows is retired at once,
// so an answer fetched for the previous account can never land in it.
func (sh *shell) switchAccount(a auth.Account) {
	if cur, ok := sh.env.Session.Current(); ok && cur.ID == a.ID {
		return
	}
	env := sh.env
	sh.epoch()
	go func() {
		err := env.Session.SwitchAccount(sh.ctx, a.ID)
		sh.cfg.do(func() {
			if env != sh.env {
				return
			}
			if err != nil {
				dialog.ShowInformation("Account not switched", signInFriendly(err), sh.w)
			}
			sh.accountChanged()
		})
	}()
}

// onAddAccount signs another account in, in the browser (with an optional
// username, so the sign-in page does not pick the account already signed
// in) or with a device code; it becomes current.
func (sh *shell) onAddAccount() {
	env := sh.env
	username := widget.NewEntry()
	username.SetPlaceHolder("name@contoso.com (optional)")
	var d dialog.Dialog
	finished := func(_ auth.Account, err error) {
		switch {
		case errors.Is(err, context.Canceled):
		case err != nil:
			dialog.ShowInformation("Not signed in", signInFriendly(err), sh.w)
		default:
			sh.accountChanged()
		}
	}
	browser := widget.NewButton("Sign in with your browser", func() {
		d.Hide()
		sh.signInWithBrowser(env, username.Text, finished)
	})
	browser.Importance = widget.HighImportance
	device := widget.NewButton("Use a device code instead", func() {
		d.Hide()
		sh.signInWithDeviceCode(env, finished)
	})
	content := container.NewVBox(
		widget.NewForm(widget.NewFormItem("Username", username)),
		container.NewHBox(browser, device),
	)
	d = dialog.NewCustom("Add another account", "Cancel", content, sh.w)
	d.Show()
}

// onSignOut signs the current account out after asking: its tokens are
// removed from this computer. Another signed-in account, if any, takes
// over; otherwise the window offers sign-in.
func (sh *shell) onSignOut() {
	env := sh.env
	acct, ok := env.Session.Current()
	if !ok {
		return
	}
	d := dialog.NewConfirm("Sign out",
		"Sign out "+acct.Username+"? Photo Desk removes this account's tokens from this computer; you sign in again to use it.",
		func(yes bool) {
			if yes {
				sh.signOut(env, acct)
			}
		}, sh.w)
	d.SetConfirmText("Sign out")
	d.Show()
}

func (sh *shell) signOut(env *startup.Env, acct auth.Account) {
	sh.epoch()
	go func() {
		err := env.Session.SignOut(sh.ctx, acct.ID)
		sh.cfg.do(func() {
			if env != sh.env {
				return
			}
			if err != nil {
				dialog.ShowInformation("Not signed out", signInFriendly(err), sh.w)
			}
			sh.accountChanged()
		})
	}()
}
