package identity

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/internal/testkit"
)

// authorizeURL builds an authorize request like MSAL's, with a PKCE
// challenge for verifier.
func authorizeURL(s *Server, mode, verifier string, extra url.Values) string {
	sum := sha256.Sum256([]byte(verifier))
	q := url.Values{
		"client_id":             {testPublicClient},
		"response_type":         {"code"},
		"redirect_uri":          {"http://localhost:1234/"},
		"scope":                 {"User.ReadBasic.All openid offline_access profile"},
		"state":                 {"st-123"},
		"code_challenge":        {base64.RawURLEncoding.EncodeToString(sum[:])},
		"code_challenge_method": {"S256"},
	}
	if mode != "" {
		q.Set("response_mode", mode)
	}
	for k, v := range extra {
		q[k] = v
	}
	return s.AuthorityURL() + "/oauth2/v2.0/authorize?" + q.Encode()
}

// noRedirects is a client that shows redirects instead of following them.
func noRedirects(s *Server) *http.Client {
	c := s.HTTPClient()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

// authorizeForm sends a form_post authorize request asking for JSON and
// decodes the form the browser would have posted back to the app.
func authorizeForm(t *testing.T, s *Server, verifier string, extra url.Values) FormPost {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, authorizeURL(s, "form_post", verifier, extra), nil)
	req.Header.Set("Accept", "application/json")
	resp, err := s.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var form FormPost
	if err := json.NewDecoder(resp.Body).Decode(&form); err != nil {
		t.Fatal(err)
	}
	return form
}

// getCode returns the authorization code a form_post authorize request
// hands back to the app.
func getCode(t *testing.T, s *Server, verifier string) string {
	t.Helper()
	form := authorizeForm(t, s, verifier, nil)
	if form.Action != "http://localhost:1234/" || form.Fields["state"] != "st-123" || form.Fields["code"] == "" {
		t.Fatalf("form = %+v", form)
	}
	return form.Fields["code"]
}

