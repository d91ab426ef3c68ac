package identity

import (
	"net/http"
	"strconv"
)

// Outage is how the token endpoint fails while SetOutage holds it.
type Outage int

// The outages a test can switch the token endpoint to.
const (
	// Serving is no outage: the token endpoint answers as Entra ID does.
	Serving Outage = iota
	// Down answers every request with 503 and OAuth's
	// temporarily_unavailable, as Entra ID's does in an outage.
	Down
	// CutMidAnswer sends a 200's headers and half its JSON, then drops
	// the connection: a Wi-Fi that fades or a VPN that reconnects while
	// the answer is on its way.
	CutMidAnswer
	// CaptivePortal answers every request with a 200 HTML login page, as
	// a hotel's or an airport's Wi-Fi does until its terms are accepted.
	CaptivePortal
)

// SetOutage makes the token endpoint fail as o says, or (Serving) serve
// again: a test sees a refresh fail for want of the service, not because
// the refresh token stopped working, and the same refresh token serve
// once the service is back. Nothing is revoked.
func (p *Provider) SetOutage(o Outage) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.outage = o
}

// SetUnavailable is SetOutage(Down) (down true) or SetOutage(Serving).
func (p *Provider) SetUnavailable(down bool) {
	if down {
		p.SetOutage(Down)
		return
	}
	p.SetOutage(Serving)
}

// unlessDown fails as SetOutage holds, else serves with h.
func (p *Provider) unlessDown(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		outage := p.outage
		p.mu.Unlock()
		switch outage {
		case Down:
			w.Header().Set("Retry-After", "30")
			p.writeError(w, r, &aadError{
				http.StatusServiceUnavailable, "temporarily_unavailable", 90033,
				"A transient error has occurred. Please try again.",
			})
		case CutMidAnswer:
			const half = `{"token_type":"Bearer","scope":"User.Read","expires_in":3599,"access_tok`
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Content-Length", strconv.Itoa(2*len(half)))
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(half))
			if f, ok := w.(http.Flusher); ok {
				f.Flush()
			}
			// net/http closes the connection without the rest.
			panic(http.ErrAbortHandler)
		case CaptivePortal:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(portalPage))
		default:
			h(w, r)
		}
	}
}

// portalPage is a captive portal's login page, much as hotels serve.
const portalPage = `<!DOCTYPE html>
<html><head><title>Welcome to Hotel Wi-Fi</title></head>
<body><h1>Welcome!</h1><p>Please accept the terms of use to connect to the internet.</p>
<form method="post" action="/login"><input type="checkbox" name="terms"> I accept <button>Connect</button></form>
</body></html>
`
