package graphapi

import (
	"encoding/base64"
	"errors"
	"testing"
)

// jwtWith is an unsigned compact JWT whose body is claims.
func jwtWith(claims string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + enc([]byte(claims)) + ".c2ln"
}

// TestTokenIdentity: tenant and object ids come from tid and oid (in one
// case whatever case they arrive in); the name from upn, else
// preferred_username; a token without them, or not a JWT, is unknown.
func TestTokenIdentity(t *testing.T) {
	id, err := TokenIdentity(jwtWith(`{"tid":"T-1","oid":"O-1","upn":"ann@contoso.com","preferred_username":"x"}`))
	if err != nil || id != (Identity{TenantID: "t-1", ObjectID: "o-1", Name: "ann@contoso.com"}) {
		t.Errorf("user token: %+v, %v", id, err)
	}
	id, err = TokenIdentity(jwtWith(`{"tid":"t","oid":"o","preferred_username":"bob@fabrikam.com"}`))
	if err != nil || id.Name != "bob@fabrikam.com" {
		t.Errorf("v2 token: %+v, %v", id, err)
	}
	if id, err := TokenIdentity(jwtWith(`{"tid":"t","oid":"sp","appid":"a"}`)); err != nil || id.ObjectID != "sp" || id.Name != "" {
		t.Errorf("application token: %+v, %v", id, err)
	}
	// An application's own token, by idtyp or, without it, by roles and
	// no scope; a person's token may hold roles too, beside its scopes.
	for claims, app := range map[string]bool{
		`{"tid":"t","oid":"sp","idtyp":"app","roles":["User.Read.All"]}`:                 true,
		`{"tid":"t","oid":"sp","roles":["User.Read.All"]}`:                               true,
		`{"tid":"t","oid":"o","idtyp":"user","scp":"User.Read","upn":"ann@contoso.com"}`: false,
		`{"tid":"t","oid":"o","scp":"User.Read","roles":["Helpdesk"]}`:                   false,
	} {
		if id, err := TokenIdentity(jwtWith(claims)); err != nil || id.App != app {
			t.Errorf("%s: App = %v (%v), want %v", claims, id.App, err, app)
		}
	}
	for _, tok := range []string{"", "opaque-EwB0A8l6", jwtWith(`{"oid":"o"}`), jwtWith(`{"tid":"t"}`), "a.%%%.c", jwtWith(`not json`)} {
		if _, err := TokenIdentity(tok); !errors.Is(err, ErrIdentityUnknown) {
			t.Errorf("%q: %v, want ErrIdentityUnknown", tok, err)
		}
	}
	if _, err := New().Identity(t.Context()); !errors.Is(err, ErrIdentityUnknown) {
		t.Errorf("no token source: %v", err)
	}
	if id, err := New(WithTokenSource(StaticToken(jwtWith(`{"tid":"t","oid":"o"}`)))).Identity(t.Context()); err != nil || id.TenantID != "t" {
		t.Errorf("client: %+v, %v", id, err)
	}
}
