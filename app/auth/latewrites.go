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
// Any write may be the one: a sign-in's, a sign-out's, or MSAL's
// write-back of a token it refreshed. Left to the merge with changes
// elsewhere (changesElsewhereLocked), an account a person signed in on
// the new session since would then look signed out elsewhere, and be
// dropped from the keyring and from the session; one they signed out
// there would be back, its tokens with it. So from the hand-over
// (DeferSignOuts) until the closed sessions' calls have ended
// (FinishSignOuts; Close tells when a session's have), the accounts a
// person signs in here are kept, with their tokens as this session wrote
// them last, and those signed out here are kept out: no read of the
// keyring takes the one away or brings the other back, and once those
// calls have ended the keyring is put right if a late write dropped,
// replaced or brought back any of them (settleLateWrites). A session
// closed before then hands what it keeps to the one opened next
// (KeptAccounts, KeepAccounts): a late write may land after a second
// reconnect. A sign-in whose write has not put it in the keyring then is
// not handed on (see unstored.go): the reconnect stops it, and its
// outcome is not the next session's — that one lists an account it
// added only if the write lands in the keyring.

// guard is what a session keeps from a closed session's late write while
// guarding: mine, the accounts a person signed in here, as a serialized
// MSAL cache of them alone, as last written; out, those signed out here.
// Of mine, unstored are those a person's sign-in noted that no write has
// put in the keyring yet — its write under way, failed or cut off — with
// prior and priorOut, how mine and out had them before that sign-in:
// what a session replacing this one keeps on (handedOn), since the
// reconnect stops a sign-in under way and a failed write is not kept.
// landing, in what a session keeps on, are the tokens such a sign-in's
// write would put in the keyring (see unstored.go). It is replaced
// whole, never changed, so that the session replacing this one can read
// it without the cache's lock (KeptAccounts), which a keyring call
// waiting on the unlock prompt may hold.
type guard struct {
	mine     []byte
	out      map[cachedAccount]bool
	unstored map[cachedAccount]bool
	prior    []byte
	priorOut map[cachedAccount]bool
	landing  []byte
}

// KeptAccounts are what a session closed by a reconnect kept from a late
// write of a session closed before it and had not settled yet
// (settleLateWrites): the accounts a person signed in there, with their
// tokens, and those signed out there.
type KeptAccounts struct {
	cloud Cloud
	guard guard
}

// guardLateWrites starts keeping the accounts a person signs in or out
// here from a closed session's late write, until settleLateWrites.
func (pc *persistentCache) guardLateWrites() {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.store != nil {
		pc.guarding = true
	}
}

// guardNow is what is kept from late writes now; nothing when not
// guarding.
func (pc *persistentCache) guardNow() guard {
	if g := pc.guard.Load(); g != nil {
		return *g
	}
	return guard{}
}

// noteMineLocked keeps the guard up to date with data, MSAL's cache about
// to be written while guarding: a person's sign-in adds the account it
// wrote (its entries differ from what the keyring held), a sign-out
// here the account it leaves out (a refresh never does), and every write
// refreshes the tokens kept of those signed in before, or lets go of one
// signed out here since. A sign-in's note is not handed on before a
// write has put it in the keyring (noteUnstored, wroteLocked). An account
// signed in or out here is no longer awaited from a stopped sign-in's
// write (landingWithout).
func (pc *persistentCache) noteMineLocked(ctx context.Context, data []byte) {
	if !pc.guarding {
		return
	}
	was := pc.guardNow()
	signingIn := ctx.Value(personSignInKey{}) != nil
	entries, before := accountEntries(data), accountEntries(pc.last)
	keep := map[cachedAccount]bool{}
	for a := range accountEntries(was.mine) {
		if _, held := entries[a]; held {
			keep[a] = true
		}
	}
	signedIn := map[cachedAccount]bool{}
	if signingIn {
		for a, e := range entries {
			if b, ok := before[a]; !ok || b != e {
				keep[a], signedIn[a] = true, true
			}
		}
	}
	out := map[cachedAccount]bool{}
	for a := range was.out {
		if !keep[a] {
			out[a] = true
		}
	}
	signedOut := map[cachedAccount]bool{}
	for a := range before {
		if _, held := entries[a]; !held {
			out[a], signedOut[a] = true, true
		}
	}
	next := &guard{mine: withAccountsFrom(nil, data, keep), out: out, landing: landingWithout(was.landing, signedIn, signedOut)}
	noteUnstored(next, was, keep, signedIn)
	pc.guard.Store(next)
}

