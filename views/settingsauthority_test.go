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

// A sign-in address pasted into Tenant — from the browser's address bar
// or the Entra admin center — is taken for the tenant it names, as
// Authority takes a pasted URL for its host: it was refused by quoting
// the whole address. Saved, the field holds the tenant. An address of any
// other host says what Tenant takes, and names no tenant from it.
func TestSettingsTakesTheTenantOutOfAPastedSignInAddress(t *testing.T) {
	test.NewTempApp(t)
	prefs := testkit.NewPrefs(nil)
	f := newSettingsForm(prefs)
	f.cloud.SetSelected(clouds[1].label) // Microsoft 365
	for paste, want := range map[string]string{
		"https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?client_id=x": "contoso.onmicrosoft.com",
		"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/":                     "72f988bf-86f1-41af-91ab-2d7cd011db47",
		" login.microsoftonline.us/contoso.us/oauth2/v2.0/token ":                                     "contoso.us",
	} {
		f.tenant.SetText(paste)
		if err := f.tenant.Validate(); err != nil {
			t.Errorf("Tenant %q refused: %v", paste, err)
			continue
		}
		f.save()
		if got := prefs.String(app.PrefTenant); got != want {
			t.Errorf("Tenant %q saved as %q, want %q", paste, got, want)
		}
	}
	f.tenant.SetText("https://example.com/contoso.onmicrosoft.com/")
	err := f.tenant.Validate()
	if err == nil || !strings.Contains(err.Error(), "not a tenant") || !strings.Contains(err.Error(), "login.microsoftonline.com") {
		t.Errorf("Tenant of another host: %v, want it refused, saying what Tenant takes", err)
	}
	f.tenant.SetText("https://login.microsoftonline.com/")
	if err := f.tenant.Validate(); err == nil || !strings.Contains(err.Error(), "names no tenant") {
		t.Errorf("a sign-in address with no tenant: %v, want it refused as naming none", err)
	}
}
