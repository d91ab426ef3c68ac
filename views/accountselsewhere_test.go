package views

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/auth/keyringcache"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// An account another process signs out (a second window, sharing the
// keyring) leaves the window's Account menu when the window
// comes to the front; choosing it from a menu read before says, in plain
// words and without MSAL's account id, that it was signed out elsewhere.
// The menu kept offering it, and choosing it answered "no such signed-in
// account" with the id.
func TestAccountSignedOutElsewhereLeavesTheMenu(t *testing.T) {
	h := newShellHarness(t, nil)
	backend := &lockableKeyring{entries: map[string]string{}}
	keyringEntry := func() *keyringcache.Store {
		return keyringcache.New(auth.KeyringService, "tokens:sandbox:sandbox:tenant:client", keyringcache.WithBackend(backend))
	}
	h.mu.Lock()
	h.tokenStore = keyringEntry()
	h.mu.Unlock()
	h.sh.ctrl.Connect()
	h.waitMain(demoStatus)
	other := h.env().Sandbox.Directory().Examples().FullHD.UserPrincipalName
	h.chooseAccountItem(menuAddAccount)
	var username *widgetEntry
	h.waitFor("the username field", func() bool { username = h.dialogEntry(); return username != nil })
	username.SetText(other)
	h.tapDialogButton("Sign in with your browser")
	h.waitMain("Sandbox tenant · " + other)
	var stale *fyne.MenuItem
	h.waitFor("the demo account in the menu", func() bool { stale = h.accountItem(identity.DemoUPN); return stale != nil })

	// The window's own writes to the keyring (the photo permission asked
	// silently after the sign-in) are done: within the minute a process
	// trusts its copy, one would put the account back.
	h.waitForBackground(h.sh.main)

	// Another process on the same sandbox and keyring entry signs the
	// demo account out.
	env := h.env()
	ctx := context.Background()
	elsewhere, err := auth.New(ctx, env.Cloud, auth.WithHTTPClient(env.Sandbox.IdentityHTTPClient()), auth.WithCacheStore(keyringEntry()))
	if err != nil {
		t.Fatal(err)
	}
	accts, err := elsewhere.Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range accts {
		if a.Username == identity.DemoUPN {
			if err := elsewhere.SignOut(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		}
	}

	// The window comes to the front, as Fyne's driver reports it.
	front := h.a.Lifecycle().(interface{ OnEnteredForeground() func() }).OnEnteredForeground()
	if front == nil {
		t.Fatal("the window does not hear that it came to the front")
	}
	front()
	h.waitFor("the demo account to leave the menu", func() bool { return h.accountItem(identity.DemoUPN) == nil })
	if it := h.accountItem(other); it == nil || !it.Checked {
		t.Errorf("%s in the menu = %+v, want listed and checked", other, it)
	}

	stale.Action() // from the menu as it was before
	h.waitFor("the dialog", func() bool { return h.dialogButton("OK") != nil })
	text := h.dialogText()
	if want := identity.DemoUPN + " was signed out elsewhere"; !strings.Contains(text, "Account not switched") || !strings.Contains(text, want) {
		t.Errorf("the dialog reads %q, want %q", text, want)
	}
	for _, bad := range []string{"no such", "auth:", strings.SplitN(elsewhereID(accts), ".", 2)[0]} {
		if bad != "" && strings.Contains(text, bad) {
			t.Errorf("the dialog reads %q, with %q", text, bad)
		}
	}
	h.waitMain("Sandbox tenant · " + other)
}

// elsewhereID is the demo account's id among accts, "" if absent.
func elsewhereID(accts []auth.Account) string {
	for _, a := range accts {
		if a.Username == identity.DemoUPN {
			return a.ID
		}
	}
	return ""
}
