package views

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/internal/testkit"
)

// Settings saves the connection's fields without the spaces typed or
// pasted around them, as everything that reads them trims them: saved as
// typed, the spaces came back in the fields next time.
func TestSettingsSavesFieldsTrimmed(t *testing.T) {
	test.NewTempApp(t)
	prefs := testkit.NewPrefs(nil)
	f := newSettingsForm(prefs)
	f.cloud.SetSelected(clouds[1].label) // Microsoft 365
	f.tenant.SetText("  Contoso.onmicrosoft.com \t")
	f.clientID.SetText(" 11111111-2222-3333-4444-555555555555 ")
	f.authority.SetText(" https://login.microsoftonline.us ")
	f.certPath.SetText(" /home/ann/app.pem ")
	f.save()
	for key, want := range map[string]string{
		app.PrefTenant:          "Contoso.onmicrosoft.com",
		app.PrefClientID:        "11111111-2222-3333-4444-555555555555",
		app.PrefAuthority:       "https://login.microsoftonline.us",
		app.PrefCertificatePath: "/home/ann/app.pem",
	} {
		if got := prefs.String(key); got != want {
			t.Errorf("%s saved as %q, want %q", key, got, want)
		}
	}
	if got := newSettingsForm(prefs).tenant.Text; got != "Contoso.onmicrosoft.com" {
		t.Errorf("Settings opened again shows the tenant as %q", got)
	}
}

// A Client secret field holding only spaces (a stray space, an empty
// paste) is left empty, as its placeholder says ("paste to replace the
// saved secret"): the saved secret stays and nothing re-opens. It was
// taken for a new secret, the keyring refused it as empty, and a dialog
// said the keyring was not available and that the secret was kept until
// Photo Desk quits. A secret pasted with spaces around it is the secret.
func TestSettingsSecretOfOnlySpacesKeepsTheSavedOne(t *testing.T) {
	test.NewTempApp(t)
	prefs := testkit.NewPrefs(map[string]any{
		app.PrefCloud: app.CloudM365, app.PrefTenant: "contoso.onmicrosoft.com",
		app.PrefClientID: "11111111-2222-3333-4444-555555555555", app.PrefAuthMode: app.AuthAppSecret,
	})
	f := newSettingsForm(prefs)
	f.secret.SetText(" \t ")
	if c := f.save(); c.secret != "" || c.connection {
		t.Errorf("a secret of spaces saved as %q (re-open: %v), want the saved one kept and nothing re-opened", c.secret, c.connection)
	}
	f = newSettingsForm(prefs)
	f.secret.SetText("  s3cr~et.value \n")
	if c := f.save(); c.secret != "s3cr~et.value" || !c.connection {
		t.Errorf("a pasted secret saved as %q (re-open: %v), want it trimmed and the connection re-opened", c.secret, c.connection)
	}
}
