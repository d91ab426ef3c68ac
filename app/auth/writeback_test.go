package auth

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/cache"

	"github.com/photodesk/photodesk/app/auth/keyringcache"
)

// sharedKeyring is two sessions on one keyring entry, as the window and a
// second window (or a command line) are: the second trusts its copy of
// the keyring for the reloadAfter it read it at, its clock stopped there.
func sharedKeyring(t *testing.T) (sb *sandbox, window, other *Session, demo, adele Account, store func() CacheStore) {
	t.Helper()
	sb = startSandbox(t, nil)
	store = sharedEntry()
	window = sb.newSession(t, store())
	demo, adele = sb.signInTwo(t, window)
	other = sb.newSession(t, store())
	stopClock(other)
	if got := mustAccounts(t, other); len(got) != 2 {
		t.Fatalf("the other window lists %+v, want demo and Adele", got)
	}
	return sb, window, other, demo, adele, store
}

// A token refreshed within the minute a process trusts its copy of the
// keyring is written back without an account another window signed out
// meanwhile: it used to put the account back in the keyring, signed in
// again at the next start. That process stops listing it too.
func TestRefreshDoesNotWriteBackAnAccountSignedOutElsewhere(t *testing.T) {
	sb, window, other, demo, adele, store := sharedKeyring(t)
	ctx := testContext(t)
	if err := window.SignOut(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	// A new permission for Adele: a refresh, written to the keyring.
	if err := other.EnsureScopesFor(ctx, adele.ID, "Group.Read.All"); err != nil {
		t.Fatal(err)
	}
	if got := mustAccounts(t, sb.newSession(t, store())); len(got) != 1 || got[0].ID != adele.ID {
		t.Errorf("after a refresh elsewhere the keyring holds %+v, want Adele only", got)
	}
	if got := mustAccounts(t, other); len(got) != 1 || got[0].ID != adele.ID {
		t.Errorf("the window that refreshed lists %+v, want Adele only", got)
	}
}

// The account signed out elsewhere refreshed itself is not written back
// either.
func TestRefreshOfTheAccountSignedOutElsewhereIsNotWrittenBack(t *testing.T) {
	sb, window, other, demo, adele, store := sharedKeyring(t)
	ctx := testContext(t)
	if err := window.SignOut(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	_ = other.EnsureScopesFor(ctx, demo.ID, "Group.Read.All") // its tokens, until this window reads the keyring again
	if got := mustAccounts(t, sb.newSession(t, store())); len(got) != 1 || got[0].ID != adele.ID {
		t.Errorf("after a refresh of the account signed out elsewhere the keyring holds %+v, want Adele only", got)
	}
}

// A person signing an account in, in a window whose copy of the keyring
// is older than another's sign-out, does not bring the account signed
// out back; signing that very account in again there keeps it.
func TestSigningInAgainKeepsTheAccountSignedOutElsewhere(t *testing.T) {
	sb, window, other, demo, adele, store := sharedKeyring(t)
	ctx := testContext(t)
	if err := window.SignOut(ctx, adele.ID); err != nil {
		t.Fatal(err)
	}
	signInDevice(t, other) // the demo account, afresh
	if got := mustAccounts(t, sb.newSession(t, store())); len(got) != 1 || got[0].ID != demo.ID {
		t.Errorf("after a sign-in in the other window the keyring holds %+v, want the demo account only", got)
	}
	if err := window.SignOut(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	signInDevice(t, other)
	if got := mustAccounts(t, sb.newSession(t, store())); len(got) != 1 || got[0].ID != demo.ID {
		t.Errorf("after the demo account signed in again the keyring holds %+v, want it", got)
	}
}

// A token refreshed within the minute a process trusts its copy of the
// keyring is written back with an account another window signed in
// meanwhile: the write used to drop it from the keyring, and that
// window lost it a minute later. The process that refreshed lists it
// too.
func TestRefreshKeepsAnAccountSignedInElsewhere(t *testing.T) {
	sb := startSandbox(t, nil)
	store := sharedEntry()
	ctx := testContext(t)
	window := sb.newSession(t, store())
	demo, err := window.SignInInteractive(ctx, sb.browser(ctx))
	if err != nil {
		t.Fatal(err)
	}
	other := sb.newSession(t, store())
	stopClock(other)
	if got := mustAccounts(t, other); len(got) != 1 {
		t.Fatalf("the other window lists %+v, want the demo account", got)
	}
	adele, err := window.SignInInteractive(ctx, sb.browser(ctx), WithLoginHint(adeleAccount.UPN))
	if err != nil {
		t.Fatal(err)
	}
	// A new permission for the demo account: a refresh, written to the
	// keyring from a copy that never held Adele.
	if err := other.EnsureScopesFor(ctx, demo.ID, "Group.Read.All"); err != nil {
		t.Fatal(err)
	}
	want := accountIDs([]Account{demo, adele})
	if got := accountIDs(mustAccounts(t, sb.newSession(t, store()))); !slices.Equal(got, want) {
		t.Errorf("after a refresh elsewhere the keyring holds %v, want %v", got, want)
	}
	if got := accountIDs(mustAccounts(t, other)); !slices.Equal(got, want) {
		t.Errorf("the window that refreshed lists %v, want %v", got, want)
	}
	if _, err := other.TokenFor(ctx, adele.ID); err != nil {
		t.Errorf("the window that refreshed has no token for Adele: %v", err)
	}
}

// An account a process signs out itself is not taken back from the
// keyring by its own write, though the keyring changed since it read it
// (another window refreshed a token meanwhile).
func TestSignOutIsNotUndoneByAChangeElsewhere(t *testing.T) {
	sb, window, other, demo, adele, store := sharedKeyring(t)
	ctx := testContext(t)
	if err := window.EnsureScopesFor(ctx, adele.ID, "Group.Read.All"); err != nil {
		t.Fatal(err)
	}
	if err := other.SignOut(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	if got := mustAccounts(t, sb.newSession(t, store())); len(got) != 1 || got[0].ID != adele.ID {
		t.Errorf("after a sign-out the keyring holds %+v, want Adele only", got)
	}
	if got := mustAccounts(t, other); len(got) != 1 || got[0].ID != adele.ID {
		t.Errorf("the window that signed out lists %+v, want Adele only", got)
	}
}

// accountIDs are the ids of accts, sorted.
func accountIDs(accts []Account) []string {
	out := make([]string, 0, len(accts))
	for _, a := range accts {
		out = append(out, a.ID)
	}
	slices.Sort(out)
	return out
}

// A process that read the keyring empty and signs an account in keeps
// the one another window signed in meanwhile: nothing it read was there
// to compare with, and its sign-in wrote the keyring as it held it.
func TestSignInKeepsAnAccountSignedInElsewhereAfterAnEmptyRead(t *testing.T) {
	sb := startSandbox(t, nil)
	store := sharedEntry()
	ctx := testContext(t)
	window := sb.newSession(t, store())
	other := sb.newSession(t, store())
	stopClock(other)
	if got := mustAccounts(t, other); len(got) != 0 {
		t.Fatalf("the other window lists %+v before any sign-in", got)
	}
	adele, err := window.SignInInteractive(ctx, sb.browser(ctx), WithLoginHint(adeleAccount.UPN))
	if err != nil {
		t.Fatal(err)
	}
	demo := signInDevice(t, other) // no look at the keyring first, as a sign-in with a name has
	want := accountIDs([]Account{demo, adele})
	if got := accountIDs(mustAccounts(t, sb.newSession(t, store()))); !slices.Equal(got, want) {
		t.Errorf("after a sign-in in each window the keyring holds %v, want %v", got, want)
	}
}

// rawCache is an MSAL cache as its serialized bytes, for a write made
// directly.
type rawCache []byte

func (r rawCache) Marshal() ([]byte, error) { return r, nil }

// A write cut off by its context (a job stopped as a refresh came back)
// is not taken for a keyring that failed a read: the process still reads
// the keyring when listing accounts, and still leaves out of its writes
// the accounts signed out elsewhere. It used to trust its copy for a
// minute after, offering the account signed out elsewhere and writing it
// back with the next refresh.
func TestCancelledWriteKeepsTheKeyringRead(t *testing.T) {
	sb, window, other, demo, adele, store := sharedKeyring(t)
	ctx := testContext(t)
	if err := window.SignOut(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	other.cache.mu.Lock()
	held := rawCache(other.cache.last)
	other.cache.mu.Unlock()
	if err := other.cache.Export(cancelled, held, cache.ExportHints{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("a write with its context cancelled: %v", err)
	}
	if got := mustAccounts(t, other); len(got) != 1 || got[0].ID != adele.ID {
		t.Errorf("after a cancelled write the window lists %+v, want Adele only", got)
	}
	if err := other.EnsureScopesFor(ctx, adele.ID, "Group.Read.All"); err != nil {
		t.Fatal(err)
	}
	if got := mustAccounts(t, sb.newSession(t, store())); len(got) != 1 || got[0].ID != adele.ID {
		t.Errorf("after a cancelled write and a refresh the keyring holds %+v, want Adele only", got)
	}
}

// sharedEntry is one keyring entry: every CacheStore it gives reads and
// writes it, as the window's and a command line's do.
func sharedEntry() func() CacheStore {
	kr := newFakeKeyring()
	return func() CacheStore { return keyringcache.New("Photo Desk test", "tokens", keyringcache.WithBackend(kr)) }
}

// stopClock stops s's clock now, so it trusts its copy of the keyring
// until the time it returns is moved on past reloadAfter.
func stopClock(s *Session) *time.Time {
	now := time.Now()
	s.cache.now = func() time.Time { return now }
	return &now
}
