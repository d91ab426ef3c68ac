package views

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/zalando/go-keyring"

	"github.com/photodesk/photodesk/app"
	"github.com/photodesk/photodesk/app/auth"
	"github.com/photodesk/photodesk/app/auth/keyringcache"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
	"github.com/photodesk/photodesk/views/widgets"
)

// Adding an account signs it in in the browser and makes it current;
// switching back gives each account a window of its own, and an answer
// fetched for the previous account never lands in it. Signing out the
// current account hands over to the other one.
func TestAddSwitchAndSignOutAccounts(t *testing.T) {
	h := newShellHarness(t, nil)
	first := h.waitMain(demoStatus)
	other := h.env().Sandbox.Directory().Examples().FullHD.UserPrincipalName

	// The demo account's contacts, to tell the accounts' answers apart.
	first.sidebar.kind.SetSelected(kindContacts)
	h.waitFor("the demo account's contacts", func() bool {
		return len(first.sidebar.results) > 0 && first.sidebar.results[0].Kind == app.KindContact && !first.sidebar.loading
	})
	demoContacts := map[string]bool{}
	for _, p := range first.sidebar.results {
		demoContacts[p.ID] = true
	}

	h.chooseAccountItem(menuAddAccount)
	var username *widgetEntry
	h.waitFor("the username field", func() bool { username = h.dialogEntry(); return username != nil })
	test.Type(username, other)
	h.tapDialogButton("Sign in with your browser")
	second := h.waitMain("Sandbox tenant · " + other)
	if second == first {
		t.Fatal("the window was not rebuilt for the new account")
	}
	if it := h.accountItem(other); it == nil || !it.Checked {
		h.waitFor("the menu to check "+other, func() bool { it = h.accountItem(other); return it != nil && it.Checked })
	}
	// The accounts are read in the background; until they are, the menu
	// lists the current one alone.
	h.waitFor("the menu to list the demo account", func() bool { return h.accountItem(identity.DemoUPN) != nil })
	if it := h.accountItem(identity.DemoUPN); it == nil || it.Checked {
		t.Errorf("the demo account's menu item = %+v, want listed and unchecked", it)
	}
	// By name, whichever was used last: they stay where they were.
	if got := h.accountLabels(); len(got) != 2 || !slices.IsSorted(got) {
		t.Errorf("the Account menu lists %v, want both accounts by name", got)
	}

	// A search for the second account is in flight (its answer queued, not
	// shown) when the person switches back to the demo account.
	second.sidebar.kind.SetSelected(kindContacts)
	h.waitFor("the second account's contacts", func() bool {
		return len(second.sidebar.results) > 0 && second.sidebar.results[0].Kind == app.KindContact && !second.sidebar.loading
	})
	for _, p := range second.sidebar.results {
		if demoContacts[p.ID] {
			t.Fatalf("the second account's contacts include the demo account's %q", p.DisplayName)
		}
	}
	switchBack := h.accountItem(identity.DemoUPN)
	if switchBack == nil {
		t.Fatal("the demo account is not in the Account menu")
	}
	second.sidebar.search("")
	h.waitForBackground(second)
	switchBack.Action() // before the queued answer runs
	if len(second.sidebar.results) != 0 {
		t.Fatalf("the search did not start afresh: %d results", len(second.sidebar.results))
	}
	third := h.waitMain(demoStatus)
	if len(second.sidebar.results) != 0 {
		t.Errorf("the second account's late answer was shown after the switch: %d results", len(second.sidebar.results))
	}
	if third.eng == second.eng || third.eng == first.eng {
		t.Error("the switch kept an engine (and its caches) of another account")
	}

	// Sign the demo account out: the other account takes over.
	h.signOut()
	h.waitMain("Sandbox tenant · " + other)
	if it := h.accountItem(identity.DemoUPN); it != nil {
		h.waitFor("the demo account to leave the menu", func() bool { return h.accountItem(identity.DemoUPN) == nil })
	}
}

// In the sandbox the Account menu says whose accounts these are.
func TestSandboxAccountMenuExplainsTheDemo(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	h.waitFor("the demo account in the menu", func() bool {
		it := h.accountItem(identity.DemoUPN)
		return it != nil && it.Checked
	})
	note := h.accountItem(menuDemoNote)
	if len(menuDemoNote) > 40 { // a menu does not wrap (issue 18: the hint ran past its edge)
		t.Errorf("sandbox note %q is too long for a menu", menuDemoNote)
	}
	if note == nil || !note.Disabled {
		t.Errorf("sandbox note = %+v, want a disabled explanation", note)
	}
	// A heading over the accounts, first in the menu.
	for _, m := range h.sh.w.MainMenu().Items {
		if m.Label == menuAccount && m.Items[0] != note {
			t.Errorf("the Account menu starts with %q, want the sandbox heading", m.Items[0].Label)
		}
	}
}

// lockableKeyring is a keyringcache.Backend in memory whose collection can
// be locked with its unlock prompt dismissed, as go-keyring reports it.
type lockableKeyring struct {
	mu      sync.Mutex
	locked  bool
	entries map[string]string
}

var errCollectionLocked = errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")

