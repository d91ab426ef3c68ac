package sandbox

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestStartWithTLS(t *testing.T) {
	s, err := Start(Options{Seed: 3, Users: 40, TLS: true, Faults: Faults{RetryAfter: "3"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(s.GraphURL("v1.0"), "https://127.0.0.1:") || !strings.HasSuffix(s.GraphURL(""), "/v1.0") || !strings.HasSuffix(s.GraphURL("beta"), "/beta") {
		t.Errorf("graph urls %s %s", s.GraphURL("v1.0"), s.GraphURL("beta"))
	}
	if s.TenantID() != s.Directory().TenantID() || s.TenantID() != NewDirectory(3, 40).TenantID() {
		t.Error("tenant id does not follow the seed")
	}
	if s.PublicClientID() != PublicClientID || !strings.HasPrefix(s.AuthorityURL(), "https://127.0.0.1:") || !strings.HasSuffix(s.AuthorityURL(), "/"+s.TenantID()) {
		t.Errorf("client %s authority %s", s.PublicClientID(), s.AuthorityURL())
	}
	if s.Provider() == nil || s.CA() == nil || s.Handler() == nil || len(s.Directory().Users()) != 40+onTop {
		t.Error("accessors")
	}
	if s.Handler().Faults().RetryAfter != "3" {
		t.Error("Options.Faults not applied")
	}
	tok, err := s.DemoToken()
	if err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, base: s.GraphURL("v1.0"), token: tok, http: s.GraphHTTPClient()}
	me := c.get("/me")
	wantStatus(t, me, 200)
	if me.json(t)["userPrincipalName"] != "helpdesk@contoso.onmicrosoft.com" {
		t.Errorf("/me %s", me.body)
	}
	// the identity side answers over TLS with the same CA
	resp, err := s.IdentityHTTPClient().Get(s.AuthorityURL() + "/v2.0/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var oidc map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&oidc); err != nil || oidc["token_endpoint"] == nil {
		t.Errorf("openid configuration: %v %v", err, oidc)
	}
	// other accounts and apps can get tokens
	if _, err := s.UserToken("megan.bowen@contoso.onmicrosoft.com"); err != nil {
		t.Error(err)
	}
	if _, err := s.UserToken("nobody@contoso.onmicrosoft.com"); err == nil {
		t.Error("token for an unknown account")
	}
	app, err := s.AppToken(DaemonClientID)
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, c.as(app).get("/users?$top=1"), 200)
	s.SetFaults(Faults{ThrottleRate: 1})
	wantStatus(t, c.get("/me"), 429)
	if s.Stats().Statuses[429] != 1 {
		t.Errorf("stats %v", s.Stats().Statuses)
	}
	s.ResetStats()
	if len(s.Stats().Statuses) != 0 {
		t.Error("ResetStats")
	}
}

func TestStartDefaults(t *testing.T) {
	s, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.GraphURL("v1.0"), "http://127.0.0.1:") {
		t.Errorf("default graph url %s", s.GraphURL("v1.0"))
	}
	if len(s.Directory().Users()) != DefaultUsers+onTop || s.Directory().Seed() != 1 { // and Frontdesk
		t.Errorf("defaults: %d users, seed %d", len(s.Directory().Users()), s.Directory().Seed())
	}
	if err := s.Close(); err != nil {
		t.Error(err)
	}
	if _, err := Start(Options{Addr: "256.0.0.1:1"}); err == nil {
		t.Error("Start on a bad address succeeded")
	}
}

// TestSameSeedSameAnswers checks two servers of one seed answer byte for
// byte the same, once their own addresses are taken out.
func TestSameSeedSameAnswers(t *testing.T) {
	_, a := isolated(t, 120)
	_, b := isolated(t, 120)
	ex := shared.Directory().Examples()
	for _, path := range []string{
		"/users?$top=999", "/groups", "/users/" + ex.PNG.ID + "/photos/96x96/$value", "/users/" + ex.UpTo504.ID + "/photo",
		"/me/contacts", "/me/contactFolders", "/groups/" + ex.NewHires.ID + "/members",
	} {
		ra, rb := a.get(path), b.get(path)
		wantStatus(t, ra, 200)
		ba := bytes.ReplaceAll(ra.body, []byte(a.base), []byte("BASE"))
		bb := bytes.ReplaceAll(rb.body, []byte(b.base), []byte("BASE"))
		if !bytes.Equal(ba, bb) {
			t.Errorf("%s differs between two servers of one seed", path)
		}
	}
}

// TestStartRefusesTooManyUsers: a tenant past MaxUsers is refused before
// anything is generated, not built for minutes.
func TestStartRefusesTooManyUsers(t *testing.T) {
	s, err := Start(Options{Users: MaxUsers + 1, Addr: "127.0.0.1:0"})
	if err == nil {
		s.Close()
		t.Fatalf("Start with %d users: no error", MaxUsers+1)
	}
}
