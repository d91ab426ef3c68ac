package views

import (
	"slices"

	"fyne.io/fyne/v2"
)

// appAccountText is the status bar's account while Photo Desk signs in as
// an application rather than as a person.
const appAccountText = "Signed in as the application"

// appLimits says, in the status bar, what application permissions cannot
// do before anyone tries: Graph has no "me" for an app, so no Me and no My
// contacts, and it refuses group photos to apps with 403 (a known issue).
const appLimits = "Application permissions: no Me, no My contacts, and Graph refuses group photos to applications (a known 403)."

// appAccountItems are the Account menu of an application session.
func appAccountItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		disabledItem(appAccountText + " (application permissions)"),
		disabledItem("An application has no Me and no My contacts"),
		disabledItem("Microsoft Graph refuses group photos to applications (a known 403)"),
	}
}

// applyAppLimits takes out of m what an application session cannot do,
// so the window explains instead of failing: Me is disabled and My
// contacts is not offered. Group photos stay listed; opening one shows why
// there is no photo (app.Friendly knows Graph's 403).
func applyAppLimits(m *mainWindow) {
	m.sidebar.me.Disable()
	m.sidebar.kind.Options = slices.DeleteFunc(m.sidebar.kind.Options, func(k string) bool { return k == kindContacts })
	m.sidebar.kind.Refresh()
}

// joinNotices puts two status bar notices in one line.
func joinNotices(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}
