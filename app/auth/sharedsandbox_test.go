package auth

import (
	"net"
	"strings"
	"testing"
	"time"
)

// TestSecondSandboxProcessKeepsTheFirstsAccounts: the window and a command
// line (or a second window) share the sandbox's keyring entry, each with a
// sandbox of its own on its own port. Opening the second must not sign the
// first's accounts out of the keyring, nor list them (their tokens are the
// other sandbox's), and signing its own account out must leave the first's.
func TestSecondSandboxProcessKeepsTheFirstsAccounts(t *testing.T) {
	ctx := testContext(t)
	store := &MemoryStore{} // the shared keyring entry
	window := startSandbox(t, nil)
	first := window.newSession(t, store)
	window.signInTwo(t, first)

	cli := startSandbox(t, nil)
	second := cli.newSession(t, store)
	if _, err := second.SignInInteractive(ctx, cli.browser(ctx)); err != nil {
		t.Fatal(err)
	}
	if accts, _ := second.Accounts(ctx); len(accts) != 1 || accts[0].Username != demoAccount.UPN {
		t.Errorf("the second process lists %+v, want its own demo account only", accts)
	}
	if again := window.newSession(t, store); len(mustAccounts(t, again)) != 2 {
		t.Errorf("after a second process opened, the window's sandbox has %+v in the keyring, want demo and Adele", mustAccounts(t, again))
	}

	demo, _ := second.Current()
	if err := second.SignOut(ctx, demo.ID); err != nil {
		t.Fatalf("SignOut: %v", err)
	}
	if got := mustAccounts(t, window.newSession(t, store)); len(got) != 2 {
		t.Errorf("after the second process signed its account out, the window's are %+v, want demo and Adele", got)
	}
}

// TestClosedSandboxAccountsAreForgotten: an account whose sandbox is gone
// (nothing listens at its port) is stale and leaves the keyring entry at
// the next start.
func TestClosedSandboxAccountsAreForgotten(t *testing.T) {
	ctx := testContext(t)
	store := &MemoryStore{}
	old := startSandbox(t, nil)
	s := old.newSession(t, store)
	old.signInTwo(t, s)
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	next := startSandbox(t, nil)
	s2 := next.newSession(t, store)
	all, err := s2.pub.Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 0 {
		t.Errorf("a closed sandbox's accounts are still cached: %+v", all)
	}
}

func mustAccounts(t *testing.T, s *Session) []Account {
	t.Helper()
	accts, err := s.Accounts(testContext(t))
	if err != nil {
		t.Fatal(err)
	}
	return accts
}

// TestSandboxRunsDoNotGrowTheKeyringEntry: every sandbox run signs in at a
// new port, and MSAL keeps an app metadata record per host it signed in
// at, never removed; the saved cache keeps only the hosts it still has
// accounts or tokens at, so it stays the same size run after run.
func TestSandboxRunsDoNotGrowTheKeyringEntry(t *testing.T) {
	ctx := testContext(t)
	store := &MemoryStore{}
	var sizes []int
	for run := range 4 {
		sb := startSandbox(t, nil)
		s := sb.newSession(t, store)
		if _, err := s.SignInInteractive(ctx, sb.browser(ctx)); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if err := sb.Close(); err != nil {
			t.Fatal(err)
		}
		data, _ := store.Load(ctx)
		if n := strings.Count(string(data), "appmetadata-"); n != 1 {
			t.Errorf("run %d: %d app metadata records in the saved cache, want this run's only", run, n)
		}
		sizes = append(sizes, len(data))
	}
	if sizes[3] > sizes[1]+64 { // tokens differ in length a little
		t.Errorf("the saved cache grew run after run: %v bytes", sizes)
	}
}

// TestLastSignOutClearsWhatEndedCommandLinesLeft: a command line on the
// sandbox signed its demo account in beside the window's and ended; the
// window's last sign-out still leaves the keyring entry empty.
func TestLastSignOutClearsWhatEndedCommandLinesLeft(t *testing.T) {
	ctx := testContext(t)
	store := &MemoryStore{}
	window := startSandbox(t, nil)
	w := window.newSession(t, store)
	demo, err := w.SignInInteractive(ctx, window.browser(ctx))
	if err != nil {
		t.Fatal(err)
	}
	cli := startSandbox(t, nil)
	c := cli.newSession(t, store)
	if _, err := c.SignInInteractive(ctx, cli.browser(ctx)); err != nil {
		t.Fatal(err)
	}
	if err := cli.Close(); err != nil {
		t.Fatal(err)
	}
	w.cache.mu.Lock()
	w.cache.now = func() time.Time { return time.Now().Add(2 * reloadAfter) } // the window reads the keyring again
	w.cache.mu.Unlock()
	if err := w.SignOut(ctx, demo.ID); err != nil {
		t.Fatalf("SignOut: %v", err)
	}
	if data, _ := store.Load(ctx); len(data) != 0 {
		t.Errorf("after the last sign-out the keyring entry holds %d bytes", len(data))
	}
}

// TestFollowCurrentStartsAtTheWindowsAccount: the window notes which of its
// accounts is current; a session that follows it (the command line's on a
// tenant, where both read the same accounts) starts at that one, not at
// whichever the cache lists first, and a sign-out of the last one clears
// the note.
func TestFollowCurrentStartsAtTheWindowsAccount(t *testing.T) {
	ctx := testContext(t)
	sb := startSandbox(t, nil)
	tokens, note := &MemoryStore{}, &MemoryStore{}
	window := sb.newSession(t, tokens, WithRememberCurrent(note))
	demo, adele := sb.signInTwo(t, window)
	for _, want := range []Account{demo, adele, demo} {
		if err := window.SwitchAccount(ctx, want.ID); err != nil {
			t.Fatal(err)
		}
		cli := sb.newSession(t, tokens, WithFollowCurrent(note))
		if got, _ := cli.Current(); got.ID != want.ID {
			t.Errorf("the window's current account is %s, the command line's %s", want.Username, got.Username)
		}
		if data, _ := note.Load(ctx); strings.Contains(string(data), "secret") || strings.Contains(string(data), "eyJ") {
			t.Errorf("the note holds more than who: %s", data)
		}
	}
	for _, a := range []Account{demo, adele} {
		if err := window.SignOut(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	if id, _ := RememberedAccount(ctx, note); id != "" {
		t.Errorf("after the last sign-out the note still names %q", id)
	}
}

// A sandbox is gone only when its port refuses: one that accepts and then
// says nothing within the probe's time (busy, not yet at its TLS
// handshake) is alive, and its accounts stay.
func TestOnlyARefusedPortIsAGoneSandbox(t *testing.T) {
	ctx := testContext(t)
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close() // accepts (the kernel's backlog) and never answers
	if !sandboxRunning(ctx, silent.Addr().String()) {
		t.Error("a port that accepts but does not answer in time was taken for a gone sandbox")
	}
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := closed.Addr().String()
	closed.Close()
	if sandboxRunning(ctx, addr) {
		t.Error("a port nothing listens on was taken for a running sandbox")
	}
}
