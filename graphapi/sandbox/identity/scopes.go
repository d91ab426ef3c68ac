package identity

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// oidcScopes are the OpenID Connect scopes MSAL adds to every request; they
// ask for an id token, a refresh token and profile claims, not for Graph
// permissions.
var oidcScopes = map[string]bool{"openid": true, "profile": true, "offline_access": true, "email": true}

// graphPrefixes are the two spellings of Microsoft Graph's resource in a
// scope ("https://graph.microsoft.com/User.Read").
var graphPrefixes = []string{GraphResource + "/", GraphAppID + "/"}

// graphPermissions turns requested scopes into Graph permission names:
// OpenID scopes are dropped, the Graph resource prefix is removed, and
// ".default" stands for the permissions consented in advance. Scopes for any
// other resource are refused: the sandbox tenant has only Graph.
func graphPermissions(requested []string, defaults []string) ([]string, *aadError) {
	var perms []string
	for _, s := range requested {
		if oidcScopes[strings.ToLower(s)] {
			continue
		}
		name := s
		for _, prefix := range graphPrefixes {
			if len(s) > len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
				name = s[len(prefix):]
			}
		}
		if strings.Contains(name, "/") {
			res := name[:strings.LastIndex(name, "/")]
			return nil, &aadError{http.StatusBadRequest, "invalid_resource", 500011, fmt.Sprintf(
				"The resource principal named %s was not found in the tenant named %s. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.",
				res, TenantDomain)}
		}
		if name == ".default" {
			for _, d := range defaults {
				perms = appendPerm(perms, d)
			}
			continue
		}
		perms = appendPerm(perms, name)
	}
	return perms, nil
}

// appendPerm adds name unless it is there already, in any case.
func appendPerm(perms []string, name string) []string {
	if slices.ContainsFunc(perms, func(p string) bool { return strings.EqualFold(p, name) }) {
		return perms
	}
	return append(perms, name)
}

// grantConsent records that account oid consented to perms for clientID and
// returns everything it has consented to, in the order granted: like Entra
// ID, a token for Graph carries every consented permission, so asking for a
// new scope later (incremental consent) widens later tokens too.
func (p *Provider) grantConsent(oid, clientID string, perms []string) []string {
	key := oid + "|" + clientID
	p.mu.Lock()
	defer p.mu.Unlock()
	all := p.consent[key]
	for _, perm := range perms {
		all = appendPerm(all, perm)
	}
	p.consent[key] = all
	return slices.Clone(all)
}

// responseScope is the token response's scope: every requested scope as the
// client spelled it (MSAL fails on any it does not see echoed, "declined
// scopes") but offline_access, which Entra ID never echoes, then the other
// consented permissions.
func responseScope(requested, granted []string) string {
	out := slices.DeleteFunc(slices.Clone(requested), func(s string) bool { return strings.EqualFold(s, "offline_access") })
	for _, g := range granted {
		seen := false
		for _, r := range requested {
			if strings.EqualFold(r, g) || strings.HasSuffix(strings.ToLower(r), "/"+strings.ToLower(g)) {
				seen = true
				break
			}
		}
		if !seen {
			out = append(out, g)
		}
	}
	return strings.Join(out, " ")
}

// checkConsentable refuses a grant naming a permission of
// Config.Unconsented with Entra ID's consent_required answer: the app must
// ask without it, or an admin must consent.
func (p *Provider) checkConsentable(clientID string, perms []string) *aadError {
	for _, perm := range perms {
		if slices.ContainsFunc(p.cfg.Unconsented, func(u string) bool { return strings.EqualFold(u, perm) }) {
			return errInvalidGrant(65001, "The user or administrator has not consented to use the application with ID '%s' named 'Photo Desk'. "+
				"Send an interactive authorization request for this user and resource. (Permission %s needs an administrator's consent.)", clientID, perm)
		}
	}
	return nil
}

// checkUserConsent refuses a silent grant (a refresh token redeemed) that
// names a permission of Config.UserConsent the account has not consented
// to yet, with Entra ID's answer: consent is given on the sign-in page, so
// the app must send the person there (an interactive request), as it must
// in a tenant whose admin left such permissions to each user.
func (p *Provider) checkUserConsent(oid, clientID string, requested []string) *aadError {
	if len(p.cfg.UserConsent) == 0 {
		return nil
	}
	perms, aerr := graphPermissions(requested, DefaultDelegatedScopes)
	if aerr != nil {
		return nil // delegatedResponse words it
	}
	p.mu.Lock()
	given := p.consent[oid+"|"+clientID]
	p.mu.Unlock()
	for _, perm := range perms {
		needed := slices.ContainsFunc(p.cfg.UserConsent, func(u string) bool { return strings.EqualFold(u, perm) })
		if needed && !slices.ContainsFunc(given, func(g string) bool { return strings.EqualFold(g, perm) }) {
			return errInvalidGrant(65001, "The user or administrator has not consented to use the application with ID '%s' named 'Photo Desk'. "+
				"Send an interactive authorization request for this user and resource. (Permission %s is consented by each user when first asked.)", clientID, perm)
		}
	}
	return nil
}
