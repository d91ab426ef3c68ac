package sandbox

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// TestPhotoWritePermissions: each resource wants its own write permission
// (403 with that service's error otherwise), a signed-in user changing
// someone else's photo also needs an admin role, and applications may
// change users' photos without one but not groups'.
func TestPhotoWritePermissions(t *testing.T) {
	ex := shared.Directory().Examples()
	other := userPath(ex.FullHD) + "/photo"
	group := "/groups/" + ex.Sales.ID + "/photo"
	contact := "/me/contacts/" + ex.ContactWithPhoto.ID + "/photo"
	hdContact := userPath(ex.Helpdesk) + "/contacts/" + ex.ContactWithPhoto.ID + "/photo"
	fdSelf := "/users/" + url.PathEscape(frontdesk) + "/photo"
	type check struct {
		method, path string
		status       int
		code         string
	}
	put := func(path string, status int, code string) check { return check{"PUT", path + "/$value", status, code} }
	del := func(path string, status int, code string) check { return check{"DELETE", path, status, code} }
	cases := []struct {
		name   string
		token  string
		checks []check
	}{
		{"default read scopes", userToken(t, helpdesk), []check{
			put("/me/photo", 403, "ErrorAccessDenied"),
			del("/me/photo", 403, "ErrorAccessDenied"),
			put(other, 403, "ErrorAccessDenied"),
			put(group, 403, "ErrorAccessDenied"),
			put(contact, 403, "ErrorAccessDenied"),
		}},
		{"User.ReadWrite: own photo only", userToken(t, helpdesk, "User.ReadWrite"), []check{
			put("/me/photo", 200, ""),
			put("/users/"+ex.Helpdesk.ID+"/photo", 200, ""),
			del("/me/photo", 204, ""),
			put(other, 403, "ErrorAccessDenied"),
			put(group, 403, "ErrorAccessDenied"),
		}},
		{"admin with ProfilePhoto.ReadWrite.All", userToken(t, helpdesk, "ProfilePhoto.ReadWrite.All"), []check{
			put(other, 200, ""),
			del(other, 204, ""),
			put(group, 200, ""),
			put(contact, 403, "ErrorAccessDenied"),
			put("/users/nobody@contoso.onmicrosoft.com/photo", 404, "ErrorInvalidUser"),
		}},
		{"admin with User.ReadWrite.All", userToken(t, helpdesk, "User.ReadWrite.All"), []check{
			put(other, 200, ""),
			put(group, 403, "ErrorAccessDenied"),
		}},
		{"Group.ReadWrite.All", userToken(t, frontdesk, "Group.ReadWrite.All"), []check{
			put(group, 200, ""),
			del(group, 204, ""),
			put(other, 403, "ErrorAccessDenied"),
		}},
		{"Group.Read.All is not enough", userToken(t, helpdesk, "Group.Read.All"), []check{
			put(group, 403, "ErrorAccessDenied"),
		}},
		{"no role: own photo yes, others no", userToken(t, frontdesk, "ProfilePhoto.ReadWrite.All"), []check{
			put("/me/photo", 200, ""),
			put(fdSelf, 200, ""),
			del(fdSelf, 204, ""),
			put(other, 403, "Authorization_RequestDenied"),
			del(other, 403, "Authorization_RequestDenied"),
			put(userPath(ex.Helpdesk)+"/photo", 403, "Authorization_RequestDenied"),
		}},
		{"contacts", userToken(t, helpdesk, "Contacts.ReadWrite"), []check{
			put(contact, 200, ""),
			put(hdContact, 200, ""),
			del(contact, 405, "Request_BadRequest"),
			put("/me/photo", 403, "ErrorAccessDenied"),
		}},
		{"Contacts.Read is not enough", userToken(t, helpdesk, "Contacts.Read"), []check{
			put(contact, 403, "ErrorAccessDenied"),
		}},
		{"someone else's contacts need .Shared", userToken(t, frontdesk, "Contacts.ReadWrite"), []check{
			put(hdContact, 403, "ErrorAccessDenied"),
		}},
		{"Contacts.ReadWrite.Shared", userToken(t, frontdesk, "Contacts.ReadWrite.Shared"), []check{
			put(hdContact, 200, ""),
		}},
		{"application with ProfilePhoto.ReadWrite.All", appToken(t, PhotoSyncClientID), []check{
			put(other, 200, ""),
			put(userPath(ex.Helpdesk)+"/photo", 200, ""),
			del(other, 204, ""),
			put(group, 403, "ErrorAccessDenied"), // as for reads: the known issue
			put("/me/photo", 400, "BadRequest"),
			put(hdContact, 403, "ErrorAccessDenied"),
		}},
		{"read-only application", appToken(t, DaemonClientID), []check{
			put(other, 403, "ErrorAccessDenied"),
			del(other, 403, "ErrorAccessDenied"),
		}},
		{"personal account", userToken(t, ex.Consumer.UserPrincipalName, "User.ReadWrite"), []check{
			put("/me/photo", 200, ""),
			put(other, 403, "ErrorAccessDenied"),
		}},
		{"no token", "", []check{
			put("/me/photo", 401, "InvalidAuthenticationToken"),
			del("/me/photo", 401, "InvalidAuthenticationToken"),
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, c := writer(t, helpdesk)
			c = c.as(tc.token)
			for _, ck := range tc.checks {
				var r result
				if ck.method == "PUT" {
					r = c.put(ck.path, twoTone(t, 64, 64), "image/jpeg")
				} else {
					r = c.do(ck.method, ck.path, nil)
				}
				if ck.code == "" {
					if r.status != ck.status {
						t.Errorf("%s %s: %d %s, want %d", ck.method, ck.path, r.status, r.body, ck.status)
					}
					continue
				}
				msg := wantError(t, r, ck.status, ck.code)
				want := map[string]string{
					"ErrorAccessDenied":           msgAccessDenied,
					"Authorization_RequestDenied": msgInsufficient,
				}[ck.code]
				if want != "" && msg != want {
					t.Errorf("%s %s: message %q, want %q", ck.method, ck.path, msg, want)
				}
			}
		})
	}
}

