package views

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/internal/testkit"
)

// Saving Settings on a first start with only the default size changed
// must not re-open the connection: it used to, since the sign-in mode
// never saved ("") was then saved as "delegated", and the window went back
// to Users and Me, losing the group or contact being looked at.
func TestSettingsSavedUnchangedKeepsTheConnection(t *testing.T) {
	test.NewTempApp(t)
	for name, prefs := range map[string]*testkit.Prefs{
		"first start":     testkit.NewPrefs(nil),
		"sandbox on beta": testkit.NewPrefs(map[string]any{app.PrefAPIVersion: app.APIVersionBeta}),
		"saved before":    testkit.NewPrefs(map[string]any{app.PrefCloud: app.CloudSandbox, app.PrefAuthMode: app.AuthDelegated}),
	} {
		f := newSettingsForm(prefs)
		f.size.SetSelected(f.size.Options[1])
		if c := f.save(); c.connection {
			t.Errorf("%s: saving Settings with only the default size changed re-opens the connection", name)
		}
	}
}
