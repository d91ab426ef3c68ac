package views

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/auth/keyringcache"
	"github.com/photodesk/photodesk/app/session"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
)

// An account another process signs out (a second window, sharing the
// keyring) leaves the window's Account menu when the window
// comes to the front; choosing it from a menu read before says, in plain
// words and without MSAL's account id, that it was signed out elsewhere.
// The menu kept offering it, and choosing it answered "no such signed-in
// account" with the id.
func TestAccountSignedOutElsewhereLeavesTheMenu(t *testing.T) {
	h, stale, other, accts := signOutDemoElsewhere(t)

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
	h.waitFor("the dialog", func() bool { return h.dialogButton("Close") != nil })
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

// Choosing an account signed out elsewhere from a menu read before keeps
// the current account's window as it was — the search typed, the person
// shown — and offers to sign the account in again, its name filled in.
// The window used to start over (Users, nobody shown) for the account it
// already had.
func TestStaleAccountPickKeepsTheWindow(t *testing.T) {
	h, stale, other, _ := signOutDemoElsewhere(t)
	m := h.waitMain("Sandbox tenant · " + other)
	h.q.drain()
	p := m.sidebar.results[1]
	query := strings.Fields(p.DisplayName)[0]
	test.Type(m.sidebar.query, query)
	m.sidebar.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.waitFor(p.DisplayName+" listed", func() bool {
		return !m.sidebar.loading && slices.ContainsFunc(m.sidebar.results, func(r app.Person) bool { return r.ID == p.ID })
	})
	m.sidebar.list.Select(slices.IndexFunc(m.sidebar.results, func(r app.Person) bool { return r.ID == p.ID }))
	h.waitFor(p.DisplayName+" shown", func() bool { return m.current != nil && m.current.Person.ID == p.ID })

	stale.Action()
	h.waitFor("the dialog", func() bool { return h.dialogButton("Sign in again") != nil })
	if text := h.dialogText(); !strings.Contains(text, identity.DemoUPN+" was signed out elsewhere") {
		t.Errorf("the dialog reads %q", text)
	}
	h.waitFor("the window of "+other, func() bool { return h.sh.main != nil && h.sh.main != m })
	m = h.sh.main
	h.waitFor(p.DisplayName+" shown again", func() bool { return m.current != nil && m.current.Person.ID == p.ID })
	if m.status.account.Text != "Sandbox tenant · "+other || m.sidebar.query.Text != query {
		t.Errorf("the window of %q searches %q, want %s's searching %q", m.status.account.Text, m.sidebar.query.Text, other, query)
	}

	h.tapDialogButton("Sign in again")
	var username *widgetEntry
	h.waitFor("the username field", func() bool { username = h.dialogEntry(); return username != nil })
	if username.Text != identity.DemoUPN {
		t.Errorf("signing in again offers the username %q, want %q", username.Text, identity.DemoUPN)
	}
}

// An export stopped by a pick of an account signed out elsewhere does
// not say the account was switched: the switch failed, and the account
// it ran under is still the current one. Its dialog said "because you
// switched to another account", written when the switch began.
func TestStalePickStopsAnExportWithoutClaimingASwitch(t *testing.T) {
	h, stale, other, _ := signOutDemoElsewhere(t)
	m := h.waitMain("Sandbox tenant · " + other)
	r := h.startSlowExport(m, other, &requestLog{})

	stale.Action()
	text := h.waitStopped(m, r)
	h.waitFor("the dialog", func() bool { return h.dialogButton("Sign in again") != nil })
	if strings.Contains(text, "switched") || !strings.Contains(text, "because you chose another account") {
		t.Errorf("export dialog = %q, want it stopped because another account was chosen, not switched to", text)
	}
	h.waitMain("Sandbox tenant · " + other)
}

// signOutDemoElsewhere has the window signed in as the demo account and
// another, current, and then another process on the same sandbox and
// keyring entry sign the demo account out; stale is its Account menu
// item as read before, accts the accounts that process listed.
func signOutDemoElsewhere(t *testing.T) (h *shellHarness, stale *fyne.MenuItem, other string, accts []auth.Account) {
	t.Helper()
	h = newShellHarness(t, nil)
	backend := &lockableKeyring{entries: map[string]string{}}
	keyringEntry := func() *keyringcache.Store {
		return keyringcache.New(auth.KeyringService, "tokens:sandbox:sandbox:tenant:client", keyringcache.WithBackend(backend))
	}
	h.mu.Lock()
	h.tokenStore = keyringEntry()
	h.mu.Unlock()
	h.sh.ctrl.Connect()
	h.waitMain(demoStatus)
	other = h.env().Sandbox.Directory().Examples().FullHD.UserPrincipalName
	h.chooseAccountItem(menuAddAccount)
	var username *widgetEntry
	h.waitFor("the username field", func() bool { username = h.dialogEntry(); return username != nil })
	username.SetText(other)
	h.tapDialogButton("Sign in with your browser")
	h.waitMain("Sandbox tenant · " + other)
	h.waitFor("the demo account in the menu", func() bool { stale = h.accountItem(identity.DemoUPN); return stale != nil })

	// The window's own writes to the keyring after the sign-in (the
	// photo permission asked silently) are done before the other process
	// reads it.
	h.waitForBackground(h.sh.main)

	// Another process on the same sandbox and keyring entry signs the
	// demo account out.
	env := h.env()
	ctx := context.Background()
	elsewhere, err := auth.New(ctx, env.Cloud, auth.WithHTTPClient(env.Sandbox.IdentityHTTPClient()), auth.WithCacheStore(keyringEntry()))
	if err != nil {
		t.Fatal(err)
	}
	accts, err = elsewhere.Accounts(ctx)
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
	return h, stale, other, accts
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

// An account pick the controller cannot act on (not connected: Settings
// re-open the connection, whose Connecting state the window has not
// shown yet) forgets the view it kept for the window opened next: no
// state follows the pick, and the reconnect's window of the same account
// opened on the search and person of the pick instead of afresh.
func TestAccountPickWhileNotConnectedKeepsNoView(t *testing.T) {
	h := newShellHarness(t, nil)
	m := h.waitMain(demoStatus)
	h.q.drain()
	p := m.sidebar.results[1]
	h.searchAndShow(m, p)

	opening := make(chan struct{})
	h.setOpen(func(ctx context.Context, o session.Options) (*session.Env, error) {
		select {
		case <-opening:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return h.openStartup(ctx, o)
	})
	h.sh.ctrl.Connect() // its states wait in the UI queue
	h.sh.switchAccount(auth.Account{ID: "another", Username: "adele@contoso.onmicrosoft.com"})
	h.waitFor("the pick's answer", func() bool { return strings.Contains(h.dialogText(), "Account not switched") })
	close(opening)
	h.waitFor("the window opened again", func() bool { return h.sh.main != nil && h.sh.main != m })
	m = h.waitMain(demoStatus)
	h.q.drain()
	if m.sidebar.query.Text != "" || (m.current != nil && m.current.Person.ID == p.ID) {
		t.Errorf("the window opened after the reconnect searches %q and shows %v, as when the pick failed", m.sidebar.query.Text, m.current)
	}
}
