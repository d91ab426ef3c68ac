package auth

import (
	"encoding/json"
	"strings"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// The tenant an account's tokens come from is in neither half of MSAL's
// account record: its realm is the authority's tenant as typed
// ("contoso.onmicrosoft.com", "organizations") and its home account id
// names the home tenant, which a guest's is not. The id token MSAL keeps
// beside the account carries it, as the tid claim Entra ID puts in every
// token it issues: the directory id of the tenant signed in to. It is read
// from the cache as MSAL keeps it, so it is known offline and at start,
// before any token is asked for.

// cachedIDTokens is the id token part of MSAL's cache (the schema every
// MSAL library shares).
type cachedIDTokens struct {
	IDTokens map[string]struct {
		HomeAccountID string `json:"home_account_id"`
		Environment   string `json:"environment"`
		Realm         string `json:"realm"`
		ClientID      string `json:"client_id"`
		Secret        string `json:"secret"`
	} `json:"IdToken"`
}

// idTokenTenants maps each id token in data, an MSAL cache, to its tid
// claim, by idTokenKey. Only the tenant ids are kept, never a token; a
// cache that cannot be read has none.
func idTokenTenants(data []byte) map[string]string {
	var c cachedIDTokens
	if json.Unmarshal(data, &c) != nil {
		return nil
	}
	out := make(map[string]string, len(c.IDTokens))
	for _, t := range c.IDTokens {
		if tid := tokenTenant(t.Secret); tid != "" {
			out[idTokenKey(t.HomeAccountID, t.Environment, t.Realm, t.ClientID)] = tid
		}
	}
	return out
}

// idTokenKey names the id token of one account signed in at one authority
// (host and tenant as typed) by one app, as MSAL files it.
func idTokenKey(homeAccountID, environment, realm, clientID string) string {
	return strings.ToLower(homeAccountID + "\x00" + environment + "\x00" + realm + "\x00" + clientID)
}

// account is a as the app sees it, with the directory id of the tenant
// its tokens come from when MSAL's cache holds its id token.
func (s *Session) account(a public.Account) Account {
	acct := accountFrom(a)
	acct.DirectoryID = s.cache.tenantOf(idTokenKey(a.HomeAccountID, a.Environment, a.Realm, s.cloud.ClientID))
	return acct
}
