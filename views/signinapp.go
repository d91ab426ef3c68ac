package views

import (
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

// applyAppLimits takes out of m what an application session cannot do.
// Group photos stay listed; opening one shows why there is no photo
// (app.Friendly knows Graph's 403).
func applyAppLimits(m *mainWindow) { m.sidebar.limitToApplication() }