// guardedLocked is data, a cache read from the keyring while guarding,
// with the accounts signed in here as this session wrote them last, and
// without those signed out here.
func (pc *persistentCache) guardedLocked(data []byte) []byte {
	g := pc.guardNow()
	mine := accountEntries(g.mine)
	if len(mine) == 0 && len(g.out) == 0 {
		return data
	}
	keep := make(map[cachedAccount]bool, len(mine))
	for a := range mine {
		keep[a] = true
	}
	rest, _ := withoutAccounts(data, func(homeID, environment string) bool {
		a := cachedAccount{homeID, strings.ToLower(environment)}
		return keep[a] || g.out[a]
	})
	return withAccountsFrom(rest, g.mine, keep)
}

// keepOn keeps what a session closed before kept from late writes as if
// signed in and out here, until settleLateWrites; what was signed in or
// out here comes first. The next read of the keyring hands it to MSAL's
// copy. It reports whether there was anything to keep.
func (pc *persistentCache) keepOn(from guard) bool {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.store == nil || (from.mine == nil && len(from.out) == 0) {
		return false
	}
	pc.guarding, pc.reread = true, true
	now := pc.guardNow()
	mine := accountEntries(now.mine)
	add := map[cachedAccount]bool{}
	for a := range accountEntries(from.mine) {
		if _, signedIn := mine[a]; !signedIn && !now.out[a] {
			add[a] = true
		}
	}
	out := map[cachedAccount]bool{}
	for a := range now.out {
		out[a] = true
	}
	for a := range from.out {
		if _, signedIn := mine[a]; !signedIn {
			out[a] = true
		}
	}
	landing := map[cachedAccount]bool{}
	for a := range accountEntries(from.landing) {
		if _, signedIn := mine[a]; !signedIn && !now.out[a] {
			landing[a] = true
		}
	}
	pc.guard.Store(&guard{
		mine: withAccountsFrom(now.mine, from.mine, add), out: out,
		unstored: now.unstored, prior: now.prior, priorOut: now.priorOut,
		landing: withAccountsFrom(now.landing, from.landing, landing),
	})
	return true
}

// settleLateWrites is called once the closed sessions' keyring calls
// have ended: the accounts signed in here that a late write of theirs
// dropped or replaced are written back, those signed out here that it
// brought back are removed, and guarding ends. With nothing signed in or
// out here meanwhile it makes no keyring call. Should the keyring fail,
// guarding goes on until this session's next write works, which keeps
// them too. A session that may not write the keyring (it could not read
// it, or is closed) cannot put it right: it goes on keeping them, for
// the session that replaces it (KeptAccounts), as it hands on the
// sign-outs it could not finish.
func (pc *persistentCache) settleLateWrites(ctx context.Context) error {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if !pc.guarding {
		return nil
	}
	pc.settling = true
	g := pc.guardNow()
	if g.mine == nil && len(g.out) == 0 {
		pc.endGuardLocked()
		return nil
	}
	if !pc.writableLocked() {
		return nil
	}
	stored, err := pc.store.Load(ctx)
	switch {
	case errors.Is(err, keyringcache.ErrCorrupt):
		stored = nil
	case err != nil:
		return err
	}
	pc.landedLocked(stored)
	g = pc.guardNow()
	have := accountEntries(stored)
	intact := true
	for a, e := range accountEntries(g.mine) {
		intact = intact && have[a] == e
	}
	for a := range g.out {
		_, back := have[a]
		intact = intact && !back
	}
	if !intact {
		if err := pc.replaceStoredLocked(ctx, pc.guardedLocked(stored)); err != nil {
			return err
		}
		// MSAL's copy is not what the keyring holds now (the late write
		// took in or left out other accounts): Replace reads it next.
		pc.behind = true
	}
	pc.endGuardLocked()
	return nil
}

// endGuardLocked ends guarding: the closed sessions' calls have ended,
// and the keyring holds what was signed in and out here.
func (pc *persistentCache) endGuardLocked() {
	pc.guarding, pc.settling = false, false
	pc.guard.Store(nil)
}
