package identity

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
)

// tokenResponse is a successful token endpoint answer, as Entra ID sends it.
type tokenResponse struct {
	TokenType    string `json:"token_type"`
	Scope        string `json:"scope,omitempty"`
	ExpiresIn    int64  `json:"expires_in"`
	ExtExpiresIn int64  `json:"ext_expires_in"`
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token,omitempty"`
	IDToken      string `json:"id_token,omitempty"`
	ClientInfo   string `json:"client_info,omitempty"`
}

// serveToken is the token endpoint: one grant per call, chosen by grant_type.
func (p *Provider) serveToken(w http.ResponseWriter, r *http.Request) {
	c, aerr := p.formClient(w, r)
	if aerr != nil {
		p.writeError(w, r, aerr)
		return
	}
	var resp *tokenResponse
	switch gt := r.PostForm.Get("grant_type"); gt {
	case "authorization_code":
		resp, aerr = p.grantAuthCode(r, c)
	case "refresh_token":
		resp, aerr = p.grantRefresh(r, c)
	case "device_code", "urn:ietf:params:oauth:grant-type:device_code":
		resp, aerr = p.grantDeviceCode(r, c)
	case "client_credentials":
		resp, aerr = p.grantClientCredentials(r, c)
	case "":
		aerr = errMissingParam("grant_type")
	default:
		aerr = &aadError{http.StatusBadRequest, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + gt + "'."}
	}
	if aerr != nil {
		p.writeError(w, r, aerr)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// checkDelegatedClient authenticates confidential clients on delegated
// grants; public clients have no credential to check.
func (p *Provider) checkDelegatedClient(r *http.Request, c client) *aadError {
	if !c.confidential {
		return nil
	}
	return p.authenticateClient(r, c)
}

func (p *Provider) grantAuthCode(r *http.Request, c client) (*tokenResponse, *aadError) {
	if aerr := p.checkDelegatedClient(r, c); aerr != nil {
		return nil, aerr
	}
	code := r.PostForm.Get("code")
	if code == "" {
		return nil, errMissingParam("code")
	}
	p.mu.Lock()
	ac, ok := p.codes[code]
	redeemed := ok && ac.redeemed
	if ok {
		ac.redeemed = true
	}
	p.mu.Unlock()
	switch {
	case !ok:
		return nil, errInvalidGrant(9002313, "Invalid request. Request is malformed or invalid.")
	case redeemed:
		return nil, errInvalidGrant(54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.")
	case p.now().After(ac.expires):
		return nil, errInvalidGrant(70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.")
	case ac.clientID != c.id:
		return nil, errInvalidGrant(70000, "Provided grant is invalid or malformed.")
	case r.PostForm.Get("redirect_uri") != ac.redirectURI:
		return nil, errInvalidGrant(50148, "The redirect_uri specified in the token request does not match the redirect_uri used in the authorization request.")
	}
	if aerr := checkPKCE(ac, r.PostForm.Get("code_verifier")); aerr != nil {
		return nil, aerr
	}
	p.count(func(s *Stats) { s.AuthCode++ })
	scopes := strings.Fields(r.PostForm.Get("scope"))
	if len(scopes) == 0 {
		scopes = ac.scopes
	}
	return p.delegatedResponse(r, ac.account, c.id, scopes)
}

// checkPKCE verifies the code_verifier against the authorize request's
// challenge (RFC 7636).
func checkPKCE(ac *authCode, verifier string) *aadError {
	if ac.challenge == "" {
		return nil
	}
	if verifier == "" {
		return errInvalidGrant(501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.")
	}
	want := verifier
	if ac.method == "S256" {
		sum := sha256.Sum256([]byte(verifier))
		want = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	if subtle.ConstantTimeCompare([]byte(want), []byte(ac.challenge)) != 1 {
		return errInvalidGrant(501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.")
	}
	return nil
}

func (p *Provider) grantRefresh(r *http.Request, c client) (*tokenResponse, *aadError) {
	if aerr := p.checkDelegatedClient(r, c); aerr != nil {
		return nil, aerr
	}
	rt := r.PostForm.Get("refresh_token")
	if rt == "" {
		return nil, errMissingParam("refresh_token")
	}
	p.mu.Lock()
	gs, ok := p.refresh[rt]
	p.mu.Unlock()
	if !ok {
		return nil, errInvalidGrant(9002313, "Invalid request. Request is malformed or invalid.")
	}
	if gs.clientID != c.id {
		return nil, errInvalidGrant(70000, "Provided grant is invalid or malformed.")
	}
	p.count(func(s *Stats) { s.Refresh++ })
	requested := strings.Fields(r.PostForm.Get("scope"))
	if aerr := p.checkUserConsent(gs.account.ObjectID, c.id, requested); aerr != nil {
		return nil, aerr
	}
	return p.delegatedResponse(r, gs.account, c.id, requested)
}

func (p *Provider) grantClientCredentials(r *http.Request, c client) (*tokenResponse, *aadError) {
	if !c.confidential {
		return nil, &aadError{
			http.StatusUnauthorized, "invalid_client", 7000218,
			"The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
		}
	}
	if aerr := p.authenticateClient(r, c); aerr != nil {
		return nil, aerr
	}
	scope := r.PostForm.Get("scope")
	var fields []string
	for _, f := range strings.Fields(scope) {
		if !oidcScopes[strings.ToLower(f)] {
			fields = append(fields, f) // MSAL adds the OpenID scopes; Entra ID ignores them here
		}
	}
	if len(fields) != 1 || !strings.HasSuffix(fields[0], "/.default") {
		return nil, &aadError{http.StatusBadRequest, "invalid_scope", 1002012, "The provided value for scope " + scope +
			" is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."}
	}
	if _, aerr := graphPermissions(fields, nil); aerr != nil {
		return nil, aerr
	}
	at, err := p.IssueApp(c.id)
	if err != nil {
		return nil, &aadError{http.StatusInternalServerError, "server_error", 90033, err.Error()}
	}
	p.count(func(s *Stats) { s.ClientCredentials++ })
	ttl := int64(p.tokenTTL().Seconds())
	return &tokenResponse{TokenType: "Bearer", ExpiresIn: ttl, ExtExpiresIn: ttl, AccessToken: at}, nil
}

// delegatedResponse issues the tokens of a delegated grant: an access token
// for Graph with every consented permission, a new refresh token when
// offline_access was asked for, and the id token and client_info MSAL needs
// to record the account.
func (p *Provider) delegatedResponse(r *http.Request, a Account, clientID string, requested []string) (*tokenResponse, *aadError) {
	if len(requested) == 0 {
		return nil, errMissingParam("scope")
	}
	perms, aerr := graphPermissions(requested, DefaultDelegatedScopes)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := p.checkConsentable(clientID, perms); aerr != nil {
		return nil, aerr
	}
	granted := p.grantConsent(a.ObjectID, clientID, perms)
	if len(granted) == 0 {
		// Entra ID gives a Graph token with User.Read to a sign-in that asks
		// only for OpenID scopes.
		granted = p.grantConsent(a.ObjectID, clientID, []string{"User.Read"})
	}
	at, err := p.issueDelegated(a, clientID, granted)
	if err != nil {
		return nil, &aadError{http.StatusInternalServerError, "server_error", 90033, err.Error()}
	}
	ttl := int64(p.tokenTTL().Seconds())
	resp := &tokenResponse{
		TokenType:    "Bearer",
		Scope:        responseScope(requested, granted),
		ExpiresIn:    ttl,
		ExtExpiresIn: ttl,
		AccessToken:  at,
	}
	has := func(s string) bool {
		for _, q := range requested {
			if strings.EqualFold(q, s) {
				return true
			}
		}
		return false
	}
	if has("offline_access") {
		resp.RefreshToken = opaque(96)
		p.mu.Lock()
		p.refresh[resp.RefreshToken] = &grantSession{account: a, clientID: clientID}
		p.mu.Unlock()
	}
	if has("openid") {
		if resp.IDToken, err = p.idToken(a, clientID); err != nil {
			return nil, &aadError{http.StatusInternalServerError, "server_error", 90033, err.Error()}
		}
	}
	if r.PostForm.Get("client_info") == "1" {
		info, _ := json.Marshal(map[string]string{"uid": a.ObjectID, "utid": p.tenantOf(a)})
		resp.ClientInfo = base64.RawURLEncoding.EncodeToString(info)
	}
	return resp, nil
}
