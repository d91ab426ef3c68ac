package auth

import (
	"testing"

	"github.com/photodesk/photodesk/graphapi"
	graphsandbox "github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/graphapi/sandbox/sandboxtest"
)

// TestDemoSessionCallsGraph is the sandbox mode end to end: the demo account
// signs in through MSAL, and Graph accepts the session as a token source,
// with scopes added as features need them.
func TestDemoSessionCallsGraph(t *testing.T) {
	sb := sandboxtest.Start(t, graphsandbox.Options{Users: 20})
	ctx := testContext(t)
	cloud, err := SandboxCloud(sb.AuthorityURL(), sb.PublicClientID())
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, cloud, WithHTTPClient(sb.IdentityHTTPClient()), WithCacheStore(&MemoryStore{}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignInInteractive(ctx, func(u string) error { return identity.PlayBrowser(ctx, sb.IdentityHTTPClient(), u) }); err != nil {
		t.Fatal(err)
	}
	g := sb.Client("", graphapi.WithTokenSource(s))
	me, err := g.GetMe(ctx)
	if err != nil {
		t.Fatalf("GET /me: %v", err)
	}
	if me.UserPrincipalName != "helpdesk@contoso.onmicrosoft.com" {
		t.Errorf("/me = %+v", me)
	}
	group := graphapi.Group(sb.Dir.Examples().Sales.ID)
	if _, err := g.PhotoMeta(ctx, group, graphapi.SizeLargest); !graphapi.IsForbidden(err) {
		t.Fatalf("group photo before Group.Read.All = %v, want 403", err)
	}
	if err := s.EnsureScopes(ctx, "Group.Read.All"); err != nil {
		t.Fatal(err)
	}
	if _, err := g.PhotoMeta(ctx, group, graphapi.SizeLargest); err != nil {
		t.Errorf("group photo after Group.Read.All: %v", err)
	}
}

// TestAppSessionCallsGraph: an application session reads users' photos and
// gets Graph's known 403 for a group photo.
func TestAppSessionCallsGraph(t *testing.T) {
	sb := sandboxtest.Start(t, graphsandbox.Options{Users: 20})
	ctx := testContext(t)
	cloud, err := SandboxCloud(sb.AuthorityURL(), graphsandbox.DaemonClientID)
	if err != nil {
		t.Fatal(err)
	}
	secret := &MemoryStore{}
	if err := SaveClientSecret(ctx, secret, graphsandbox.DaemonClientSecret); err != nil {
		t.Fatal(err)
	}
	s, err := NewApp(ctx, cloud, AppCredential{Secret: secret}, WithHTTPClient(sb.IdentityHTTPClient()))
	if err != nil {
		t.Fatal(err)
	}
	g := sb.Client("", graphapi.WithTokenSource(s))
	ex := sb.Dir.Examples()
	if _, err := g.PhotoMeta(ctx, graphapi.User(ex.Helpdesk.UserPrincipalName), graphapi.SizeLargest); err != nil {
		t.Errorf("user photo as the app: %v", err)
	}
	if _, err := g.PhotoMeta(ctx, graphapi.Group(ex.Sales.ID), graphapi.SizeLargest); !graphapi.IsAppOnlyGroupPhotoDenied(err) {
		t.Errorf("group photo as the app = %v, want the known 403", err)
	}
}
