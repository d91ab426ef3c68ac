package identity

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/photodesk/photodesk/internal/testkit"
)

func TestIssueDelegatedVerifies(t *testing.T) {
	clk := testkit.NewClockAt(time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC))
	p := newTestProvider(t, clk)
	tok, err := p.IssueDelegated(testDemo, []string{"User.ReadBasic.All", "Group.Read.All"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.Verify(tok)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if c.ObjectID != testDemo.ObjectID || c.UPN != DemoUPN || c.TenantID != testTenant || c.IsApp() || c.Personal {
		t.Errorf("claims = %+v", c)
	}
	if c.AppID != "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee" {
		t.Errorf("appid = %q, want the public client", c.AppID)
	}
	if !c.HasScope("group.read.all") || !c.HasScope("User.ReadBasic.All") || c.HasScope("Contacts.Read") {
		t.Errorf("scopes = %v", c.Scopes)
	}
	if want := clk.Now().Add(time.Hour); !c.ExpiresAt.Equal(want) {
		t.Errorf("expires %v, want %v", c.ExpiresAt, want)
	}
}

func TestIssueAppVerifies(t *testing.T) {
	p := newTestProvider(t, nil)
	tok, err := p.IssueApp("11111111-2222-3333-4444-555555555555")
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	if !c.IsApp() || c.UPN != "" || !c.HasScope("user.read.all") || c.HasScope("Group.Read.All") {
		t.Errorf("claims = %+v", c)
	}
	if _, err := p.IssueApp("not-registered"); err == nil {
		t.Error("IssueApp for an unknown client succeeded")
	}
}

func TestPersonalAccountToken(t *testing.T) {
	p := newTestProvider(t, nil)
	tok, err := p.IssueDelegated(testAlex, []string{"User.Read"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Personal || c.TenantID != ConsumerTenantID {
		t.Errorf("claims = %+v, want a consumer token", c)
	}
}

func TestVerifyRejectsExpired(t *testing.T) {
	clk := testkit.NewClockAt(time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC))
	p := newTestProvider(t, clk)
	tok, err := p.IssueDelegated(testDemo, []string{"User.Read"})
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(59 * time.Minute)
	if _, err := p.Verify(tok); err != nil {
		t.Fatalf("a token with a minute left was refused: %v", err)
	}
	clk.Advance(time.Minute)
	if _, err := p.Verify(tok); !errors.Is(err, ErrTokenExpired) {
		t.Fatalf("Verify after expiry = %v, want ErrTokenExpired", err)
	}
}

func TestVerifyRejectsTampered(t *testing.T) {
	p := newTestProvider(t, nil)
	tok, err := p.IssueDelegated(testDemo, []string{"User.Read"})
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(tok, ".")
	raw, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatal(err)
	}
	body["scp"] = "User.Read Group.Read.All Directory.ReadWrite.All"
	raw, _ = json.Marshal(body)
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString(raw) + "." + parts[2]

	other := newTestProvider(t, nil)
	foreign, err := other.IssueDelegated(testDemo, []string{"User.Read"})
	if err != nil {
		t.Fatal(err)
	}
	idTok, err := p.idToken(testDemo, "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]string{
		"tampered claims":   tampered,
		"another provider":  foreign,
		"id token":          idTok,
		"garbage":           "not.a.jwt",
		"two parts":         parts[0] + "." + parts[1],
		"empty":             "",
		"signature dropped": parts[0] + "." + parts[1] + ".",
	} {
		if _, err := p.Verify(bad); !errors.Is(err, ErrTokenInvalid) {
			t.Errorf("%s: Verify = %v, want ErrTokenInvalid", name, err)
		}
	}
}

func TestHasScopeCoversRolesAndScopes(t *testing.T) {
	c := &Claims{Scopes: []string{"User.Read"}, Roles: []string{"Group.Read.All"}, UPN: "x@y"}
	for _, s := range []string{"user.read", "GROUP.READ.ALL"} {
		if !c.HasScope(s) {
			t.Errorf("HasScope(%q) = false", s)
		}
	}
	if c.HasScope("Contacts.Read") {
		t.Error("HasScope(Contacts.Read) = true")
	}
	app := &Claims{Roles: []string{"User.Read.All"}}
	if !app.IsApp() || c.IsApp() {
		t.Error("IsApp wrong")
	}
}

func TestGraphPermissions(t *testing.T) {
	perms, err := graphPermissions([]string{"https://graph.microsoft.com/User.Read", "openid", "offline_access", "profile", "user.read", "Contacts.Read"}, DefaultDelegatedScopes)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(perms, []string{"User.Read", "Contacts.Read"}) {
		t.Errorf("perms = %v", perms)
	}
	perms, err = graphPermissions([]string{"https://graph.microsoft.com/.default"}, DefaultDelegatedScopes)
	if err != nil || !slices.Equal(perms, DefaultDelegatedScopes) {
		t.Errorf(".default = %v %v", perms, err)
	}
	if _, err := graphPermissions([]string{"api://other/Read"}, nil); err == nil || err.aadsts != 500011 {
		t.Errorf("a scope for another resource: %v", err)
	}
}
