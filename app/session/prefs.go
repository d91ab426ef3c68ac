package session

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
)

// CloudFromPrefs reads the cloud a person chose in Settings. Anything but an
// explicit Microsoft 365 choice means the sandbox, so a first start (no
// preferences at all) opens on the demo tenant.
func CloudFromPrefs(p app.Preferences) auth.Cloud {
	api := p.String(app.PrefAPIVersion)
	if api != app.APIVersionBeta {
		api = app.APIVersionV1
	}
	if p.String(app.PrefCloud) != app.CloudM365 {
		return auth.Cloud{Kind: auth.Sandbox, APIVersion: api}
	}
	return auth.Cloud{
		Kind:          auth.Microsoft365,
		TenantID:      tenantOrAsTyped(p.String(app.PrefTenant)),
		ClientID:      p.String(app.PrefClientID),
		AuthorityHost: AuthorityHost(p.String(app.PrefAuthority)),
		APIVersion:    api,
	}.WithDefaults()
}

// AuthorityHost accepts what people paste into the Authority field: a bare
// host ("login.microsoftonline.us") or a URL ("https://login.microsoftonline.us/").
func AuthorityHost(s string) string {
	s = strings.TrimSpace(s)
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		return u.Host
	}
	return strings.Trim(s, "/")
}

// Tenant accepts what people paste into the Tenant field, as
// AuthorityHost does for Authority: a tenant ID or domain as it is, or a
// sign-in address copied from a browser or the Entra admin center
// ("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize"),
// whose first path segment is the tenant. Only an Entra ID sign-in host's
// address is taken apart; any other web address is refused, since its
// path says nothing about a tenant. The tenant it gives is still to be
// checked (auth.CheckTenant).
func Tenant(s string) (string, error) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "/") {
		return s, nil
	}
	raw := s
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw // login.microsoftonline.com/contoso.com, pasted without its scheme
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || auth.CheckAuthorityHost(u.Hostname()) != nil {
		return "", fmt.Errorf("%q is not a tenant: enter the tenant ID (a GUID) or a domain such as contoso.onmicrosoft.com, "+
			"or paste a sign-in address of login.microsoftonline.com or a national cloud's sign-in host", s)
	}
	tenant, _, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/")
	if tenant == "" {
		return "", fmt.Errorf("the sign-in address %q names no tenant: it should go on with one, as in https://%s/contoso.onmicrosoft.com", s, u.Host)
	}
	return tenant, nil
}

// tenantOrAsTyped is Tenant's tenant, or s as it is when Tenant refuses
// it, so the cloud's own check (auth.Cloud.Validate) refuses it by name.
func tenantOrAsTyped(s string) string {
	if t, err := Tenant(s); err == nil {
		return t
	}
	return s
}

// AppCredentialFromPrefs is how Photo Desk signs in as an application, as
// chosen in Settings: nil for a person (delegated, the default), the
// keyring entry of cloud's client secret, or the certificate file. The
// secret itself is never read from preferences.
func AppCredentialFromPrefs(p app.Preferences, cloud auth.Cloud) *auth.AppCredential {
	switch p.String(app.PrefAuthMode) {
	case app.AuthAppSecret:
		return &auth.AppCredential{Secret: auth.KeyringSecretStore(cloud)}
	case app.AuthAppCertificate:
		return &auth.AppCredential{CertificatePath: strings.TrimSpace(p.String(app.PrefCertificatePath))}
	}
	return nil
}

// FromPrefs is the Options Settings describe: cloud, sign-in mode and
// photo cache lifetime, and in NotUnderstood the saved values it could not
// read and took the default for instead. Callers add what only they know
// (retry policy, logger).
func FromPrefs(p app.Preferences) Options {
	cloud := CloudFromPrefs(p)
	return Options{
		Cloud: cloud, App: AppCredentialFromPrefs(p, cloud), CacheTTL: app.CacheTTLFrom(p),
		NotUnderstood: notUnderstood(p),
	}
}

// notUnderstood names each saved choice that Photo Desk does not know and
// so reads as its default: a value typed into the preferences file by hand
// or by a deployment script, or written by a newer Photo Desk. Without a
// word the person who deployed it would see the default and not know why.
// Unset (empty) values are a first start, not news. The file is left as it
// is: saving Settings writes known values over them.
func notUnderstood(p app.Preferences) []string {
	var notes []string
	unknown := func(what, v, known, using string) {
		notes = append(notes, fmt.Sprintf("the saved %s %q is not one Photo Desk knows (%s): %s", what, v, known, using))
	}
	if v := p.String(app.PrefCloud); v != "" && v != app.CloudSandbox && v != app.CloudM365 {
		unknown("cloud", v, app.CloudSandbox+" or "+app.CloudM365, "using the sandbox")
	}
	if v := p.String(app.PrefAPIVersion); v != "" && v != app.APIVersionV1 && v != app.APIVersionBeta {
		unknown("Graph version", v, app.APIVersionV1+" or "+app.APIVersionBeta, "using "+app.APIVersionV1)
	}
	switch v := p.String(app.PrefAuthMode); v {
	case "", app.AuthDelegated, app.AuthAppSecret, app.AuthAppCertificate:
	default:
		unknown("sign-in mode", v, app.AuthDelegated+", "+app.AuthAppSecret+" or "+app.AuthAppCertificate, "signing in as a person ("+app.AuthDelegated+")")
	}
	if v := p.String(app.PrefDefaultSize); v != "" {
		if _, err := graphapi.ParseSize(v); err != nil {
			sizes := graphapi.HDSizes
			unknown("default photo size", v, fmt.Sprintf("largest, or %s to %s", sizes[0], sizes[len(sizes)-1]), "using the largest")
		}
	}
	return notes
}

// ConnectionKey is everything in the preferences an environment is opened
// with, to tell whether saving Settings must re-open it. The sign-in mode
// is read as AppCredentialFromPrefs reads it: a first start has none saved,
// which means delegated, and Settings saving "delegated" for it changes
// nothing (it used to re-open the window on Users and Me).
func ConnectionKey(p app.Preferences) string {
	return connectionKey(p, CloudFromPrefs(p))
}

// ConnectionKeyBesidesVersion is ConnectionKey without the Graph version:
// equal before and after a save, the same account in the same tenant is
// spoken to on v1.0 or beta, and who was being looked at is still there.
func ConnectionKeyBesidesVersion(p app.Preferences) string {
	cloud := CloudFromPrefs(p)
	cloud.APIVersion = ""
	return connectionKey(p, cloud)
}

func connectionKey(p app.Preferences, cloud auth.Cloud) string {
	mode, cert := p.String(app.PrefAuthMode), ""
	switch mode {
	case app.AuthAppSecret:
	case app.AuthAppCertificate:
		cert = strings.TrimSpace(p.String(app.PrefCertificatePath))
	default:
		mode = app.AuthDelegated
	}
	return fmt.Sprintf("%+v|%s|%s", cloud, mode, cert)
}
