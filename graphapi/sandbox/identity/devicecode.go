package identity

import (
	"crypto/rand"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"
)

// deviceCodeResponse is the device code endpoint's answer (RFC 8628 with
// Entra ID's spelling, verification_uri).
type deviceCodeResponse struct {
	UserCode        string `json:"user_code"`
	DeviceCode      string `json:"device_code"`
	VerificationURI string `json:"verification_uri"`
	ExpiresIn       int    `json:"expires_in"`
	Interval        int    `json:"interval"`
	Message         string `json:"message"`
}

// serveDeviceCode starts a device code sign-in.
func (p *Provider) serveDeviceCode(w http.ResponseWriter, r *http.Request) {
	c, aerr := p.formClient(w, r)
	if aerr != nil {
		p.writeError(w, r, aerr)
		return
	}
	scopes := strings.Fields(r.PostForm.Get("scope"))
	if len(scopes) == 0 {
		p.writeError(w, r, errMissingParam("scope"))
		return
	}
	if _, aerr := graphPermissions(scopes, DefaultDelegatedScopes); aerr != nil {
		p.writeError(w, r, aerr)
		return
	}
	dc := &deviceGrant{
		userCode: userCode(),
		clientID: c.id,
		scopes:   scopes,
		expires:  p.now().Add(deviceCodeTTL),
	}
	device := opaque(96)
	verify := p.baseURL() + "/devicelogin"
	p.mu.Lock()
	p.pruneLocked()
	p.devices[device] = dc
	p.stats.DeviceCodes++
	p.mu.Unlock()
	writeJSON(w, http.StatusOK, deviceCodeResponse{
		UserCode:        dc.userCode,
		DeviceCode:      device,
		VerificationURI: verify,
		ExpiresIn:       int(deviceCodeTTL / time.Second),
		Interval:        devicePollInterval,
		Message: fmt.Sprintf("To sign in, use a web browser to open the page %s and enter the code %s to authenticate.",
			verify, dc.userCode),
	})
}

// grantDeviceCode is a poll of the token endpoint with a device code: the
// first answers authorization_pending, as if the user were still typing the
// code; from the second on the demo account (or whoever ApproveDevice named)
// is signed in, once.
func (p *Provider) grantDeviceCode(r *http.Request, c client) (*tokenResponse, *aadError) {
	if aerr := p.checkDelegatedClient(r, c); aerr != nil {
		return nil, aerr
	}
	code := r.PostForm.Get("device_code")
	if code == "" {
		return nil, errMissingParam("device_code")
	}
	p.mu.Lock()
	p.stats.DevicePolls++
	dc, ok := p.devices[code]
	var (
		account  Account
		pending  bool
		redeemed bool
		expired  bool
	)
	if ok {
		dc.polls++
		expired = p.now().After(dc.expires)
		redeemed = dc.redeemed
		switch {
		case dc.approved != nil:
			account = *dc.approved
		case dc.polls > 1:
			account = p.cfg.Demo
		default:
			pending = true
		}
		if !pending && !expired && !redeemed && dc.clientID == c.id {
			dc.redeemed = true
		}
	}
	p.mu.Unlock()
	switch {
	case !ok:
		return nil, errInvalidGrant(70000, "Provided grant is invalid or malformed.")
	case dc.clientID != c.id:
		return nil, errInvalidGrant(70000, "Provided grant is invalid or malformed.")
	case expired:
		return nil, &aadError{http.StatusBadRequest, "expired_token", 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired."}
	case redeemed:
		return nil, errInvalidGrant(54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.")
	case pending:
		return nil, &aadError{http.StatusBadRequest, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling."}
	}
	scopes := strings.Fields(r.PostForm.Get("scope"))
	if len(scopes) == 0 {
		scopes = dc.scopes
	}
	return p.delegatedResponse(r, account, c.id, scopes)
}

// ApproveDevice signs the account upnOrID in on the device code userCode, as
// if that person had entered the code: the next poll gets its tokens. Without
// it, the demo account is approved on the second poll.
func (p *Provider) ApproveDevice(userCode, upnOrID string) error {
	a, ok := p.lookup(upnOrID)
	if !ok {
		return fmt.Errorf("approve device code: no account %q in the sandbox tenant", upnOrID)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, dc := range p.devices {
		if strings.EqualFold(dc.userCode, userCode) {
			dc.approved = &a
			return nil
		}
	}
	return fmt.Errorf("approve device code: no pending code %q", userCode)
}

var deviceLoginPage = template.Must(template.New("devicelogin").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Enter code</title></head>
<body><h1>Photo Desk sandbox</h1>
<p>Device codes are approved for {{.}} automatically: return to the app.</p></body></html>
`))

// serveDeviceLogin is the verification page a device code message points at.
func (p *Provider) serveDeviceLogin(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = deviceLoginPage.Execute(w, p.cfg.Demo.UPN)
}

// userCode makes a code people can type: nine characters without the
// look-alikes 0/O and 1/I.
func userCode() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 9)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
