package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"

	"github.com/photodesk/photodesk/app/auth/keyringcache"
)

// UnfinishedSignOut is a sign-out the keyring may not hold
// (ErrKeyringNotUpdated): the account, out of its session's cache, and the
// cloud it was signed out of, whose keyring entry may still hold it. It
// outlives its session: a session opened on the same entry later in the
// run takes it over (DeferSignOuts, FinishSignOuts).
type UnfinishedSignOut struct {
	Account Account
	cloud   Cloud
}

// match picks the signed-out account's entries in a cache: at its own
// authority host on the sandbox, where each run has another.
func (u UnfinishedSignOut) match(homeID, environment string) bool {
	return homeID == u.Account.ID && (u.cloud.Kind != Sandbox || strings.EqualFold(environment, u.cloud.AuthorityHost))
}

// Unforgotten are the accounts signed out in this run whose sign-out the
// keyring may not hold (ErrKeyringNotUpdated): out of this run's cache,
// their tokens perhaps still in the keyring, until ForgetSignedOut
// removes them. The window offers to finish each sign-out. Those handed
// over by an earlier session are among them until finished
// (DeferSignOuts); one still running is not.
func (s *Session) Unforgotten() []Account {
	s.mu.Lock()
	out := make([]Account, 0, len(s.unforgotten))
	for _, u := range s.unforgotten {
		out = append(out, u.Account)
	}
	s.mu.Unlock()
	slices.SortFunc(out, func(a, b Account) int { return strings.Compare(a.Username, b.Username) })
	return out
}

// UnfinishedSignOuts are the sign-outs Unforgotten lists, and those
// running now, which the keyring has not recorded yet either (its unlock
// prompt may be open), for the session that replaces this one (Settings
// re-open the connection) to take over.
func (s *Session) UnfinishedSignOuts() []UnfinishedSignOut {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]UnfinishedSignOut, 0, len(s.unforgotten)+len(s.signingOut))
	for _, u := range s.unforgotten {
		out = append(out, u)
	}
	for id, u := range s.signingOut {
		if _, listed := s.unforgotten[id]; !listed {
			out = append(out, u)
		}
	}
	return out
}

// ForgetSignedOut tries again to remove from the keyring the tokens of an
// account whose sign-out it could not record: the sign-out is finished
// when it returns nil, and the account is no longer Unforgotten. An
// account this session has signed in (again, or elsewhere, or read back
// from the keyring by a session that never listed its sign-out) is kept,
// and ErrStillSignedIn says so: the keyring holds it, so the sign-out is
// not done. One whose sign-out an earlier session handed over is signed
// out here, as FinishSignOuts would. It fails with ErrKeyringNotUpdated
// while the keyring still cannot be read or written.
func (s *Session) ForgetSignedOut(ctx context.Context, id string) error {
	s.finishing.Lock()
	defer s.finishing.Unlock()
	s.mu.Lock()
	u, ok := s.unforgotten[id]
	handed, deferred := s.deferred[id]
	s.mu.Unlock()
	if deferred {
		if err := s.finishDeferred(ctx, handed); err != nil {
			return fmt.Errorf("auth: sign out: %w", err)
		}
		return nil
	}
	if !ok {
		u = UnfinishedSignOut{Account: Account{ID: id}, cloud: s.cloud}
	}
	if _, held := s.held(ctx, u); held {
		s.forgotten(id) // signed in: no sign-out of it is left to finish
		return fmt.Errorf("auth: sign out: %w", ErrStillSignedIn)
	}
	if err := s.cache.forget(ctx, u.match); err != nil {
		return fmt.Errorf("auth: sign out: %w", err)
	}
	s.forgotten(id)
	return nil
}

// held is the account of u this session has signed in, or read back
// from the keyring, if any.
func (s *Session) held(ctx context.Context, u UnfinishedSignOut) (public.Account, bool) {
	accts, err := s.cachedAccounts(ctx)
	if err != nil {
		return public.Account{}, false
	}
	for _, a := range accts {
		if u.match(a.HomeAccountID, a.Environment) {
			return a, true
		}
	}
	return public.Account{}, false
}

// noteSignOut records how the sign-out u went: err wrapping
// ErrKeyringNotUpdated leaves it Unforgotten. It is not running any more.
func (s *Session) noteSignOut(u UnfinishedSignOut, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.signingOut, u.Account.ID)
	if !errors.Is(err, ErrKeyringNotUpdated) {
		delete(s.unforgotten, u.Account.ID)
		return
	}
	if s.unforgotten == nil {
		s.unforgotten = map[string]UnfinishedSignOut{}
	}
	s.unforgotten[u.Account.ID] = u
}

