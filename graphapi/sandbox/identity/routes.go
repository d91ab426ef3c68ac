package identity

import (
	"net/http"
)

// Handler serves the Entra ID endpoints under /{tenant}/..., the paths MSAL
// derives from an authority of AuthorityURL(), plus instance discovery and
// the device login page.
func (p *Provider) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{tenant}/v2.0/.well-known/openid-configuration", p.inTenant(p.serveOpenIDConfiguration))
	mux.HandleFunc("GET /{tenant}/discovery/v2.0/keys", p.inTenant(p.serveKeys))
	mux.HandleFunc("GET /common/discovery/instance", p.serveInstanceDiscovery)
	mux.HandleFunc("GET /{tenant}/oauth2/v2.0/authorize", p.inTenant(p.serveAuthorize))
	mux.HandleFunc("POST /{tenant}/oauth2/v2.0/token", p.inTenant(p.unlessDown(p.serveToken)))
	mux.HandleFunc("POST /{tenant}/oauth2/v2.0/devicecode", p.inTenant(p.serveDeviceCode))
	mux.HandleFunc("GET /devicelogin", p.serveDeviceLogin)
	return mux
}

// inTenant refuses authorities that name another tenant, as Entra ID does.
func (p *Provider) inTenant(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t := r.PathValue("tenant")
		if !p.knownTenant(t) {
			p.writeError(w, r, errInvalidRequest(90002,
				"Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.", t))
			return
		}
		h(w, r)
	}
}
