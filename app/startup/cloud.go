package startup

import (
	"net/url"
	"strings"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
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
		TenantID:      p.String(app.PrefTenant),
		ClientID:      p.String(app.PrefClientID),
		AuthorityHost: authorityHost(p.String(app.PrefAuthority)),
		APIVersion:    api,
	}.WithDefaults()
}

// authorityHost accepts what people paste into the Authority field: a bare
// host ("login.microsoftonline.us") or a URL ("https://login.microsoftonline.us/").
func authorityHost(s string) string {
	s = strings.TrimSpace(s)
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		return u.Host
	}
	return strings.Trim(s, "/")
}
