package startup

import (
	"context"
	"testing"
	"time"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/graphapi"
)

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// The demo goes through MSAL like any tenant: the engine's first Graph call
// carries a token the sandbox issued to the signed-in helpdesk account.
func TestOpenSandboxSignsInTheDemoAccountThroughMSAL(t *testing.T) {
	ctx := testContext(t)
	store := &auth.MemoryStore{}
	env, err := Open(ctx, Options{Cloud: auth.Cloud{Kind: auth.Sandbox, APIVersion: "beta"}, Store: store})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { env.Close() })

	if !env.SignedIn() {
		t.Fatal("SignedIn = false after opening the sandbox")
	}
	acct, _ := env.Session.Current()
	if acct.Username != "helpdesk@contoso.onmicrosoft.com" {
		t.Errorf("signed-in account = %q, want the demo helpdesk account", acct.Username)
	}
	if want := env.Sandbox.GraphURL("beta"); env.GraphURL() != want || env.Engine.Client().BaseURL() != want {
		t.Errorf("Graph URL = %q (client %q), want %q", env.GraphURL(), env.Engine.Client().BaseURL(), want)
	}
	me, err := env.Engine.Me(ctx)
	if err != nil {
		t.Fatalf("Me: %v", err)
	}
	if me.UPN != acct.Username {
		t.Errorf("Me = %q, want %q", me.UPN, acct.Username)
	}
	if data, _ := store.Load(ctx); len(data) == 0 {
		t.Error("MSAL's cache was not written to the store after sign-in")
	}
	if _, err := env.Engine.Photo(ctx, *me, graphapi.SizeLargest); err != nil && !graphapi.IsNoPhoto(err) {
		t.Errorf("Photo of me: %v", err)
	}
}

// A tenant nobody signed in to yet opens without a network call and says
// it is not signed in, so the window can offer sign-in instead of an error.
func TestOpenTenantWithoutAccountIsNotSignedIn(t *testing.T) {
	ctx := testContext(t)
	cloud := auth.Cloud{Kind: auth.Microsoft365, TenantID: "contoso.com", ClientID: "11111111-2222-3333-4444-555555555555"}.WithDefaults()
	env, err := Open(ctx, Options{Cloud: cloud, Store: &auth.MemoryStore{}})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { env.Close() })
	if env.SignedIn() {
		t.Error("SignedIn = true with no account")
	}
	if env.Sandbox != nil {
		t.Error("a sandbox was started for a real tenant")
	}
	if got, want := env.GraphURL(), "https://graph.microsoft.com/v1.0"; got != want {
		t.Errorf("GraphURL = %q, want %q", got, want)
	}
}

func TestOpenRejectsAnInvalidTenant(t *testing.T) {
	_, err := Open(testContext(t), Options{Cloud: auth.Cloud{Kind: auth.Microsoft365, TenantID: "not a tenant", ClientID: ""}, Store: &auth.MemoryStore{}})
	if err == nil {
		t.Fatal("Open accepted a cloud with no client id and a bad tenant")
	}
}
