package startup

import (
	"testing"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
	"github.com/photodesk/photodesk/graphapi/sandbox"
)

func TestOpenSandboxAsApplication(t *testing.T) {
	ctx := testContext(t)
	env, err := Open(ctx, Options{
		Cloud: auth.Cloud{Kind: auth.Sandbox},
		App:   &auth.AppCredential{CertificatePath: "/nonexistent/ignored-in-the-sandbox.pem"},
		Store: &auth.MemoryStore{},
	})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { env.Close() })
	if !env.Session.IsApp() || !env.SignedIn() {
		t.Fatalf("IsApp = %v, SignedIn = %v, want an application session", env.Session.IsApp(), env.SignedIn())
	}
	if env.Cloud.ClientID != sandbox.DaemonClientID {
		t.Errorf("client id = %q, want the sandbox daemon %q", env.Cloud.ClientID, sandbox.DaemonClientID)
	}
	people, err := env.Engine.Search(app.KindUser, "").Next(ctx)
	if err != nil || len(people) == 0 {
		t.Fatalf("users as the application: %d, %v", len(people), err)
	}
	sales := app.PersonFromGroup(graphapi.GroupInfo{ID: env.Sandbox.Directory().Examples().Sales.ID, DisplayName: "Sales"})
	_, err = env.Engine.Photo(ctx, sales, graphapi.SizeLargest)
	if !graphapi.IsAppOnlyGroupPhotoDenied(err) {
		t.Errorf("group photo as the application: %v, want Graph's known 403", err)
	}
}

func TestOpenTenantAsApplicationWithoutSecretSaysSo(t *testing.T) {
	cloud := auth.Cloud{Kind: auth.Microsoft365, TenantID: "contoso.com", ClientID: "11111111-2222-3333-4444-555555555555"}.WithDefaults()
	_, err := Open(testContext(t), Options{Cloud: cloud, App: &auth.AppCredential{Secret: &auth.MemoryStore{}}, Store: &auth.MemoryStore{}})
	if err == nil {
		t.Fatal("Open signed in as an application without a secret")
	}
}

// Caches belong to an account: a renewed engine asks Graph again for what
// the previous one had cached.
func TestRenewEngineStartsWithEmptyCaches(t *testing.T) {
	ctx := testContext(t)
	env, err := Open(ctx, Options{Cloud: auth.Cloud{Kind: auth.Sandbox}, Store: &auth.MemoryStore{}})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { env.Close() })
	u := env.Sandbox.Directory().Examples().FullHD
	p := app.PersonFromUser(graphapi.UserInfo{ID: u.ID, DisplayName: u.DisplayName, UserPrincipalName: u.UserPrincipalName})
	photoCalls := func(eng *app.Engine) int {
		t.Helper()
		if _, err := eng.Photo(ctx, p, graphapi.SizeLargest); err != nil {
			t.Fatalf("Photo: %v", err)
		}
		return env.Sandbox.Stats().Requests[sandbox.KindPhotoBytes]
	}
	old := env.Engine
	first := photoCalls(old)
	if again := photoCalls(old); again != first {
		t.Fatalf("the same engine asked Graph again (%d then %d photo downloads): no cache to renew", first, again)
	}
	renewed := env.RenewEngine()
	if renewed == old || env.Engine != renewed {
		t.Fatal("RenewEngine did not replace Engine")
	}
	if after := photoCalls(renewed); after == first {
		t.Errorf("the renewed engine answered from the old engine's cache (%d photo downloads)", after)
	}
}
