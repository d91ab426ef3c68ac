package identity

import "strings"

// RevokeSignIns invalidates every refresh token of the account upnOrID, as
// an admin's "Revoke sessions" does in Entra ID: its access tokens work until
// they expire, then the app must sign the person in again. It returns how
// many refresh tokens were revoked.
func (p *Provider) RevokeSignIns(upnOrID string) int {
	a, ok := p.lookup(upnOrID)
	if !ok {
		return 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for rt, gs := range p.refresh {
		if strings.EqualFold(gs.account.ObjectID, a.ObjectID) {
			delete(p.refresh, rt)
			n++
		}
	}
	return n
}

// pruneLocked forgets expired authorization and device codes, so a
// long-running sandbox does not grow with every sign-in. Redeemed ones stay
// until they expire, so reusing one still gets Entra ID's "already
// redeemed" error. p.mu must be held.
func (p *Provider) pruneLocked() {
	now := p.now()
	for code, ac := range p.codes {
		if now.After(ac.expires) {
			delete(p.codes, code)
		}
	}
	for code, dc := range p.devices {
		if now.After(dc.expires) {
			delete(p.devices, code)
		}
	}
}
