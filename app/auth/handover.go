package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// When Settings re-open the connection, the session closed hands its
// unfinished sign-outs — those still running too, which a locked
// keyring's unlock prompt may hold — to the one opened next. That one
// puts their accounts out of sight at once, without a keyring call, and
// finishes them in the keyring later, once the closed session's calls
// have ended (the caller waits for that: app/session): the reconnect
// waits for nothing, and the take-over's writes come after the closed
// session's last call. That last call may still land after this
// session wrote (see latewrites.go): what a person signs in or out here
// meanwhile is put right then.

// DeferSignOuts takes over the sign-outs an earlier session of this run
// left unfinished, or was still running when it closed, without a
// keyring call, and returns those of another keyring entry (a tenant or
// app registration Settings no longer name) for a later session of
// theirs. This entry's are Unforgotten from now on, and their accounts
// out of sight even where this session read them back from the keyring:
// never listed, current or given a token, so the reconnect signs none of
// them in again. FinishSignOuts finishes them later, once the closed
// session's keyring calls have ended: one still waiting on the keyring's
// unlock prompt would hold this session's too, and the window on
// "Connecting…" with it. Until then an account a person signs in or out
// here is kept from a late write of the closed session's (see
// latewrites.go).
func (s *Session) DeferSignOuts(ctx context.Context, todo []UnfinishedSignOut) []UnfinishedSignOut {
	if s.app != nil {
		return todo
	}
	s.cache.guardLateWrites()
	var others []UnfinishedSignOut
	s.mu.Lock()
	for _, u := range todo {
		if !SameTokenEntry(u.cloud, s.cloud) {
			others = append(others, u)
			continue
		}
		if s.unforgotten == nil {
			s.unforgotten = map[string]UnfinishedSignOut{}
		}
		if s.deferred == nil {
			s.deferred = map[string]UnfinishedSignOut{}
		}
		if had, ok := s.unforgotten[u.Account.ID]; ok && u.Account.Username == "" {
			u.Account = had.Account
		}
		s.unforgotten[u.Account.ID], s.deferred[u.Account.ID] = u, u
	}
	_, hidden := s.deferred[s.current]
	s.mu.Unlock()
	s.nameDeferred(ctx)
	if hidden {
		// Another account, if any, is current instead; the note of which
		// waits for FinishSignOuts, as every keyring write does.
		var next Account
		if rest, err := s.accounts(ctx); err == nil && len(rest) > 0 {
			next = s.account(rest[0])
		}
		s.mu.Lock()
		s.current, s.currentAcct, s.noteCurrent = next.ID, next, true
		s.mu.Unlock()
	}
	return others
}

// nameDeferred fills in the username of a deferred sign-out handed over
// before its session knew it, from this session's cache, for the
// Account menu's "Finish signing out <name>".
func (s *Session) nameDeferred(ctx context.Context) {
	all, err := s.cachedAccounts(ctx)
	if err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, u := range s.deferred {
		if u.Account.Username != "" {
			continue
		}
		for _, a := range all {
			if u.match(a.HomeAccountID, a.Environment) {
				u.Account = accountFrom(a)
				s.deferred[id], s.unforgotten[id] = u, u
				break
			}
		}
	}
}

// FinishSignOuts is called once the keyring calls of the sessions
// closed before this one have ended (see Close). First it puts right what
// a person signed in or out here since DeferSignOuts, or on a session
// closed before that kept it (KeepAccounts), should a late write of
// theirs have dropped it or brought it back (see latewrites.go); then it
// finishes the sign-outs
// DeferSignOuts took over: an account this session read back from the
// keyring is signed out, not signed in by the reconnect; one it does not
// hold is removed from the keyring; either way it is in sight again only
// if a person signs it in. One that fails stays Unforgotten, for
// ForgetSignedOut. Last it notes the current account for the command
// line, should DeferSignOuts or KeepAccounts have made another current
// (WithRememberCurrent), even with no sign-out to finish. It reports
// whether there was any to finish.
func (s *Session) FinishSignOuts(ctx context.Context) bool {
	if err := s.cache.settleLateWrites(ctx); err != nil {
		s.log.Warn("the accounts signed in or out since Settings re-opened the connection could not be put right in the keyring; the next write does", "error", err.Error())
	}
	s.finishing.Lock()
	defer s.finishing.Unlock()
	s.mu.Lock()
	todo := make([]UnfinishedSignOut, 0, len(s.deferred))
	for _, u := range s.deferred {
		todo = append(todo, u)
	}
	moved := s.noteCurrent
	s.noteCurrent = false
	s.mu.Unlock()
	for _, u := range todo {
		_ = s.finishDeferred(ctx, u)
	}
	if len(todo) > 0 || moved {
		now, _ := s.Current() // DeferSignOuts or KeepAccounts may have moved it
		s.rememberCurrent(ctx, now)
	}
	return len(todo) > 0
}

