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
// Groups stay listed, their rows with initials since Graph refuses their
// photos to applications (askableAvatars); opening one shows why there is
// no photo (app.FriendlyForApp words Graph's 403 for an application).
func applyAppLimits(m *mainWindow) { m.sidebar.limitToApplication() }