// TestConsumerUploadKeepsMetadataRule: a personal account's upload is served
// as bytes, and its metadata is still not supported.
func TestConsumerUploadKeepsMetadataRule(t *testing.T) {
	_, c := writer(t, shared.Directory().Examples().Consumer.UserPrincipalName, "User.ReadWrite")
	wantStatus(t, c.put("/me/photo/$value", twoTone(t, 240, 240), "image/jpeg"), 200)
	wantError(t, c.get("/me/photo"), 404, "ConsumerPhotoIsNotSupported")
	decodeServed(t, c.get("/me/photo/$value"), 240, 240)
}

// TestFrontdeskSignsIn: the second demo account signs in with a login hint
// like any account, and incremental consent gives it (and the demo account)
// the photo-writing scopes, as it gave Group.Read.All.
func TestFrontdeskSignsIn(t *testing.T) {
	ex := shared.Directory().Examples()
	if u := ex.Frontdesk; u.UserPrincipalName != frontdesk || u.DisplayName != identity.FrontdeskDisplayName || len(u.Roles) != 0 {
		t.Fatalf("Frontdesk example %+v", u)
	}
	if !ex.Helpdesk.mayManagePhotos() || ex.Frontdesk.mayManagePhotos() {
		t.Error("Helpdesk must hold User Administrator and Frontdesk no role")
	}
	users := shared.Directory().Users()
	if users[len(users)-1] != ex.Frontdesk {
		t.Error("Frontdesk is not the last user")
	}
	for _, g := range shared.Directory().Groups() {
		for _, m := range g.Members {
			if m.User == ex.Frontdesk {
				t.Errorf("Frontdesk is in %s", g.DisplayName)
			}
		}
	}
	for _, upn := range []string{frontdesk, helpdesk} {
		first := signIn(t, upn, "openid offline_access User.Read")
		more := redeem(t, url.Values{
			"grant_type": {"refresh_token"}, "refresh_token": {first.RefreshToken},
			"scope": {"ProfilePhoto.ReadWrite.All ProfilePhoto.Read.All Contacts.ReadWrite offline_access"},
		})
		cl, err := shared.Provider().Verify(more.AccessToken)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"User.Read", "ProfilePhoto.ReadWrite.All", "ProfilePhoto.Read.All", "Contacts.ReadWrite"} {
			if !cl.HasScope(s) {
				t.Errorf("%s: token after consenting lacks %s: %v", upn, s, cl.Scopes)
			}
		}
		if cl.UPN != upn {
			t.Errorf("token for %s", cl.UPN)
		}
		_, c := isolated(t, 30)
		c = c.as(more.AccessToken)
		wantStatus(t, c.put("/me/photo/$value", twoTone(t, 64, 64), "image/jpeg"), 200)
		wantStatus(t, c.get(userPath(ex.NoPhoto)+"/photo"), 404) // ProfilePhoto.Read.All reads others' photos
		r := c.put(userPath(ex.FullHD)+"/photo/$value", twoTone(t, 64, 64), "image/jpeg")
		if upn == frontdesk {
			wantError(t, r, 403, "Authorization_RequestDenied")
		} else {
			wantStatus(t, r, 200)
		}
	}
}

// tokenAnswer is the part of a token response these tests read.
type tokenAnswer struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
}

// signIn runs the authorization code flow for upn (the login hint) as
// the public client, the way MSAL's interactive sign-in does.
func signIn(t *testing.T, upn, scope string) tokenAnswer {
	t.Helper()
	redirect := "http://localhost:1/"
	q := url.Values{
		"client_id": {PublicClientID}, "response_type": {"code"}, "redirect_uri": {redirect},
		"response_mode": {"form_post"}, "scope": {scope}, "login_hint": {upn},
	}
	req, err := http.NewRequest(http.MethodGet, shared.AuthorityURL()+"/oauth2/v2.0/authorize?"+q.Encode(), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := shared.IdentityHTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var form identity.FormPost
	if err := json.NewDecoder(resp.Body).Decode(&form); err != nil || form.Fields["code"] == "" {
		t.Fatalf("authorize for %s: %v %+v", upn, err, form)
	}
	return redeem(t, url.Values{
		"grant_type": {"authorization_code"}, "code": {form.Fields["code"]}, "redirect_uri": {redirect}, "scope": {scope},
	})
}

// redeem posts a token request for the public client.
func redeem(t *testing.T, form url.Values) tokenAnswer {
	t.Helper()
	form.Set("client_id", PublicClientID)
	resp, err := shared.IdentityHTTPClient().Post(shared.AuthorityURL()+"/oauth2/v2.0/token",
		"application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var ans tokenAnswer
	if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil || resp.StatusCode != 200 || ans.AccessToken == "" {
		t.Fatalf("token endpoint: %d %v", resp.StatusCode, err)
	}
	return ans
}
