package identity

import "net/http"

// Handler serves the Entra ID endpoints under /{tenant}/..., the paths MSAL
// derives from an authority of AuthorityURL().
func (p *Provider) Handler() http.Handler {
	mux := http.NewServeMux()
	return mux
}
