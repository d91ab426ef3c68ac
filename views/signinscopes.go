package views

import (
	"context"
	"errors"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/change"
	"github.com/photodesk/photodesk/app/session"
)

// kindPermission is the Graph permission each sidebar kind adds to the
// first sign-in's User.ReadBasic.All, and how to say what it is for.
// Groups ask for GroupMember.Read.All or Group.Read.All (groupsPermission).
var kindPermission = map[string]struct{ perm, purpose string }{
	kindGroups:         {session.PermGroups, "read groups"},
	kindContacts:       {session.PermContacts, "read your contacts"},
	kindOthersContacts: {session.PermSharedContacts, "read other people's contacts"},
}

// writePurpose words what a write permission is for.
var writePurpose = map[string]string{
	change.PermPhotoWrite:         "change profile photos",
	change.PermContactWrite:       "change contacts' photos",
	change.PermSharedContactWrite: "change the photos of contacts others shared with you",
}

// gateKinds asks for a kind's permission the first time it is picked
// (incremental consent: a first sign-in asks for little) before the
// sidebar lists anything of that kind. A refusal puts the kind back.
func (sh *shell) gateKinds(m *mainWindow, conn *session.Conn) {
	// ProfilePhoto.Read.All is asked for at once, silently; a tenant that
	// did not consent to it is read with the Get photo document's scopes.
	m.bg.run(func() { conn.PhotoPermission(m.ctx) })
	m.sidebar.gateKinds(func(kind string, proceed func(bool)) {
		need, ok := kindPermission[kind]
		if !ok || conn.Granted(need.perm) {
			proceed(true)
			return
		}
		if kind != kindGroups {
			sh.ensureScope(m, conn, need.perm, need.purpose, proceed)
			return
		}
		// Least privilege: GroupMember.Read.All where group photos come
		// with ProfilePhoto.Read.All (asked silently), Group.Read.All where
		// the tenant did not consent to that.
		m.bg.run(func() {
			perm := conn.GroupsPermission(m.ctx)
			m.bg.do(func() {
				if conn.Granted(perm) {
					proceed(true)
					return
				}
				sh.ensureScope(m, conn, perm, need.purpose, proceed)
			})
		})
	})
}

// ensureScope gets a token with perm silently if it can; if that needs the
// person (consent, or a sign-in that expired) it offers to sign in again,
// and explains a refusal. then hears whether perm was granted.
func (sh *shell) ensureScope(m *mainWindow, conn *session.Conn, perm, purpose string, then func(granted bool)) {
	if conn.Granted(perm) {
		then(true)
		return
	}
	m.setActivity("Asking for permission to " + purpose + "…")
	m.bg.run(func() {
		err := conn.EnsureScope(m.ctx, perm)
		m.bg.do(func() {
			m.setActivity("")
			switch {
			case err == nil:
				then(true)
			case errors.Is(err, auth.ErrSignInRequired):
				sh.offerConsent(conn, perm, purpose, auth.IsConsentRequired(err), then)
			default:
				showInformation("Cannot "+purpose, sh.explain(err), sh.w)
				then(false)
			}
		})
	})
}

// offerConsent asks the person to sign in again to grant perm: because
// the tenant said perm was never consented to (consent), or because the
// account's sign-in could not be renewed silently — expired, revoked, or
// a new MFA or conditional-access check: MSAL does not tell these apart
// for us — which no administrator's approval mends, so the offer says
// which, without claiming one cause. A sign-in service that could not be
// reached is auth.ErrSignInUnavailable, explained instead: no sign-in
// can help then.
func (sh *shell) offerConsent(conn *session.Conn, perm, purpose string, consent bool, then func(bool)) {
	grant, renew := consentHow(conn.IsDemo())
	title := "Permission needed"
	msg := "To " + purpose + ", Photo Desk needs the " + perm + " permission, which it has not been given for " +
		conn.Account.Username + " yet. Sign in again to grant it: " + grant
	if !consent {
		title = "Sign in again"
		msg = "To " + purpose + ", Photo Desk needs the " + perm + " permission, and the sign-in of " + conn.Account.Username +
			" could not be renewed without you — it may have expired or been revoked, or need another check such as MFA. Sign in again: " + renew
	}
	d := newConfirm(title, msg, func(yes bool) {
		if !yes {
			then(false)
			return
		}
		var granted bool
		sh.browserFlow(func(_ auth.Account, err error) {
			switch {
			case conn.Ended() != nil:
				// Another account signed in instead: it has a window of its own.
			case err == nil:
				then(granted)
			case errors.Is(err, context.Canceled):
				then(false)
			default:
				showInformation("No permission to "+purpose,
					sh.explain(err)+" Without "+perm+" Photo Desk cannot "+purpose+"; everything else still works.", sh.w)
				then(false)
			}
		}, func(ctx context.Context) (auth.Account, error) {
			ok, err := sh.ctrl.Consent(ctx, conn, perm)
			granted = ok
			return conn.Account, err
		})
	}, sh.w)
	d.SetConfirmText("Sign in")
	d.SetDismissText("Not now")
	d.showEnter(enterYes)
}

// consentHow ends the offer to sign in again: what happens once Sign in
// is chosen, to grant a permission or to renew the sign-in. On the
// sandbox tenant Photo Desk plays the sign-in page itself, as its
// "Signing in" dialog says (signInTexts): "your browser opens" sent a
// person looking for a browser that never came, and its administrator
// has nothing to approve.
func consentHow(demo bool) (grant, renew string) {
	if demo {
		return "on the sandbox tenant no browser opens and no administrator is asked: its sign-in page grants it by itself in a moment.",
			"on the sandbox tenant no browser opens: it signs the account in again by itself in a moment."
	}
	return "your browser opens, and your organization may need an administrator to approve it.",
		"your browser opens."
}

// askWrite gets a write permission for conn's account the first time a
// photo is changed, as gateKinds does for reading: silently if it can,
// else by offering to sign in again.
func (sh *shell) askWrite(m *mainWindow, conn *session.Conn) func(perm string, then func(bool)) {
	return func(perm string, then func(bool)) {
		sh.ensureScope(m, conn, perm, writePurpose[perm], then)
	}
}
