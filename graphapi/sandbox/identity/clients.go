package identity

import (
	"crypto/subtle"
	"net/http"
)

// client is the application a request comes from.
type client struct {
	id           string
	confidential bool
	app          App
}

// lookupClient finds the application registration for a client_id: a
// confidential client from Config.Apps, or the public client.
func (p *Provider) lookupClient(id string) (client, *aadError) {
	if id == "" {
		return client{}, errMissingParam("client_id")
	}
	if app, ok := p.cfg.Apps[id]; ok {
		return client{id: id, confidential: true, app: app}, nil
	}
	if p.cfg.PublicClientID == "" || p.cfg.PublicClientID == id {
		return client{id: id}, nil
	}
	return client{}, &aadError{http.StatusBadRequest, "unauthorized_client", 700016, "Application with identifier '" + id +
		"' was not found in the directory '" + TenantDomain + "'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant."}
}

// formClient reads a POSTed form body (at most 1 MB) and looks up the
// client its client_id names, as the token and device code endpoints do.
func (p *Provider) formClient(w http.ResponseWriter, r *http.Request) (client, *aadError) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		return client{}, errInvalidRequest(900144, "The request body could not be read as a form: %v.", err)
	}
	return p.lookupClient(r.PostForm.Get("client_id"))
}

// authenticateClient checks a confidential client's credential: a secret in
// the form or in Basic auth, or a signed client assertion.
func (p *Provider) authenticateClient(r *http.Request, c client) *aadError {
	secret := r.PostForm.Get("client_secret")
	if id, s, ok := r.BasicAuth(); ok && id == c.id && secret == "" {
		secret = s
	}
	switch {
	case secret != "":
		if c.app.Secret == "" || subtle.ConstantTimeCompare([]byte(secret), []byte(c.app.Secret)) != 1 {
			return &aadError{
				http.StatusUnauthorized, "invalid_client", 7000215,
				"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '" + c.id + "'.",
			}
		}
		return nil
	case r.PostForm.Get("client_assertion") != "":
		if r.PostForm.Get("client_assertion_type") != clientAssertionType {
			return &aadError{
				http.StatusBadRequest, "invalid_request", 50027,
				"Invalid client_assertion_type. Expected '" + clientAssertionType + "'.",
			}
		}
		return p.verifyAssertion(r, c, r.PostForm.Get("client_assertion"))
	}
	return &aadError{
		http.StatusUnauthorized, "invalid_client", 7000218,
		"The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
	}
}
