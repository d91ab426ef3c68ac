package auth

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"testing"
)

// A sign-out the keyring could not record can be finished in the same run:
// the account is Unforgotten, trying again while the keyring still fails
// says so, and once it works the keyring no longer holds the account (the
// next start does not sign it in) while the other account stays.
func TestSignOutTheKeyringMissedCanBeRetried(t *testing.T) {
	sb := startSandbox(t, nil)
	store := &flakyStore{}
	s := sb.newSession(t, store)
	ctx := testContext(t)
	demo, adele := sb.signInTwo(t, s)
	signOutUnrecorded(t, s, store, demo.ID)
	if got := s.Unforgotten(); len(got) != 1 || got[0].ID != demo.ID {
		t.Errorf("Unforgotten = %+v, want the demo account", got)
	}
	if err := s.ForgetSignedOut(ctx, demo.ID); !errors.Is(err, ErrKeyringNotUpdated) {
		t.Errorf("trying again while the keyring fails: %v, want ErrKeyringNotUpdated", err)
	}
	if len(s.Unforgotten()) != 1 {
		t.Error("a failed retry forgot the account")
	}
	store.down.Store(false)
	if err := s.ForgetSignedOut(ctx, demo.ID); err != nil {
		t.Fatalf("trying again with the keyring working: %v", err)
	}
	if got := s.Unforgotten(); len(got) != 0 {
		t.Errorf("Unforgotten = %+v after the retry", got)
	}
	if p := s.Persistence(); !p.Keyring {
		t.Errorf("Persistence = %+v once the retry wrote the keyring", p)
	}
	next := sb.newSession(t, store)
	if got := mustAccounts(t, next); len(got) != 1 || got[0].ID != adele.ID {
		t.Errorf("the next start has %+v, want Adele only", got)
	}
}

