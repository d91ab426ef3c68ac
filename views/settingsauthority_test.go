package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/internal/testkit"
)

// Settings refuses an Authority that is no Entra ID cloud's sign-in host:
// a typo (login.microsoftonline.uss) used to be saved and then signed in
// for the global Graph without a word. The field names the host and the
// ones it takes; a national cloud's host, in any case and pasted as a URL,
// is still taken, and so is an empty field (the global cloud).
func TestSettingsRefusesAnUnknownAuthority(t *testing.T) {
	test.NewTempApp(t)
	f := newSettingsForm(testkit.NewPrefs(nil))
	f.cloud.SetSelected(clouds[1].label) // Microsoft 365
	f.authority.SetText("https://login.microsoftonline.uss")
	err := f.authority.Validate()
	if err == nil {
		t.Fatal("Settings takes the Authority login.microsoftonline.uss")
	}
	for _, want := range []string{`"login.microsoftonline.uss"`, "login.microsoftonline.com", "login.microsoftonline.us,", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the Authority field says %q, want %s named", err, want)
		}
	}
	for _, good := range []string{"", "https://Login.MicrosoftOnline.US/", "login.chinacloudapi.cn"} {
		f.authority.SetText(good)
		if err := f.authority.Validate(); err != nil {
			t.Errorf("Authority %q refused: %v", good, err)
		}
	}
	// On the sandbox the field is not used, whatever it holds.
	f.authority.SetText("login.microsoftonline.uss")
	f.cloud.SetSelected(clouds[0].label)
	if err := f.authority.Validate(); err != nil {
		t.Errorf("on the sandbox the Authority is checked: %v", err)
	}
	if valueOf(clouds, f.cloud.Selected) != app.CloudSandbox {
		t.Fatalf("clouds[0] is %q, not the sandbox", f.cloud.Selected)
	}
}
