package views

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

const (
	testTenant   = "contoso.com"
	testClientID = "11111111-2222-3333-4444-555555555555"
	testSecret   = "Zx8Q~not-a-real-secret-0123456789"
)

// Saving a connection setting re-opens the engine in the same window:
// "Connecting…", then the main window on the new settings.
func TestSettingsChangeReopensTheEngine(t *testing.T) {
	h := newShellHarness(t, nil)
	first := h.waitMain(demoStatus)
	oldEnv := h.env()

	first.onSettings()
	h.settingsShown().apiVersion.SetSelected(app.APIVersionBeta)
	h.tapDialogButton("Save")
	h.q.drain()
	if c := h.connecting(); c == nil || !strings.HasPrefix(c.label.Text, "Connecting to the sandbox tenant") {
		t.Fatalf("no Connecting… state after saving; window: %s", h.describe())
	}
	m := h.waitMain(demoStatus)
	if m.status.api.Text != "Graph beta" || h.env().Cloud.APIVersion != app.APIVersionBeta {
		t.Errorf("after the change: status %q, cloud API %q", m.status.api.Text, h.env().Cloud.APIVersion)
	}
	if got := m.eng.Client().BaseURL(); !strings.HasSuffix(got, "/beta") {
		t.Errorf("the engine talks to %q, want the beta endpoint", got)
	}
	if h.env() == oldEnv {
		t.Error("the engine was not re-opened")
	}
	if _, err := oldEnv.Engine.Me(context.Background()); err == nil {
		t.Error("the old connection's sandbox still answers: it was not closed")
	}
	if n := len(h.opens()); n != 2 {
		t.Errorf("opened %d times, want 2", n)
	}

	// A setting that is not about the connection does not re-open it.
	m.onSettings()
	f := h.settingsShown()
	f.dropAll.SetChecked(!f.dropAll.Checked)
	h.tapDialogButton("Save")
	h.q.drain()
	if h.sh.main != m || len(h.opens()) != 2 {
		t.Error("a drag and drop setting re-opened the engine")
	}
}

// Settings name the backups folder the window's changes go to: this
// sandbox run's own, apart from a tenant's and from other runs'.
func TestSettingsNameTheSandboxBackups(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	h.sh.backups = filepath.Join(t.TempDir(), "backups")
	m := h.addAccount(identity.FrontdeskUPN) // a window opened with the folder set
	run := h.sh.conn().DemoRun()
	if want := filepath.Join(h.sh.backups, "sandbox", run); run == "" || m.backups != want {
		t.Fatalf("the window backs up into %q, want %q", m.backups, want)
	}
	m.onSettings()
	if got := h.dialogText(); !strings.Contains(got, m.backups) {
		t.Errorf("Settings say %q, want %q", got, m.backups)
	}
}

// TestSettingsForATenant is issue 18's item 5: Settings refuses a tenant
// or client id it cannot use before Save (Save disabled, the reason with
// the field) instead of saving it and replacing the window with an error;
// in the sandbox those fields are not editable. A valid tenant nobody
// signed in to offers sign-in.
func TestSettingsForATenant(t *testing.T) {
	h := newShellHarness(t, nil)
	m := h.waitMain(demoStatus)

	m.onSettings()
	f := h.settingsShown()
	if !f.tenant.Disabled() || !f.clientID.Disabled() || !f.authority.Disabled() {
		t.Error("tenant, client id and authority are editable on the sandbox, which uses none of them")
	}
	if h.dialogButton("Save") == nil { // it finds enabled buttons only
		t.Fatal("Save is not offered for the sandbox's settings")
	}
	f.cloud.SetSelected(clouds[1].label)
	if f.tenant.Disabled() || f.clientID.Disabled() {
		t.Error("tenant and client id stay disabled for Microsoft 365")
	}
	f.tenant.SetText("not a tenant!")
	f.clientID.SetText("12345")
	h.q.drain()
	if h.dialogButton("Save") != nil {
		t.Fatal("Save is enabled with a tenant and a client id that cannot be used")
	}
	if err := f.tenant.Validate(); err == nil || !strings.Contains(err.Error(), `"not a tenant!" is not a GUID, a domain`) {
		t.Errorf("tenant check = %v", err)
	}
	if err := f.clientID.Validate(); err == nil || !strings.Contains(err.Error(), "Application (client) ID") {
		t.Errorf("client id check = %v", err)
	}
	if n := len(h.opens()); n != 1 || h.failure() != nil {
		t.Errorf("opened %d times, failure %v: nothing may be saved yet", n, h.failure())
	}
	f.tenant.SetText(testTenant)
	f.clientID.SetText(testClientID)
	h.tapDialogButton("Save")
	panel := h.waitSignInPanel()
	if !strings.Contains(panel.explain.Text, testTenant) || !strings.Contains(panel.explain.Text, "your Microsoft 365 account") {
		t.Errorf("sign-in panel = %q, want the tenant and the account named", panel.explain.Text)
	}
	if got := panel.status.account.Text; got != "Not signed in" {
		t.Errorf("status = %q", got)
	}
}

