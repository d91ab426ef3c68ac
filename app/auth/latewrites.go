package auth

import (
	"context"
	"errors"
	"strings"

	"github.com/photodesk/photodesk/app/auth/keyringcache"
)

// A session closed by a reconnect may still have a keyring write under
// way: go-keyring cannot call back a call waiting on the keyring's unlock
// prompt, so once the person answers it, it lands, with that session's
// copy of the cache — without what the session opened meanwhile wrote.
// Left to the merge with changes elsewhere (changesElsewhereLocked), an
// account a person signed in on the new session since would then look
// signed out elsewhere, and be dropped from the keyring and from the
// session. So from the hand-over (DeferSignOuts) until the closed
// sessions' calls have ended (FinishSignOuts), the accounts a person
// signs in here are kept, with their tokens as this session wrote them
// last: no read of the keyring takes them away, and once those calls
// have ended they are written back if a late write dropped or replaced
// them (settleLateWrites).

// guardLateWrites starts keeping the accounts a person signs in here
// from a closed session's late write, until settleLateWrites.
func (pc *persistentCache) guardLateWrites() {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.store != nil {
		pc.guarding = true
	}
}

// noteMineLocked keeps mine up to date with data, MSAL's cache about to
// be written while guarding: a person's sign-in adds the account it
// wrote (its entries differ from what the keyring held), and every write
// refreshes the tokens kept of those signed in before, or lets go of
// one signed out here.
func (pc *persistentCache) noteMineLocked(ctx context.Context, data []byte) {
	if !pc.guarding {
		return
	}
	entries := accountEntries(data)
	keep := map[cachedAccount]bool{}
	for a := range accountEntries(pc.mine) {
		if _, held := entries[a]; held {
			keep[a] = true
		}
	}
	if ctx.Value(personSignInKey{}) != nil {
		before := accountEntries(pc.last)
		for a, e := range entries {
			if was, ok := before[a]; !ok || was != e {
				keep[a] = true
			}
		}
	}
	pc.mine = withAccountsFrom(nil, data, keep)
}

// keepMineLocked is data, a cache read from the keyring while guarding,
// with the accounts signed in here as this session wrote them last.
func (pc *persistentCache) keepMineLocked(data []byte) []byte {
	mine := accountEntries(pc.mine)
	if len(mine) == 0 {
		return data
	}
	keep := make(map[cachedAccount]bool, len(mine))
	for a := range mine {
		keep[a] = true
	}
	rest, _ := withoutAccounts(data, func(homeID, environment string) bool {
		return keep[cachedAccount{homeID, strings.ToLower(environment)}]
	})
	return withAccountsFrom(rest, pc.mine, keep)
}

// settleLateWrites is called once the closed sessions' keyring calls
// have ended: the accounts signed in here that a late write of theirs
// dropped or replaced are written back, and guarding ends. With nothing
// signed in here meanwhile it makes no keyring call. Should the keyring
// fail, guarding goes on until this session's next write works, which
// keeps them too.
func (pc *persistentCache) settleLateWrites(ctx context.Context) error {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if !pc.guarding {
		return nil
	}
	pc.settling = true
	if pc.mine == nil || !pc.writableLocked() {
		pc.endGuardLocked()
		return nil
	}
	stored, err := pc.store.Load(ctx)
	switch {
	case errors.Is(err, keyringcache.ErrCorrupt):
		stored = nil
	case err != nil:
		return err
	}
	have := accountEntries(stored)
	intact := true
	for a, e := range accountEntries(pc.mine) {
		intact = intact && have[a] == e
	}
	if !intact {
		want := pc.keepMineLocked(stored)
		if err := pc.store.Save(ctx, want); err != nil {
			return err
		}
		// MSAL's copy is not what the keyring holds now (the late write
		// took in or left out other accounts): Replace reads it next.
		pc.last, pc.behind = want, true
	}
	pc.endGuardLocked()
	return nil
}

// endGuardLocked ends guarding: the closed sessions' calls have ended,
// and the keyring holds what was signed in here.
func (pc *persistentCache) endGuardLocked() {
	pc.guarding, pc.settling, pc.mine = false, false, nil
}
