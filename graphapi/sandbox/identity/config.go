package identity

import (
	"crypto/x509"
	"errors"
	"time"
)

// Names of the sandbox tenant and its demo accounts, shared by the Graph side
// (which holds the people) and the app (which signs the demo account in).
const (
	// TenantDomain is the sandbox tenant's initial domain, usable in place of
	// the tenant id in authority URLs, as in Entra ID.
	TenantDomain = "contoso.onmicrosoft.com"
	// DemoUPN is the demo helpdesk account, signed in without a password.
	DemoUPN = "helpdesk@contoso.onmicrosoft.com"
	// DemoDisplayName is the demo helpdesk account's display name.
	DemoDisplayName = "Helpdesk Demo"
	// FrontdeskUPN is a second demo account without any admin role: it
	// signs in (with a login hint) like the demo account but may change
	// only its own photo.
	FrontdeskUPN = "frontdesk@contoso.onmicrosoft.com"
	// FrontdeskDisplayName is the Frontdesk account's display name.
	FrontdeskDisplayName = "Frontdesk Demo"
	// ConsumerUPN is the sandbox's personal (consumer) Microsoft account.
	ConsumerUPN = "alex.consumer@outlook.com"
	// ConsumerTenantID is the tenant Entra ID issues personal accounts'
	// tokens in; a token with this tid belongs to a consumer account.
	ConsumerTenantID = "9188040d-6c67-4c5b-b112-36a304b66dad"
	// GraphResource is the audience of the access tokens this provider issues.
	GraphResource = "https://graph.microsoft.com"
	// GraphAppID is Microsoft Graph's well-known application id, the other
	// spelling of its audience that Graph accepts.
	GraphAppID = "00000003-0000-0000-c000-000000000000"
)

// DefaultDelegatedScopes are the delegated permissions a ".default" request
// for the public client yields: what an admin would have consented to for
// Photo Desk in a real tenant. Any other Graph permission a client asks for
// by name (ProfilePhoto.Read.All, ProfilePhoto.ReadWrite.All,
// Contacts.ReadWrite for changing photos) is consented at once, and later
// tokens carry it too: incremental consent in a tenant whose admin allows
// it.
var DefaultDelegatedScopes = []string{"User.ReadBasic.All", "Group.Read.All", "Contacts.Read", "User.Read"}

// defaultTokenTTL is Entra ID's usual access token lifetime.
const defaultTokenTTL = time.Hour

// Config describes the tenant the provider signs people and apps into.
type Config struct {
	TenantID       string                               // GUID of the sandbox tenant
	Demo           Account                              // signed in without a password when no login_hint
	Lookup         func(upnOrID string) (Account, bool) // other accounts (login_hint / username)
	Apps           map[string]App                       // confidential clients: clientID -> credentials and roles
	PublicClientID string                               // the Photo Desk public client id; "" accepts any
	Now            func() time.Time                     // for expiry tests; nil = time.Now
	TokenTTL       time.Duration                        // access token lifetime; default 1h
	// Unconsented are delegated permissions nobody has consented to and
	// users may not consent to themselves (admin consent required, never
	// given): a token request naming one fails with AADSTS65001. It
	// emulates a tenant without, say, ProfilePhoto.Read.All.
	Unconsented []string
	// UserConsent are delegated permissions the admin left to each user:
	// a silent request for one the account has not consented to yet fails
	// with AADSTS65001, and an interactive sign-in that asks for it
	// consents. Without it every permission is consented at once, as in a
	// tenant whose admin consented to them all.
	UserConsent []string
}

// App is a confidential client registered in the sandbox tenant.
type App struct {
	Secret       string              // client secret; "" refuses secrets
	Roles        []string            // application permissions granted by an admin
	Certificates []*x509.Certificate // certificates accepted for client assertions
	DisplayName  string              // app_displayname in its tokens
}

func (c *Config) validate() error {
	switch {
	case c.TenantID == "":
		return errors.New("identity config: tenant id is required")
	case c.Demo.ObjectID == "" || c.Demo.UPN == "":
		return errors.New("identity config: the demo account needs an object id and a upn")
	case c.TokenTTL < 0:
		return errors.New("identity config: token lifetime must not be negative")
	}
	return nil
}