// Close is called as Settings re-open the connection: from then on the
// session makes no keyring call, and keeps what it holds in memory only.
// The channel it returns closes once the call under way, if any, has
// ended. That one cannot be called back (go-keyring takes no context) and
// may land once the person answers the keyring's unlock prompt — a
// sign-in's or sign-out's write, or MSAL's write-back of a token it
// refreshed, which the caller does not see running — so the caller has
// the session opened next call FinishSignOuts only after it.
func (s *Session) Close() <-chan struct{} { return s.cache.close() }

// KeptAccounts are what this session keeps from a late write of a session
// closed before it and has not settled yet (see latewrites.go), for the
// session that replaces it to keep on (KeepAccounts); none when it keeps
// nothing. It waits for no keyring call: one may be waiting on the
// unlock prompt. A person's sign-in no write has put in the keyring yet
// — under way, failed or cut off — is not among them: the reconnect
// stops it, a failed write keeps it for this session only, and its
// outcome is never applied to the next session, which finds its tokens
// only if they land (see unstored.go).
func (s *Session) KeptAccounts() []KeptAccounts {
	g := s.cache.handedOn()
	if g.mine == nil && len(g.out) == 0 {
		return nil
	}
	return []KeptAccounts{{cloud: s.cloud, guard: g}}
}

// KeepAccounts keeps on what sessions of this keyring entry closed before
// this one kept from late writes, as if signed in and out here, until
// FinishSignOuts puts the keyring right: a late write may land after a
// second reconnect. It returns another entry's, for a later session of
// theirs. Taking any on, it reads the keyring, so that an account signed
// out there is not current here, and one signed in there is current
// should nobody be; the note of which for the command line waits for
// FinishSignOuts, as every keyring write does.
func (s *Session) KeepAccounts(ctx context.Context, kept []KeptAccounts) []KeptAccounts {
	if s.app != nil {
		return kept
	}
	var others []KeptAccounts
	taken := false
	for _, k := range kept {
		if !SameTokenEntry(k.cloud, s.cloud) {
			others = append(others, k)
			continue
		}
		taken = s.cache.keepOn(k.guard) || taken
	}
	if !taken {
		return others
	}
	rest, err := s.accounts(ctx)
	if err != nil {
		return others
	}
	now, _ := s.Current()
	if slices.ContainsFunc(rest, func(a public.Account) bool { return a.HomeAccountID == now.ID }) {
		return others
	}
	var next Account
	if len(rest) > 0 {
		next = s.account(rest[0])
	}
	s.mu.Lock()
	s.current, s.currentAcct, s.noteCurrent = next.ID, next, true // noted by FinishSignOuts, as DeferSignOuts's
	s.mu.Unlock()
	return others
}

// finishDeferred is FinishSignOuts of u; the caller holds finishing. An
// account signed in again since is left alone: a sign-in holds finishing
// for reading, so none lands between the look and the write.
func (s *Session) finishDeferred(ctx context.Context, u UnfinishedSignOut) error {
	s.mu.Lock()
	_, still := s.deferred[u.Account.ID]
	s.mu.Unlock()
	if !still {
		return nil
	}
	var err error
	if a, ok := s.held(ctx, u); ok {
		err = s.signOut(ctx, a)
	} else {
		err = s.cache.forget(ctx, u.match)
	}
	if err != nil && !errors.Is(err, ErrKeyringNotUpdated) {
		// Failed otherwise (MSAL, a write cut off): the keyring may
		// hold the account all the same, and nothing else lists it.
		err = fmt.Errorf("%w: %w", ErrKeyringNotUpdated, err)
	}
	s.noteSignOut(u, err)
	if _, held := s.held(ctx, u); !held {
		s.mu.Lock()
		delete(s.deferred, u.Account.ID) // out of this run's cache: nothing left to keep out of sight
		s.mu.Unlock()
	}
	return err
}

// running records the sign-out u as running (see UnfinishedSignOuts).
func (s *Session) running(u UnfinishedSignOut) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.signingOut == nil {
		s.signingOut = map[string]UnfinishedSignOut{}
	}
	s.signingOut[u.Account.ID] = u
}

// ran records that the sign-out of id ended without a change.
func (s *Session) ran(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.signingOut, id)
}

// knownAccount is account id as this session knows it without the
// keyring: the current account's name, or only its id.
func (s *Session) knownAccount(id string) Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.currentAcct.ID == id {
		return s.currentAcct
	}
	return Account{ID: id}
}

// deferredLocked reports whether a is the account of a sign-out handed
// over and not finished yet (DeferSignOuts).
func (s *Session) deferredLocked(a public.Account) bool {
	for _, u := range s.deferred {
		if u.match(a.HomeAccountID, a.Environment) {
			return true
		}
	}
	return false
}