// postToken calls the token endpoint and decodes the answer.
func postToken(t *testing.T, s *Server, form url.Values) (int, map[string]any) {
	t.Helper()
	resp, err := s.HTTPClient().PostForm(s.AuthorityURL()+"/oauth2/v2.0/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// wantAADError checks an answer is Entra ID's error shape with the code.
func wantAADError(t *testing.T, status int, body map[string]any, wantStatus int, wantErr string, aadsts float64) {
	t.Helper()
	codes, _ := body["error_codes"].([]any)
	if status != wantStatus || body["error"] != wantErr || len(codes) != 1 || codes[0] != aadsts {
		t.Errorf("got %d %v, want %d %s AADSTS%v", status, body, wantStatus, wantErr, aadsts)
	}
	desc, _ := body["error_description"].(string)
	for _, part := range []string{"AADSTS", "Trace ID:", "Correlation ID:", "Timestamp:"} {
		if !strings.Contains(desc, part) {
			t.Errorf("error_description %q lacks %q", desc, part)
		}
	}
	for _, k := range []string{"trace_id", "correlation_id", "timestamp", "error_uri"} {
		if body[k] == nil {
			t.Errorf("error lacks %s", k)
		}
	}
}

func codeForm(code, verifier string) url.Values {
	return url.Values{
		"client_id":     {testPublicClient},
		"grant_type":    {"authorization_code"},
		"code":          {code},
		"code_verifier": {verifier},
		"redirect_uri":  {"http://localhost:1234/"},
		"scope":         {"User.ReadBasic.All openid offline_access profile"},
		"client_info":   {"1"},
	}
}

func TestAuthCodePKCE(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	const verifier = "a-verifier-of-at-least-forty-three-characters-long"

	code := getCode(t, s, verifier)
	status, body := postToken(t, s, codeForm(code, "another-verifier"))
	wantAADError(t, status, body, 400, "invalid_grant", 501481)

	code = getCode(t, s, verifier)
	status, body = postToken(t, s, codeForm(code, verifier))
	if status != 200 {
		t.Fatalf("redeem: %d %v", status, body)
	}
	for _, k := range []string{"access_token", "refresh_token", "id_token", "client_info", "scope", "expires_in", "ext_expires_in"} {
		if body[k] == nil {
			t.Errorf("token response lacks %s: %v", k, body)
		}
	}
	if body["token_type"] != "Bearer" || body["expires_in"] != float64(3600) {
		t.Errorf("token response = %v", body)
	}
	if sc, _ := body["scope"].(string); strings.Contains(sc, "offline_access") || !strings.Contains(sc, "User.ReadBasic.All") {
		t.Errorf("scope = %q", sc)
	}
	status, body = postToken(t, s, codeForm(code, verifier))
	wantAADError(t, status, body, 400, "invalid_grant", 54005)
}

func TestAuthCodeExpires(t *testing.T) {
	clk := testkit.NewClockAt(time.Now())
	s := startTestServer(t, testConfig(clk))
	code := getCode(t, s, "v")
	clk.Advance(11 * time.Minute)
	status, body := postToken(t, s, codeForm(code, "v"))
	wantAADError(t, status, body, 400, "invalid_grant", 70008)
}

func TestAuthorizeFormPostPage(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	resp, err := s.HTTPClient().Get(authorizeURL(s, "form_post", "v", nil))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type = %q", ct)
	}
	action := regexp.MustCompile(`<form method="POST"[^>]* action="([^"]+)"`).FindSubmatch(page)
	if action == nil || html.UnescapeString(string(action[1])) != "http://localhost:1234/" {
		t.Fatalf("no form posting to the redirect URI in:\n%s", page)
	}
	fields := map[string]string{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`).FindAllSubmatch(page, -1) {
		fields[string(m[1])] = html.UnescapeString(string(m[2]))
	}
	if fields["state"] != "st-123" || fields["code"] == "" || !strings.Contains(string(page), "document.forms[0].submit()") {
		t.Fatalf("fields = %v in:\n%s", fields, page)
	}
	status, body := postToken(t, s, codeForm(fields["code"], "v"))
	if status != 200 {
		t.Errorf("code from the HTML page: %d %v", status, body)
	}
}

func TestAuthorizeQueryModeRedirects(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	resp, err := noRedirects(s).Get(authorizeURL(s, "", "v", nil))
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || loc.Host != "localhost:1234" ||
		loc.Query().Get("code") == "" || loc.Query().Get("state") != "st-123" {
		t.Fatalf("%d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestAuthorizeRefusesForeignRedirectAndClient(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	for name, extra := range map[string]url.Values{
		"https redirect":  {"redirect_uri": {"https://evil.example/cb"}},
		"remote redirect": {"redirect_uri": {"http://evil.example/cb"}},
		"unknown client":  {"client_id": {"99999999-9999-9999-9999-999999999999"}},
	} {
		resp, err := noRedirects(s).Get(authorizeURL(s, "form_post", "v", extra))
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != 400 || strings.Contains(string(page), "<form") || !strings.Contains(string(page), "AADSTS") {
			t.Errorf("%s: %d\n%s", name, resp.StatusCode, page)
		}
	}
}

func TestTokenEndpointErrors(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	for _, tc := range []struct {
		name   string
		form   url.Values
		status int
		err    string
		aadsts float64
	}{
		{"no client", url.Values{"grant_type": {"refresh_token"}}, 400, "invalid_request", 900144},
		{"unknown client", url.Values{"client_id": {"nope"}, "grant_type": {"refresh_token"}, "refresh_token": {"x"}}, 400, "unauthorized_client", 700016},
		{"no grant", url.Values{"client_id": {testPublicClient}}, 400, "invalid_request", 900144},
		{"unsupported grant", url.Values{"client_id": {testPublicClient}, "grant_type": {"password"}}, 400, "unsupported_grant_type", 70003},
		{"bad refresh token", url.Values{"client_id": {testPublicClient}, "grant_type": {"refresh_token"}, "refresh_token": {"forged"}, "scope": {"User.Read"}}, 400, "invalid_grant", 9002313},
		{"bad device code", url.Values{"client_id": {testPublicClient}, "grant_type": {"device_code"}, "device_code": {"forged"}}, 400, "invalid_grant", 70000},
		{"public client credentials", url.Values{"client_id": {testPublicClient}, "grant_type": {"client_credentials"}, "scope": {"https://graph.microsoft.com/.default"}}, 401, "invalid_client", 7000218},
		{"no secret", url.Values{"client_id": {testDaemon}, "grant_type": {"client_credentials"}, "scope": {"https://graph.microsoft.com/.default"}}, 401, "invalid_client", 7000218},
		{"other resource", url.Values{"client_id": {testDaemon}, "client_secret": {"s3cret~value"}, "grant_type": {"client_credentials"}, "scope": {"https://vault.azure.net/.default"}}, 400, "invalid_resource", 500011},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := postToken(t, s, tc.form)
			wantAADError(t, status, body, tc.status, tc.err, tc.aadsts)
		})
	}
}

func TestRefreshTokenBoundToClient(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	code := getCode(t, s, "v")
	_, body := postToken(t, s, codeForm(code, "v"))
	rt, _ := body["refresh_token"].(string)
	if len(rt) < 64 || strings.Count(rt, ".") != 0 {
		t.Fatalf("refresh token %q is not opaque", rt)
	}
	status, body := postToken(t, s, url.Values{
		"client_id": {testDaemon}, "client_secret": {"s3cret~value"}, "grant_type": {"refresh_token"},
		"refresh_token": {rt}, "scope": {"User.Read"},
	})
	wantAADError(t, status, body, 400, "invalid_grant", 70000)
	status, body = postToken(t, s, url.Values{
		"client_id": {testPublicClient}, "grant_type": {"refresh_token"}, "refresh_token": {rt},
		"scope": {"User.Read offline_access openid"},
	})
	if status != 200 || body["refresh_token"] == rt || body["refresh_token"] == nil {
		t.Errorf("refresh: %d %v", status, body)
	}
}

func TestDeviceCodeExpires(t *testing.T) {
	clk := testkit.NewClockAt(time.Now())
	s := startTestServer(t, testConfig(clk))
	resp, err := s.HTTPClient().PostForm(s.AuthorityURL()+"/oauth2/v2.0/devicecode",
		url.Values{"client_id": {testPublicClient}, "scope": {"User.Read openid"}})
	if err != nil {
		t.Fatal(err)
	}
	var dc deviceCodeResponse
	err = json.NewDecoder(resp.Body).Decode(&dc)
	_ = resp.Body.Close()
	if err != nil || dc.DeviceCode == "" || len(dc.UserCode) != 9 || dc.ExpiresIn != 900 || dc.Interval != 5 ||
		!strings.HasPrefix(dc.VerificationURI, s.URL) {
		t.Fatalf("device code = %+v, %v", dc, err)
	}
	form := url.Values{"client_id": {testPublicClient}, "grant_type": {"urn:ietf:params:oauth:grant-type:device_code"}, "device_code": {dc.DeviceCode}}
	status, body := postToken(t, s, form)
	wantAADError(t, status, body, 400, "authorization_pending", 70016)
	clk.Advance(16 * time.Minute)
	status, body = postToken(t, s, form)
	wantAADError(t, status, body, 400, "expired_token", 70020)
}

func TestUnknownTenant(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	resp, err := s.HTTPClient().Get(s.URL + "/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	wantAADError(t, resp.StatusCode, body, 400, "invalid_request", 90002)
}

func TestOpenIDConfigurationAndKeys(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	for _, tenant := range []string{testTenant, TenantDomain, "common"} {
		resp, err := s.HTTPClient().Get(s.URL + "/" + tenant + "/v2.0/.well-known/openid-configuration")
		if err != nil {
			t.Fatal(err)
		}
		var cfg openIDConfiguration
		err = json.NewDecoder(resp.Body).Decode(&cfg)
		_ = resp.Body.Close()
		if err != nil || cfg.TokenEndpoint != s.URL+"/"+tenant+"/oauth2/v2.0/token" ||
			cfg.AuthorizationEndpoint != s.URL+"/"+tenant+"/oauth2/v2.0/authorize" || !strings.HasPrefix(cfg.Issuer, s.URL+"/") {
			t.Errorf("%s: %+v %v", tenant, cfg, err)
		}
	}
	resp, err := s.HTTPClient().Get(s.URL + "/" + testTenant + "/discovery/v2.0/keys")
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string][]jwk
	err = json.NewDecoder(resp.Body).Decode(&keys)
	_ = resp.Body.Close()
	if err != nil || len(keys["keys"]) != 1 || keys["keys"][0].Kid != s.Provider.signer.kid || keys["keys"][0].E != "AQAB" {
		t.Errorf("keys = %+v, %v", keys, err)
	}
	resp, err = s.HTTPClient().Get(s.URL + "/common/discovery/instance?api-version=1.1&authorization_endpoint=" +
		url.QueryEscape(s.AuthorityURL()+"/oauth2/v2.0/authorize"))
	if err != nil {
		t.Fatal(err)
	}
	var inst map[string]any
	err = json.NewDecoder(resp.Body).Decode(&inst)
	_ = resp.Body.Close()
	if err != nil || inst["tenant_discovery_endpoint"] != s.AuthorityURL()+"/v2.0/.well-known/openid-configuration" {
		t.Errorf("instance discovery = %v, %v", inst, err)
	}
}

func TestRevokeSignIns(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	code := getCode(t, s, "v")
	_, body := postToken(t, s, codeForm(code, "v"))
	rt, _ := body["refresh_token"].(string)
	if n := s.Provider.RevokeSignIns(DemoUPN); n != 1 {
		t.Fatalf("revoked %d refresh tokens, want 1", n)
	}
	status, body := postToken(t, s, url.Values{
		"client_id": {testPublicClient}, "grant_type": {"refresh_token"}, "refresh_token": {rt}, "scope": {"User.Read"},
	})
	wantAADError(t, status, body, 400, "invalid_grant", 9002313)
	if n := s.Provider.RevokeSignIns("nobody@contoso.onmicrosoft.com"); n != 0 {
		t.Errorf("revoked %d for an unknown account", n)
	}
}

func TestExpiredCodesArePruned(t *testing.T) {
	clk := testkit.NewClockAt(time.Now())
	s := startTestServer(t, testConfig(clk))
	getCode(t, s, "v")
	clk.Advance(11 * time.Minute)
	getCode(t, s, "v")
	s.Provider.mu.Lock()
	n := len(s.Provider.codes)
	s.Provider.mu.Unlock()
	if n != 1 {
		t.Errorf("%d codes kept, want only the live one", n)
	}
}

func TestAuthorizeSendsScopeErrorsToTheApp(t *testing.T) {
	s := startTestServer(t, testConfig(nil))
	form := authorizeForm(t, s, "v", url.Values{"scope": {"api://other/Read openid"}})
	if form.Fields["error"] != "invalid_resource" || !strings.Contains(form.Fields["error_description"], "AADSTS500011") ||
		form.Fields["code"] != "" || form.Fields["state"] != "st-123" {
		t.Errorf("form = %+v", form)
	}
}
