package session

import (
	"reflect"
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/internal/testkit"
)

func TestCloudFromPrefs(t *testing.T) {
	tests := []struct {
		name  string
		prefs *testkit.Prefs
		want  auth.Cloud
	}{
		{"first start opens the sandbox", testkit.NewPrefs(nil), auth.Cloud{Kind: auth.Sandbox, APIVersion: "v1.0"}},
		{"sandbox on beta", testkit.NewPrefs(map[string]any{app.PrefAPIVersion: "beta"}), auth.Cloud{Kind: auth.Sandbox, APIVersion: "beta"}},
		{"unknown api version means v1.0", testkit.NewPrefs(map[string]any{app.PrefAPIVersion: "v2"}), auth.Cloud{Kind: auth.Sandbox, APIVersion: "v1.0"}},
		{
			"tenant with default authority",
			testkit.NewPrefs(map[string]any{app.PrefCloud: app.CloudM365, app.PrefTenant: "contoso.com", app.PrefClientID: "11111111-2222-3333-4444-555555555555"}),
			auth.Cloud{Kind: auth.Microsoft365, TenantID: "contoso.com", ClientID: "11111111-2222-3333-4444-555555555555", AuthorityHost: "login.microsoftonline.com", APIVersion: "v1.0"},
		},
		{
			"national cloud pasted as a URL",
			testkit.NewPrefs(map[string]any{app.PrefCloud: app.CloudM365, app.PrefTenant: "contoso.us", app.PrefClientID: "c", app.PrefAuthority: "https://login.microsoftonline.us/", app.PrefAPIVersion: "beta"}),
			auth.Cloud{Kind: auth.Microsoft365, TenantID: "contoso.us", ClientID: "c", AuthorityHost: "login.microsoftonline.us", APIVersion: "beta"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CloudFromPrefs(tt.prefs); got != tt.want {
				t.Errorf("CloudFromPrefs = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestAppCredentialFromPrefs(t *testing.T) {
	cloud := auth.Cloud{Kind: auth.Microsoft365, TenantID: "contoso.com", ClientID: "11111111-2222-3333-4444-555555555555"}.WithDefaults()
	if got := AppCredentialFromPrefs(testkit.NewPrefs(nil), cloud); got != nil {
		t.Errorf("no mode chosen = %+v, want nil (a person signs in)", got)
	}
	if got := AppCredentialFromPrefs(testkit.NewPrefs(map[string]any{app.PrefAuthMode: app.AuthDelegated}), cloud); got != nil {
		t.Errorf("delegated = %+v, want nil", got)
	}
	cert := AppCredentialFromPrefs(testkit.NewPrefs(map[string]any{app.PrefAuthMode: app.AuthAppCertificate, app.PrefCertificatePath: " /etc/pd.pem "}), cloud)
	if cert == nil || cert.CertificatePath != "/etc/pd.pem" || cert.Secret != nil {
		t.Errorf("certificate = %+v, want the trimmed path only", cert)
	}
	secret := AppCredentialFromPrefs(testkit.NewPrefs(map[string]any{app.PrefAuthMode: app.AuthAppSecret, app.PrefCertificatePath: "/etc/pd.pem"}), cloud)
	if secret == nil || secret.Secret == nil || secret.CertificatePath != "" {
		t.Fatalf("secret = %+v, want the keyring entry only", secret)
	}
	if got, want := secret.Secret, auth.KeyringSecretStore(cloud); !reflect.DeepEqual(got, want) {
		t.Errorf("secret store = %+v, want cloud's keyring entry %+v", got, want)
	}
}

// Application permissions in the sandbox go through MSAL's client
// credentials with the sandbox's confidential client: users list, group
// photos meet Graph's known 403.

func TestFromPrefs(t *testing.T) {
	p := testkit.NewPrefs(map[string]any{app.PrefCloud: app.CloudM365, app.PrefTenant: "contoso.com", app.PrefClientID: "c", app.PrefAuthMode: app.AuthAppCertificate, app.PrefCertificatePath: "/k.pem", app.PrefCacheTTL: 60.0})
	o := FromPrefs(p)
	if o.Cloud != CloudFromPrefs(p) || o.App == nil || o.App.CertificatePath != "/k.pem" || o.CacheTTL.Seconds() != 60 {
		t.Errorf("FromPrefs = %+v", o)
	}
}

// A sign-in address pasted as the tenant, as read from saved preferences
// (hand-edited, or saved before Settings took the tenant out of it), is
// the tenant it names; another host's address is left for the cloud's
// check to refuse by name.
func TestCloudFromPrefsTakesTheTenantOutOfASignInAddress(t *testing.T) {
	p := testkit.NewPrefs(map[string]any{
		app.PrefCloud: app.CloudM365, app.PrefClientID: "c",
		app.PrefTenant: "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize",
	})
	if got := CloudFromPrefs(p).TenantID; got != "contoso.onmicrosoft.com" {
		t.Errorf("tenant = %q, want contoso.onmicrosoft.com", got)
	}
	p.SetString(app.PrefTenant, "https://example.com/contoso.onmicrosoft.com")
	if got := CloudFromPrefs(p).TenantID; got != "https://example.com/contoso.onmicrosoft.com" {
		t.Errorf("tenant of another host = %q, want it as typed", got)
	}
}

// A saved value Photo Desk does not know (hand-edited, deployed by a
// script, or written by a newer Photo Desk) is read as the default, as
// before, and said: one sentence each, naming the value, what is known
// and what is used instead. Unset values (a first start) say nothing.
func TestFromPrefsSaysWhatItDidNotUnderstand(t *testing.T) {
	if got := FromPrefs(testkit.NewPrefs(nil)).NotUnderstood; len(got) != 0 {
		t.Errorf("first start: NotUnderstood = %q, want nothing", got)
	}
	known := testkit.NewPrefs(map[string]any{
		app.PrefCloud: app.CloudM365, app.PrefTenant: "contoso.com", app.PrefClientID: "c",
		app.PrefAPIVersion: app.APIVersionBeta, app.PrefAuthMode: app.AuthAppSecret, app.PrefDefaultSize: "96",
	})
	if got := FromPrefs(known).NotUnderstood; len(got) != 0 {
		t.Errorf("known values: NotUnderstood = %q, want nothing", got)
	}
	p := testkit.NewPrefs(map[string]any{
		app.PrefCloud: "weird", app.PrefAPIVersion: "v2", app.PrefAuthMode: "robot", app.PrefDefaultSize: "huge",
	})
	o := FromPrefs(p)
	if o.Cloud != (auth.Cloud{Kind: auth.Sandbox, APIVersion: app.APIVersionV1}) || o.App != nil {
		t.Errorf("unknown values: cloud %+v, app %+v, want the defaults (sandbox on v1.0, a person)", o.Cloud, o.App)
	}
	want := []string{
		`the saved cloud "weird" is not one Photo Desk knows (sandbox or m365): using the sandbox`,
		`the saved Graph version "v2" is not one Photo Desk knows (v1.0 or beta): using v1.0`,
		`the saved sign-in mode "robot" is not one Photo Desk knows (delegated, appSecret or appCertificate): signing in as a person (delegated)`,
		`the saved default photo size "huge" is not one Photo Desk knows (largest, or 48x48 to 648x648): using the largest`,
	}
	if !reflect.DeepEqual(o.NotUnderstood, want) {
		t.Errorf("NotUnderstood =\n%q\nwant\n%q", o.NotUnderstood, want)
	}
	for _, k := range []string{app.PrefCloud, app.PrefAPIVersion, app.PrefAuthMode, app.PrefDefaultSize} {
		if p.String(k) == "" {
			t.Errorf("%s was cleared: the file is to be left as it is", k)
		}
	}
}
