package views

import (
	"context"
	"errors"

	"fyne.io/fyne/v2/dialog"

	"github.com/photodesk/photodesk/app/auth"
)

// kindPermission is the Graph permission each sidebar kind adds to the
// first sign-in's User.ReadBasic.All, and how to say what it is for.
var kindPermission = map[string]struct{ perm, reading string }{
	kindGroups:   {"Group.Read.All", "groups"},
	kindContacts: {"Contacts.Read", "your contacts"},
}

// gateKinds asks for a kind's permission the first time it is picked
// (incremental consent: a first sign-in asks for little) before the
// sidebar lists anything of that kind. A refusal puts the kind back.
func (sh *shell) gateKinds(m *mainWindow) {
	kind := m.sidebar.kind
	list := kind.OnChanged
	shown := kind.Selected
	kind.OnChanged = func(picked string) {
		need, ok := kindPermission[picked]
		if !ok || sh.ensured[need.perm] || sh.env.Session.IsApp() {
			shown = picked
			list(picked)
			return
		}
		sh.ensureScope(m, need.perm, need.reading, func(granted bool) {
			if granted && kind.Selected == picked {
				shown = picked
				list(picked)
				return
			}
			if !granted {
				kind.Selected = shown // no OnChanged: the list still shows it
				kind.Refresh()
			}
		})
	}
}

// ensureScope gets a token with perm silently if it can; if that needs the
// person (consent, or a sign-in that expired) it offers to sign in again,
// and explains a refusal. then hears whether perm was granted.
func (sh *shell) ensureScope(m *mainWindow, perm, reading string, then func(granted bool)) {
	env := sh.env
	m.status.setActivity("Asking for permission to read " + reading + "…")
	go func() {
		err := env.Session.EnsureScopes(sh.ctx, perm)
		m.bg.do(func() {
			m.status.setActivity("")
			switch {
			case err == nil:
				sh.ensured[perm] = true
				then(true)
			case errors.Is(err, auth.ErrSignInRequired):
				sh.offerConsent(m, perm, reading, then)
			default:
				dialog.ShowInformation("Cannot read "+reading, signInFriendly(err), sh.w)
				then(false)
			}
		})
	}()
}

// offerConsent asks the person to sign in again to grant perm.
func (sh *shell) offerConsent(m *mainWindow, perm, reading string, then func(bool)) {
	env := sh.env
	cur, _ := env.Session.Current()
	msg := "Reading " + reading + " needs the " + perm + " permission, which Photo Desk has not been given for " +
		cur.Username + " yet. Sign in again to grant it: your browser opens, and your organization may need an administrator to approve it."
	d := dialog.NewConfirm("Permission needed", msg, func(yes bool) {
		if !yes {
			then(false)
			return
		}
		sh.signInWithBrowser(env, cur.Username, func(acct auth.Account, err error) {
			if sh.main != m {
				return // the window was rebuilt meanwhile
			}
			switch {
			case err == nil && acct.ID != cur.ID:
				sh.accountChanged() // a different account signed in: its own window
			case err == nil:
				sh.ensured[perm] = true
				then(true)
			case errors.Is(err, context.Canceled):
				then(false)
			default:
				dialog.ShowInformation("No permission to read "+reading,
					signInFriendly(err)+" Without "+perm+" Photo Desk cannot list "+reading+"; everything else still works.", sh.w)
				then(false)
			}
		})
	}, sh.w)
	d.SetConfirmText("Sign in")
	d.SetDismissText("Not now")
	d.Show()
}
