package auth

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

// flakyStore is a keyring that fails while down is set.
type flakyStore struct {
	MemoryStore
	down atomic.Bool
}

var errKeyringDown = errors.New("keyring locked")

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
	demo, err := s.SignInInteractive(ctx, sb.browser(ctx))
	if err != nil {
		t.Fatal(err)
	}
	adele, err := s.SignInInteractive(ctx, sb.browser(ctx), WithLoginHint(adeleAccount.UPN))
	if err != nil {
		t.Fatal(err)
	}
	store.down.Store(true)
	err = s.SignOut(ctx, demo.ID)
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
