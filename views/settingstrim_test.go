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
