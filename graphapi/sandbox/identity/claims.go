package identity

import (
	"errors"
	"strings"
	"time"
)

// Errors returned by Provider.Verify, wrapped with details. Graph answers
// both with 401 InvalidAuthenticationToken; they are distinct so the sandbox
// can word the message as Graph does ("Lifetime validation failed, the token
// is expired." versus a signature or format failure).
var (
	ErrTokenExpired = errors.New("token expired")
	ErrTokenInvalid = errors.New("token invalid")
)

// Account is a person who can sign in to the sandbox tenant.
type Account struct {
	ObjectID    string // the user's object id (GUID), the token's oid
	UPN         string // user principal name, the token's upn
	DisplayName string // the token's name
	Personal    bool   // a consumer Microsoft account, issued in the MSA tenant
}

// Claims is what Graph needs to know about a verified access token.
type Claims struct {
	ObjectID  string   // oid: the user, or the app's service principal
	TenantID  string   // tid
	UPN       string   // upn; empty for application tokens
	AppID     string   // appid: the client that asked for the token
	Scopes    []string // scp: delegated permissions
	Roles     []string // roles: application permissions
	ExpiresAt time.Time
	Personal  bool // issued to a consumer account (tid is the MSA tenant)
}

// IsApp reports whether the token was issued to an application acting as
// itself (client credentials): such tokens carry roles and no user, and Graph
// refuses some operations to them (group photos).
func (c *Claims) IsApp() bool {
	return c.UPN == "" && len(c.Scopes) == 0
}

// HasScope reports whether the token grants the permission s, either as a
// delegated scope or as an application role. Entra ID treats permission
// names case-insensitively, so this does too.
func (c *Claims) HasScope(s string) bool {
	for _, have := range c.Scopes {
		if strings.EqualFold(have, s) {
			return true
		}
	}
	for _, have := range c.Roles {
		if strings.EqualFold(have, s) {
			return true
		}
	}
	return false
}
