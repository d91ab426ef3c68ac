package views

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestSettingsSandboxNeedsNoCredentials picks an application sign-in on
// the sandbox: its own application signs in there whatever is typed, so
// Client secret and Certificate must stay greyed, as Tenant and Client id
// are (a secret typed there was taken and silently thrown away on Save),
// and be offered once Microsoft 365 is picked.
func TestSettingsSandboxNeedsNoCredentials(t *testing.T) {
	a := test.NewTempApp(t)
	f := newSettingsForm(a.Preferences())
	test.NewTempWindow(t, f.form())

	f.authMode.SetSelected(authModes[1].label)
	if !f.secret.Disabled() {
		t.Error("sandbox, an application with a secret: Client secret can be typed in, and what is typed is never used")
	}
	f.authMode.SetSelected(authModes[2].label)
	if !f.certPath.Disabled() {
		t.Error("sandbox, an application with a certificate: Certificate can be typed in, and what is typed is never used")
	}

	f.cloud.SetSelected(clouds[1].label)
	if f.certPath.Disabled() || !f.secret.Disabled() {
		t.Error("Microsoft 365, an application with a certificate: Certificate is not offered (or Client secret is)")
	}
	f.authMode.SetSelected(authModes[1].label)
	if f.secret.Disabled() {
		t.Error("Microsoft 365, an application with a secret: Client secret is not offered")
	}
	f.cloud.SetSelected(clouds[0].label)
	if !f.secret.Disabled() {
		t.Error("back on the sandbox: Client secret can still be typed in")
	}
}
