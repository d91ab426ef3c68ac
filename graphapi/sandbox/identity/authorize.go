package identity

import (
	"html/template"
	"net/http"
	"net/url"
	"strings"
)

// FormPost is the answer of the authorize endpoint in form_post mode, in
// the shape a test that plays the browser can use: POST Fields to Action.
// The endpoint sends it as JSON when asked with "Accept: application/json",
// and as Entra ID's auto-submitting HTML form otherwise.
type FormPost struct {
	Method string            `json:"method"`
	Action string            `json:"action"`
	Fields map[string]string `json:"fields"`
}

// formPostPage is the page Entra ID answers form_post with: a hidden form
// that the browser submits to the app's redirect URI on load.
var formPostPage = template.Must(template.New("form_post").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Working...</title></head>
<body onload="document.forms[0].submit()">
<p>{{.Message}}</p>
<form method="POST" name="hiddenform" action="{{.Action}}">
{{range $k, $v := .Fields}}<input type="hidden" name="{{$k}}" value="{{$v}}">
{{end}}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript>
</form></body></html>
`))

// errorPage is shown when the request cannot be sent back to the app (an
// unknown client or redirect URI), as Entra ID shows its own error page.
var errorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Sign in to your account</title></head>
<body><h1>Sorry, but we're having trouble signing you in.</h1><p>{{.}}</p></body></html>
`))

// serveAuthorize is the sign-in page. The sandbox's people have no
// passwords: it approves the login_hint account, or the demo account, at
// once and sends the code back to the redirect URI.
func (p *Provider) serveAuthorize(w http.ResponseWriter, r *http.Request) {
	p.count(func(s *Stats) { s.Authorize++ })
	q := r.URL.Query()
	c, aerr := p.lookupClient(q.Get("client_id"))
	if aerr != nil {
		p.showError(w, aerr)
		return
	}
	redirect := q.Get("redirect_uri")
	if !loopbackRedirect(redirect) {
		p.showError(w, &aadError{http.StatusBadRequest, "invalid_request", 50011, "The redirect URI '" + redirect +
			"' specified in the request does not match the redirect URIs configured for the application '" + c.id + "'."})
		return
	}
	mode := q.Get("response_mode")
	reply := func(fields map[string]string, message string) {
		if st := q.Get("state"); st != "" {
			fields["state"] = st
		}
		p.replyToApp(w, r, mode, redirect, fields, message)
	}
	fail := func(e *aadError) {
		p.count(func(s *Stats) { s.Errors++ })
		reply(map[string]string{"error": e.code, "error_description": e.Error()}, "Sign-in failed.")
	}
	if rt := q.Get("response_type"); rt != "code" {
		fail(&aadError{http.StatusBadRequest, "unsupported_response_type", 70005, "The provided value for the input parameter 'response_type' is not allowed for this request. Expected value: 'code'. Received: '" + rt + "'."})
		return
	}
	scopes := strings.Fields(q.Get("scope"))
	if len(scopes) == 0 {
		fail(errMissingParam("scope"))
		return
	}
	if _, aerr := graphPermissions(scopes, DefaultDelegatedScopes); aerr != nil {
		fail(aerr)
		return
	}
	method := q.Get("code_challenge_method")
	challenge := q.Get("code_challenge")
	if challenge != "" && method == "" {
		method = "plain"
	}
	if challenge != "" && method != "S256" && method != "plain" {
		fail(errInvalidRequest(501491, "Invalid code_challenge_method parameter: '%s'. Supported values are 'plain' and 'S256'.", method))
		return
	}
	account := p.cfg.Demo
	if hint := q.Get("login_hint"); hint != "" {
		a, ok := p.lookup(hint)
		if !ok {
			fail(errInvalidRequest(50034, "The user account {EmailHidden} does not exist in the '%s' directory. To sign into this application, the account must be added to the directory.", TenantDomain))
			return
		}
		account = a
	}
	code := opaque(48)
	p.mu.Lock()
	p.pruneLocked()
	p.codes[code] = &authCode{
		account:     account,
		clientID:    c.id,
		redirectURI: redirect,
		challenge:   challenge,
		method:      method,
		scopes:      scopes,
		expires:     p.now().Add(authCodeTTL),
	}
	p.mu.Unlock()
	reply(map[string]string{"code": code}, "Signed in as "+account.DisplayName+" ("+account.UPN+"). Returning to the app…")
}

// replyToApp sends the result to the redirect URI in the response mode asked
// for: a self-submitting form (form_post, what MSAL uses), or a redirect
// with the fields in the query or fragment.
func (p *Provider) replyToApp(w http.ResponseWriter, r *http.Request, mode, redirect string, fields map[string]string, message string) {
	w.Header().Set("Cache-Control", "no-store, no-cache")
	switch mode {
	case "form_post":
		if strings.Contains(r.Header.Get("Accept"), "application/json") {
			writeJSON(w, http.StatusOK, FormPost{Method: http.MethodPost, Action: redirect, Fields: fields})
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = formPostPage.Execute(w, struct {
			Action  string
			Fields  map[string]string
			Message string
		}{redirect, fields, message})
	default:
		u, _ := url.Parse(redirect) // checked by loopbackRedirect
		v := url.Values{}
		for k, f := range fields {
			v.Set(k, f)
		}
		if mode == "fragment" {
			u.Fragment = v.Encode()
		} else {
			q := u.Query()
			for k := range v {
				q.Set(k, v.Get(k))
			}
			u.RawQuery = q.Encode()
		}
		http.Redirect(w, r, u.String(), http.StatusFound)
	}
}

func (p *Provider) showError(w http.ResponseWriter, e *aadError) {
	p.count(func(s *Stats) { s.Errors++ })
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(e.status)
	_ = errorPage.Execute(w, e.Error())
}

// loopbackRedirect reports whether u is a redirect URI a public client may
// use without registering it: http on localhost or a loopback address, any
// port, as Entra ID allows for native apps.
func loopbackRedirect(u string) bool {
	parsed, err := url.Parse(u)
	if err != nil || parsed.Scheme != "http" || parsed.User != nil {
		return false
	}
	switch parsed.Hostname() {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return false
}