// The last account's sign-out retried leaves no keyring entry behind.
func TestLastSignOutRetriedClearsTheKeyring(t *testing.T) {
	sb := startSandbox(t, nil)
	store := &flakyStore{}
	s := sb.newSession(t, store)
	ctx := testContext(t)
	demo := signInDevice(t, s)
	signOutUnrecorded(t, s, store, demo.ID)
	store.down.Store(false)
	if err := s.ForgetSignedOut(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	if data, _ := store.Load(ctx); len(data) != 0 {
		t.Errorf("the keyring still holds %d bytes after the retried last sign-out", len(data))
	}
}

// lockedStore is a keyring that fails every call, reads too, while down.
type lockedStore struct{ flakyStore }

func (l *lockedStore) Load(ctx context.Context) ([]byte, error) {
	if l.down.Load() {
		return nil, errKeyringDown
	}
	return l.MemoryStore.Load(ctx)
}

// A keyring locked at start holds a sign-in this run never saw: signing
// the account in again (memory only) and out cannot reach it, and once the
// keyring is unlocked, trying again removes it from there.
func TestSignOutRetriedReachesAKeyringUnreadAtStart(t *testing.T) {
	sb := startSandbox(t, nil)
	store := &lockedStore{}
	ctx := testContext(t)
	signInDevice(t, sb.newSession(t, store)) // an earlier run
	store.down.Store(true)
	s := sb.newSession(t, store)
	demo := signInDevice(t, s)
	if err := s.SignOut(ctx, demo.ID); !errors.Is(err, ErrKeyringNotUpdated) {
		t.Fatalf("a sign-out with the keyring unread: %v, want ErrKeyringNotUpdated", err)
	}
	store.down.Store(false)
	if err := s.ForgetSignedOut(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	if got := mustAccounts(t, sb.newSession(t, store)); len(got) != 0 {
		t.Errorf("the next start has %+v, want nobody signed in", got)
	}
}

// A sign-out left unfinished on one tenant waits for a session of that
// tenant: another tenant's session (Settings name another) neither lists
// it nor touches its keyring entry, and hands it back. The other
// session is given the same store, as if the two entries were one, so a
// sign-out it took over would show there: the account signed out of it.
func TestUnfinishedSignOutWaitsForItsTenant(t *testing.T) {
	sb := startSandbox(t, nil)
	store := &flakyStore{}
	s := sb.newSession(t, store)
	ctx := testContext(t)
	demo := signInDevice(t, s)
	signOutUnrecorded(t, s, store, demo.ID)
	todo := s.UnfinishedSignOuts()
	store.down.Store(false)
	other := sb.cloud
	other.TenantID = "contoso.onmicrosoft.com"
	elsewhere, err := New(ctx, other, WithHTTPClient(sb.HTTPClient()), WithCacheStore(store))
	if err != nil {
		t.Fatal(err)
	}
	if back := takeOver(ctx, elsewhere, todo); len(back) != 1 || back[0].Account.ID != demo.ID {
		t.Errorf("another tenant's session handed back %+v, want the demo account's sign-out", back)
	}
	if got := elsewhere.Unforgotten(); len(got) != 0 {
		t.Errorf("another tenant's session lists %+v to finish", got)
	}
	if got := mustAccounts(t, sb.newSession(t, store)); len(got) != 1 || got[0].ID != demo.ID {
		t.Errorf("after another tenant's session had the sign-out, the keyring holds %+v, want the demo account still", got)
	}
}

// Finishing a sign-out the keyring missed keeps an account another
// process signed in since: it used to write this run's copy as it was
// when the keyring refused it, and the other process's sign-in was gone
// from the keyring (here, the last account's, with the whole entry).
// Also when the keyring, locked, refused the read before that write: the
// person unlocked it and asked to try again.
func TestFinishedSignOutKeepsAnAccountSignedInElsewhere(t *testing.T) {
	for name, store := range map[string]interface {
		CacheStore
		setDown(bool)
	}{"write refused": &flakyStore{}, "locked": &lockedStore{}} {
		t.Run(name, func(t *testing.T) {
			sb := startSandbox(t, nil)
			ctx := testContext(t)
			s := sb.newSession(t, store)
			demo := signInDevice(t, s)
			signOutUnrecorded(t, s, store, demo.ID)
			store.setDown(false)
			other := sb.newSession(t, store)
			adele, err := other.SignInInteractive(ctx, sb.browser(ctx), WithLoginHint(adeleAccount.UPN))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.ForgetSignedOut(ctx, demo.ID); err != nil {
				t.Fatal(err)
			}
			if got := mustAccounts(t, sb.newSession(t, store)); len(got) != 1 || got[0].ID != adele.ID {
				t.Errorf("after the sign-out was finished the keyring holds %+v, want Adele, signed in elsewhere", got)
			}
		})
	}
}

// A person who signs an account in again after a sign-out the keyring
// missed wants it signed in: the sign-out is no longer one to finish.
// The Account menu kept offering to finish it, and Settings re-opening
// the connection took it over and signed the account out again.
func TestSigningInAgainEndsTheUnfinishedSignOut(t *testing.T) {
	sb := startSandbox(t, nil)
	store := &flakyStore{}
	ctx := testContext(t)
	s := sb.newSession(t, store)
	demo, _ := sb.signInTwo(t, s)
	signOutUnrecorded(t, s, store, demo.ID)
	store.down.Store(false)
	if again := signInDevice(t, s); again.ID != demo.ID {
		t.Fatalf("signed in %+v again, want the demo account", again)
	}
	if got := s.Unforgotten(); len(got) != 0 {
		t.Errorf("signed in again, Unforgotten = %+v", got)
	}
	reconnected := sb.newSession(t, store)
	if back := takeOver(ctx, reconnected, s.UnfinishedSignOuts()); len(back) != 0 {
		t.Errorf("handed back %+v", back)
	}
	if !slices.ContainsFunc(mustAccounts(t, reconnected), func(a Account) bool { return a.ID == demo.ID }) {
		t.Error("the reconnect signed out the account signed in again")
	}
}

// Finishing a sign-out this session never listed, for an account it has
// signed in, is not reported done: the keyring still holds the account.
// A session opened after a sign-out whose failure it never heard of (the
// sign-out was still running when Settings re-opened the connection)
// read the account back from the keyring, took it for signed in again,
// and said it was signed out.
func TestFinishingASignOutNeverListedOfAnAccountSignedIn(t *testing.T) {
	sb := startSandbox(t, nil)
	store := &flakyStore{}
	ctx := testContext(t)
	s := sb.newSession(t, store)
	demo := signInDevice(t, s)
	signOutUnrecorded(t, s, store, demo.ID)
	reconnected := sb.newSession(t, store) // it never heard of the sign-out
	err := reconnected.ForgetSignedOut(ctx, demo.ID)
	if !errors.Is(err, ErrStillSignedIn) {
		t.Errorf("finishing a sign-out of an account still signed in: %v, want ErrStillSignedIn", err)
	}
	if got := mustAccounts(t, reconnected); len(got) != 1 || got[0].ID != demo.ID {
		t.Errorf("the session holds %+v, want the demo account still", got)
	}
}

// cancellingStore is a flakyStore whose writes, once cut is set, end
// the context they were given and fail: a write cut off mid-way.
type cancellingStore struct {
	flakyStore
	cut atomic.Pointer[context.CancelFunc]
}

func (c *cancellingStore) Save(ctx context.Context, data []byte) error {
	if cut := c.cut.Load(); cut != nil {
		(*cut)()
		return errKeyringDown
	}
	return c.flakyStore.Save(ctx, data)
}

// A sign-out taken over that fails otherwise than by the keyring (here
// its write cut off, which MSAL reports as the context's error) is still
// listed to finish: it was dropped, and nothing offered to finish it
// while the keyring still held the account.
func TestUnfinishedSignOutTakenOverStaysListedWhateverTheFailure(t *testing.T) {
	sb := startSandbox(t, nil)
	store := &cancellingStore{}
	ctx := testContext(t)
	s := sb.newSession(t, store)
	demo := signInDevice(t, s)
	signOutUnrecorded(t, s, store, demo.ID)
	store.down.Store(false)
	reconnected := sb.newSession(t, store) // reads the account back
	takeCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	store.cut.Store(&cancel)
	takeOver(takeCtx, reconnected, s.UnfinishedSignOuts())
	if got := reconnected.Unforgotten(); len(got) != 1 || got[0].ID != demo.ID {
		t.Errorf("after a sign-out taken over failed, Unforgotten = %+v, want the demo account", got)
	}
}