func (s *Session) forgotten(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.unforgotten, id)
	delete(s.deferred, id)
}

// forget makes the keyring hold no tokens of the accounts match picks
// (by home account id and host). A process whose last write failed
// writes its copy, which no longer holds them, as the next change would
// have, with the accounts signed in or out elsewhere since; otherwise the
// stored cache is read and the accounts' entries taken out of it — a
// keyring that could not be read at start may hold a sign-in of an
// earlier run this process never saw. A cache left with no account is
// removed, as the last sign-out removes it.
func (pc *persistentCache) forget(ctx context.Context, match func(homeID, environment string) bool) error {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.store == nil {
		return nil
	}
	if pc.closed.Load() {
		return ErrKeyringNotUpdated
	}
	if pc.unsaved != nil && !pc.readFail && pc.pending != nil {
		// Written as any write is, with what the keyring took meanwhile
		// (another process's sign-in or sign-out): the copy is as old as
		// the refusal. A person asked to try again, having unlocked the
		// keyring, so it is read even right after a refused read.
		pc.failedAt = time.Time{}
		if err := pc.replaceStoredLocked(ctx, pc.changesElsewhereLocked(ctx, pc.pending)); err != nil {
			return fmt.Errorf("%w: %w", ErrKeyringNotUpdated, err)
		}
		pc.unsaved, pc.memory, pc.cause = nil, "", "" // written: the keyring works
		return nil
	}
	data, err := pc.store.Load(ctx)
	switch {
	case errors.Is(err, keyringcache.ErrCorrupt):
		data = nil // unreadable, so no sign-in either: cleared below
	case err != nil:
		return fmt.Errorf("%w: %w", ErrKeyringNotUpdated, err)
	}
	rest, removed := withoutAccounts(data, match)
	if !removed && len(data) > 0 && accountCount(rest) > 0 {
		return nil // the keyring holds none of their tokens
	}
	if err := pc.replaceStoredLocked(ctx, rest); err != nil {
		return fmt.Errorf("%w: %w", ErrKeyringNotUpdated, err)
	}
	return nil
}

// replaceStoredLocked writes data to the store, or removes the stored
// cache when data holds no account.
func (pc *persistentCache) replaceStoredLocked(ctx context.Context, data []byte) error {
	if accountCount(data) == 0 {
		if err := pc.store.Clear(ctx); err != nil {
			return err
		}
		pc.last = nil
		return nil
	}
	if err := pc.store.Save(ctx, data); err != nil {
		return err
	}
	pc.last = data
	return nil
}

// cacheSections are the parts of MSAL's serialized cache that belong to an
// account, each a map of entries naming its home account id and host.
var cacheSections = []string{"AccessToken", "RefreshToken", "IdToken", "Account"}

// withoutAccounts is a serialized MSAL cache without the entries of the
// accounts match picks, as MSAL's RemoveAccount leaves it, and whether
// any was there. A cache this cannot read is returned as it was.
func withoutAccounts(data []byte, match func(homeID, environment string) bool) ([]byte, bool) {
	var top map[string]json.RawMessage
	if len(data) == 0 || json.Unmarshal(data, &top) != nil {
		return data, false
	}
	removed := false
	for _, kind := range cacheSections {
		if len(top[kind]) == 0 {
			continue
		}
		var items map[string]json.RawMessage
		if json.Unmarshal(top[kind], &items) != nil {
			return data, false
		}
		for key, raw := range items {
			owner, ok := entryOwner(raw)
			if !ok {
				return data, false
			}
			if match(owner.homeID, owner.environment) {
				delete(items, key)
				removed = true
			}
		}
		b, err := json.Marshal(items)
		if err != nil {
			return data, false
		}
		top[kind] = b
	}
	if !removed {
		return data, false
	}
	out, err := json.Marshal(top)
	if err != nil {
		return data, false
	}
	return pruneAppMetadata(out), true
}

// accountCount is how many accounts a serialized MSAL cache holds; an
// empty or unreadable one holds none.
func accountCount(data []byte) int {
	var top struct {
		Account map[string]json.RawMessage `json:"Account"`
	}
	if len(data) == 0 || json.Unmarshal(data, &top) != nil {
		return 0
	}
	return len(top.Account)
}