// A preferences file edited by hand can still hold a tenant Settings would
// refuse: the window explains it, and Settings… shows the field's reason
// and takes a correction.
func TestUnusableSettingsFileIsExplained(t *testing.T) {
	h := newShellHarness(t, map[string]string{app.PrefCloud: app.CloudM365, app.PrefTenant: "not a tenant"})
	h.waitFor("the failure", func() bool { return h.failure() != nil })
	// Each problem a sentence of its own, the second no longer in lower case.
	if got := h.failure().reason.Text; !strings.Contains(got, "Tenant: ") || !strings.Contains(got, ".\nClient ID: ") || strings.Contains(got, "auth:") {
		t.Errorf("failure = %q, want what is wrong with tenant and client ID, a sentence each, without package names", got)
	}
	h.tapDialogButton2("Settings…")
	f := h.settingsShown()
	if h.dialogButton("Save") != nil {
		t.Error("Save is on for the unusable tenant")
	}
	f.tenant.SetText(testTenant)
	f.clientID.SetText(testClientID)
	h.tapDialogButton("Save")
	h.waitSignInPanel()
}

// A client secret goes to the keyring entry, never to the preferences;
// the engine is opened with it.
func TestClientSecretGoesToTheKeyringNeverPreferences(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	rec := &recordingPrefs{Preferences: h.sh.prefs}
	h.sh.prefs = rec
	failing := errors.New("connection refused by the test")
	h.setOpen(func(context.Context, session.Options) (*session.Env, error) {
		return nil, failing // no real tenant here
	})

	h.sh.main.onSettings()
	f := h.settingsShown()
	f.cloud.SetSelected(clouds[1].label)
	f.tenant.SetText(testTenant)
	f.clientID.SetText(testClientID)
	if !f.secret.Disabled() {
		t.Error("the secret field is open while a person signs in")
	}
	f.authMode.SetSelected(authModes[1].label)
	if f.secret.Disabled() || !f.certPath.Disabled() {
		t.Error("client secret mode does not offer the secret field (only)")
	}
	test.Type(f.secret, testSecret)
	h.tapDialogButton("Save")
	h.waitFor("the re-open", func() bool { return len(h.opens()) == 2 && h.failure() != nil })

	for _, w := range rec.written {
		if strings.Contains(w, testSecret) {
			t.Errorf("the secret was written to the preferences: %q", w)
		}
	}
	if got := rec.String(app.PrefAuthMode); got != app.AuthAppSecret {
		t.Errorf("auth mode preference = %q", got)
	}
	if saved, _ := h.secrets.Load(context.Background()); string(saved) != testSecret {
		t.Errorf("keyring holds %q, want the secret", saved)
	}
	o := h.opens()[1]
	if o.App == nil || o.App.Secret == nil || o.Cloud.Kind != auth.Microsoft365 {
		t.Fatalf("opened with %+v, want an application with a secret", o)
	}
}

// Without a keyring the secret is kept in memory for this run, and the
// person is told so.
func TestClientSecretWithoutKeyringIsKeptForTheSession(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	h.secretErr = errors.New("the name org.freedesktop.secrets was not provided by any .service files")
	h.setOpen(func(context.Context, session.Options) (*session.Env, error) {
		return nil, errors.New("no tenant in tests")
	})
	h.sh.main.onSettings()
	f := h.settingsShown()
	f.cloud.SetSelected(clouds[1].label)
	f.tenant.SetText(testTenant)
	f.clientID.SetText(testClientID)
	f.authMode.SetSelected(authModes[1].label)
	test.Type(f.secret, testSecret)
	h.tapDialogButton("Save")
	h.waitFor("the re-open", func() bool { return len(h.opens()) == 2 })
	if text := h.dialogText(); !strings.Contains(text, "keyring is not available") || !strings.Contains(text, "until it quits") {
		t.Errorf("dialog = %q, want the keyring explained", text)
	}
	o := h.opens()[1]
	if o.App == nil || o.App.Secret == nil {
		t.Fatalf("opened with %+v", o)
	}
	if got, _ := o.App.Secret.Load(context.Background()); string(got) != testSecret {
		t.Errorf("the session's secret = %q, want the one typed (in memory)", got)
	}
	if saved, _ := h.secrets.Load(context.Background()); len(saved) != 0 {
		t.Errorf("the failing keyring holds %q", saved)
	}
}
