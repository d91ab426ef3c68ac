package identity

import "net/http"

// SetUnavailable makes the token endpoint answer every request with 503
// and OAuth's temporarily_unavailable (down true), as Entra ID's does in
// an outage, or serve again: a test sees a refresh fail for want of the
// service, not because the refresh token stopped working, and the same
// refresh token serve once the service is back. Nothing is revoked.
func (p *Provider) SetUnavailable(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
}

// unlessDown answers 503 while SetUnavailable holds, else serves with h.
func (p *Provider) unlessDown(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		down := p.down
		p.mu.Unlock()
		if !down {
			h(w, r)
			return
		}
		w.Header().Set("Retry-After", "30")
		p.writeError(w, r, &aadError{
			http.StatusServiceUnavailable, "temporarily_unavailable", 90033,
			"A transient error has occurred. Please try again.",
		})
	}
}
