package startup

import (
	"testing"

	"github.com/photodesk/photodesk/app/auth"
)

// TestSandboxRestartsListTheDemoAccountOnce is issue 18's item 2: every
// launch starts a new sandbox on a new port and signs its demo account in
// again into the same saved token cache. The Account menu must list it
// once, not once per launch, and signing it out must leave nobody.
func TestSandboxRestartsListTheDemoAccountOnce(t *testing.T) {
	ctx := testContext(t)
	store := &auth.MemoryStore{} // the keyring entry, kept across launches
	var last *Env
	for launch := 1; launch <= 3; launch++ {
		env, err := Open(ctx, Options{Cloud: auth.Cloud{Kind: auth.Sandbox}, Store: store})
		if err != nil {
			t.Fatalf("launch %d: %v", launch, err)
		}
		accts, err := env.Session.Accounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(accts) != 1 || accts[0].Username != "helpdesk@contoso.onmicrosoft.com" {
			t.Errorf("launch %d lists %d accounts %+v, want the demo account once", launch, len(accts), accts)
		}
		if launch < 3 {
			env.Close()
		}
		last = env
	}
	t.Cleanup(func() { last.Close() })
	acct, ok := last.Session.Current()
	if !ok {
		t.Fatal("nobody current after the third launch")
	}
	if err := last.Session.SignOut(ctx, acct.ID); err != nil {
		t.Fatalf("sign out: %v", err)
	}
	if accts, _ := last.Session.Accounts(ctx); len(accts) != 0 {
		t.Errorf("after signing out %d accounts are still listed: %+v", len(accts), accts)
	}
	if _, ok := last.Session.Current(); ok {
		t.Error("an account is still current after signing out the only one")
	}
}
