package auth

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// flakyStore is a keyring that fails while down is set.
type flakyStore struct {
	MemoryStore
	down atomic.Bool
}

var errKeyringDown = errors.New("keyring locked")

func (f *flakyStore) setDown(down bool) { f.down.Store(down) }

// signOutUnrecorded signs id out of s with store refusing writes, left
// so: a sign-out the keyring could not record.
func signOutUnrecorded(t *testing.T, s *Session, store interface{ setDown(bool) }, id string) {
	t.Helper()
	store.setDown(true)
	if err := s.SignOut(testContext(t), id); !errors.Is(err, ErrKeyringNotUpdated) {
		t.Fatalf("a sign-out the keyring did not record: %v, want it said", err)
	}
}

func (f *flakyStore) Save(ctx context.Context, data []byte) error {
	if f.down.Load() {
		return errKeyringDown
	}
	return f.MemoryStore.Save(ctx, data)
}

func (f *flakyStore) Clear(ctx context.Context) error {
	if f.down.Load() {
		return errKeyringDown
	}
	return f.MemoryStore.Clear(ctx)
}

// A keyring that fails a write is not given up on: a sign-out it could not
// record says so (the account would come back at the next start), the
// session is memory-only meanwhile, and once the keyring works again the
// next change is written and the last sign-out clears it.
func TestKeyringFailingAWriteIsTriedAgain(t *testing.T) {
	sb := startSandbox(t, nil)
	store := &flakyStore{}
	s := sb.newSession(t, store)
	ctx := testContext(t)
	demo, adele := sb.signInTwo(t, s)
	store.down.Store(true)
	err := s.SignOut(ctx, demo.ID)
	if !errors.Is(err, ErrKeyringNotUpdated) {
		t.Errorf("a sign-out the keyring did not record: %v, want it said", err)
	}
	if p := s.Persistence(); p.Keyring {
		t.Errorf("Persistence = %+v while the keyring fails", p)
	}
	store.down.Store(false)
	if err := s.SignOut(ctx, adele.ID); err != nil {
		t.Fatal(err)
	}
	if data, _ := store.Load(ctx); len(data) != 0 {
		t.Errorf("the keyring still holds %d bytes after the last sign-out", len(data))
	}
	if p := s.Persistence(); !p.Keyring {
		t.Errorf("Persistence = %+v once the keyring works again", p)
	}
}

// Two processes share the keyring (the window and a long command line):
// an account the window signs out is not written back by the other, whose
// copy is read again from the keyring after a while; until then it may
// go on with the tokens it holds, and a new token asked for after the
// reload needs a sign-in.
func TestSignOutElsewhereIsNotWrittenBack(t *testing.T) {
	sb := startSandbox(t, nil)
	store := sharedEntry()
	ctx := testContext(t)
	window := sb.newSession(t, store())
	demo, err := window.SignInInteractive(ctx, sb.browser(ctx))
	if err != nil {
		t.Fatal(err)
	}
	cli := sb.newSession(t, store())
	now := stopClock(cli)
	if _, err := cli.TokenFor(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	if err := window.SignOut(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	*now = now.Add(reloadAfter + time.Second)
	if err := cli.EnsureScopesFor(ctx, demo.ID, "Group.Read.All"); !errors.Is(err, ErrSignInRequired) {
		t.Errorf("a new token for the account signed out elsewhere: %v, want ErrSignInRequired", err)
	}
	if restarted := sb.newSession(t, store()); func() bool { _, ok := restarted.Current(); return ok }() {
		t.Error("the account signed out in the window is back in the keyring")
	}
}

// What the window advises after a sign-out the keyring could not record
// (session.Explain) must hold: the last account signed out while the
// keyring fails is not cleared later in that run, nor when the next run
// starts. That run, with the keyring working, has the account signed in
// again, and signing it out then removes it for good.
func TestSignOutTheKeyringMissedIsUndoneAtTheNextStart(t *testing.T) {
	sb := startSandbox(t, nil)
	store := &flakyStore{}
	ctx := testContext(t)
	first := sb.newSession(t, store)
	demo := signInDevice(t, first)
	signOutUnrecorded(t, first, store, demo.ID)
	store.down.Store(false)
	next := sb.newSession(t, store)
	if cur, ok := next.Current(); !ok || cur.ID != demo.ID {
		t.Fatalf("the next start has %+v (%v) signed in, want the account the keyring kept", cur, ok)
	}
	if err := next.SignOut(ctx, demo.ID); err != nil {
		t.Fatal(err)
	}
	if data, _ := store.Load(ctx); len(data) != 0 {
		t.Errorf("the keyring still holds %d bytes after signing out at the next start", len(data))
	}
	if accts, _ := sb.newSession(t, store).Accounts(ctx); len(accts) != 0 {
		t.Errorf("signed out at the next start, yet the one after has %v", accts)
	}
}

// lockingStore is a keyring that can be locked after it was read, and
// counts the reads it is asked for (each would show the desktop's unlock
// prompt while it is locked).
type lockingStore struct {
	MemoryStore
	locked atomic.Bool
	reads  atomic.Int32
}

func (l *lockingStore) Load(ctx context.Context) ([]byte, error) {
	l.reads.Add(1)
	if l.locked.Load() {
		return nil, errKeyringDown
	}
	return l.MemoryStore.Load(ctx)
}

// A keyring locked after start is asked again at most once a reloadAfter,
// however often the account list is read (the window reads it whenever it
// comes to the front): each read of a locked keyring shows the desktop's
// unlock prompt, which came back every time it was dismissed. The copy
// read before is listed meanwhile.
func TestKeyringLockedAfterStartIsNotAskedAgainAndAgain(t *testing.T) {
	sb := startSandbox(t, nil)
	store := &lockingStore{}
	s := sb.newSession(t, store)
	now := stopClock(s)
	demo := signInDevice(t, s)
	store.locked.Store(true)
	before := store.reads.Load()
	for range 3 {
		if got := mustAccounts(t, s); len(got) != 1 || got[0].ID != demo.ID {
			t.Fatalf("with the keyring locked the accounts are %+v, want the demo account from this run's copy", got)
		}
	}
	if n := store.reads.Load() - before; n != 1 {
		t.Errorf("the locked keyring was read %d times for three account lists, want once", n)
	}
	*now = now.Add(reloadAfter + time.Second)
	mustAccounts(t, s)
	if n := store.reads.Load() - before; n != 2 {
		t.Errorf("after a while the keyring was read %d times in all, want once more", n)
	}
}