func (k *lockableKeyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.locked {
		return "", errCollectionLocked
	}
	v, ok := k.entries[service+"\x00"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (k *lockableKeyring) Set(service, user, pass string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.locked {
		return errCollectionLocked
	}
	k.entries[service+"\x00"+user] = pass
	return nil
}

func (k *lockableKeyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.locked {
		return errCollectionLocked
	}
	delete(k.entries, service+"\x00"+user)
	return nil
}

// Signing out while the keyring is locked (its prompt dismissed) signs the
// account out for this run: the dialog says so and what to do, titled as
// a sign-out, never with the keyring entry's name or D-Bus words. It
// offers Try again, and so does the Account menu: tried while the keyring
// is still locked it says so again; once unlocked it removes the tokens
// from the keyring and only then says "signed out". There used to be no
// way to retry short of a restart.
func TestSignOutWithALockedKeyringCanBeRetried(t *testing.T) {
	h := newShellHarness(t, nil)
	backend := &lockableKeyring{entries: map[string]string{}}
	entry := keyringcache.New(auth.KeyringService, "tokens:sandbox:sandbox:tenant:client", keyringcache.WithBackend(backend))
	h.mu.Lock()
	h.tokenStore = entry
	h.mu.Unlock()
	h.sh.ctrl.Connect()
	h.waitMain(demoStatus)
	lock := func(locked bool) {
		backend.mu.Lock()
		backend.locked = locked
		backend.mu.Unlock()
	}

	lock(true)
	h.signOut()
	h.waitFor("the sign-out dialog", func() bool { return h.dialogButton("Try again") != nil })
	text := h.dialogText()
	for _, want := range []string{
		titleSignedOutUnsaved + "\n",
		"Signed out for this session, but the keyring is locked, so it may still hold the sign-in. Unlock the keyring and choose Try again to remove it",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the dialog reads %q, want %q", text, want)
		}
	}
	for _, bad := range []string{"Not signed out", "tokens:", "collection", "auth:"} {
		if strings.Contains(text, bad) {
			t.Errorf("the dialog reads %q, with %q", text, bad)
		}
	}
	finish := menuFinishSignOut + identity.DemoUPN + "…"
	h.waitFor("the Account menu to offer "+finish, func() bool { return h.accountItem(finish) != nil })

	// Still locked: said again, still offered.
	h.tapDialogButton("Try again")
	h.waitFor("the sign-out dialog again", func() bool { return h.dialogButton("Try again") != nil })
	if h.dialogButton("OK") != nil {
		t.Errorf("a retry with the keyring locked says %q", h.dialogText())
	}

	lock(false)
	h.tapDialogButton("Try again")
	h.waitFor("the signed-out dialog", func() bool { return h.dialogButton("OK") != nil })
	if text := h.dialogText(); !strings.Contains(text, identity.DemoUPN+" is signed out: the system keyring no longer holds the sign-in.") {
		t.Errorf("the dialog reads %q, want the sign-out finished", text)
	}
	if data, err := entry.Load(context.Background()); err != nil || len(data) != 0 {
		t.Errorf("the keyring holds %d bytes (%v) after the sign-out was finished", len(data), err)
	}
	h.waitFor("the Account menu to drop "+finish, func() bool { return h.accountItem(finish) == nil })
}

// A username pasted with spaces around it into Add another account… signs
// that person in, as the command line's --user takes it, rather than
// Entra ID's "no such user" (AADSTS50034).
func TestAddAccountTrimsTheUsername(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	other := h.env().Sandbox.Directory().Examples().FullHD.UserPrincipalName

	h.chooseAccountItem(menuAddAccount)
	var username *widgetEntry
	h.waitFor("the username field", func() bool { username = h.dialogEntry(); return username != nil })
	if e, ok := h.sh.w.Canvas().Focused().(*widgets.EscapeEntry); !ok || &e.Entry != username {
		t.Errorf("the dialog opens with %T focused, want the username field: the typing was lost", h.sh.w.Canvas().Focused())
	}
	test.Type(username, "  "+other+" ")
	username.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter signs in with the browser
	signedIn := func() bool { m := h.sh.main; return m != nil && m.status.account.Text == "Sandbox tenant · "+other }
	h.waitFor(other+" signed in, or a refusal", func() bool {
		return signedIn() || strings.Contains(h.dialogText(), "Not signed in")
	})
	if !signedIn() {
		t.Errorf("the sign-in failed: %q", h.dialogText())
	}
}

// A username the tenant does not have (a typo) is explained, and closing
// the message goes back to Add another account with the name as typed,
// so it is one edit away: the dialog used to be gone, and the name with
// it.
func TestAddAccountRefusedKeepsTheUsername(t *testing.T) {
	h := newShellHarness(t, nil)
	h.waitMain(demoStatus)
	const typo = "adele.vanse@contoso.onmicrosoft.com"

	h.chooseAccountItem(menuAddAccount)
	var username *widgetEntry
	h.waitFor("the username field", func() bool { username = h.dialogEntry(); return username != nil })
	test.Type(username, typo)
	username.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.waitFor("the refusal", func() bool { return strings.Contains(h.dialogText(), "AADSTS50034") })
	if text := h.dialogText(); !strings.Contains(text, `no account "`+typo+`" in the tenant`) {
		t.Errorf("the refusal reads %q, want it to name %s", text, typo)
	}
	h.tapDialogButton("OK")

	h.waitFor("Add another account again", func() bool { username = h.dialogEntry(); return username != nil })
	if username.Text != typo {
		t.Errorf("Add another account opened again with %q, want the name typed, %q", username.Text, typo)
	}
	if e, ok := h.sh.w.Canvas().Focused().(*widgets.EscapeEntry); !ok || &e.Entry != username {
		t.Errorf("it opens with %T focused, want the username field", h.sh.w.Canvas().Focused())
	}
}
