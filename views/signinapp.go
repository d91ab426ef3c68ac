package views

import (
	"slices"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/app/session"
)

// appAccountItems are the Account menu of an application session.
func appAccountItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		disabledItem(session.AppAccount + " (application permissions)"),
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
