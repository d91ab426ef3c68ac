package auth

import (
	"context"
	"encoding/json"
	"strings"
)

// The window's current account is kept beside its tokens, so a command
// line run without --graph-url or --sandbox acts as the account the
// window shows, not whichever the cache lists first (on the sandbox, the
// demo account, signed in afresh by every process).

// remembered is what the current-account store holds: which account, by
// home account id, and its username (the sandbox signs it in again by
// name). Never a token.
type remembered struct {
	ID       string `json:"id"`
	Username string `json:"username"`
}

// WithRememberCurrent makes the session write which account is current to
// store whenever that changes: the window's session does, so the command
// line can follow it. A store that fails is left alone; nothing depends
// on it but the command line's choice of account.
func WithRememberCurrent(store CacheStore) Option {
	return func(s *Session) { s.remember = store }
}

// WithFollowCurrent makes the session start at the account store names
// (the window's current one) when it is signed in here, rather than at
// the first the cache lists: the command line's session.
func WithFollowCurrent(store CacheStore) Option {
	return func(s *Session) { s.follow = store }
}

// RememberedAccount is the window's current account as store names it:
// home account id and username, both "" when none is known.
func RememberedAccount(ctx context.Context, store CacheStore) (id, username string) {
	if store == nil {
		return "", ""
	}
	data, err := store.Load(ctx)
	if err != nil || len(data) == 0 {
		return "", ""
	}
	var r remembered
	if json.Unmarshal(data, &r) != nil {
		return "", ""
	}
	return r.ID, strings.TrimSpace(r.Username)
}

// rememberCurrent writes a (the zero Account for nobody) to the
// current-account store, if the session keeps one.
func (s *Session) rememberCurrent(ctx context.Context, a Account) {
	if s.remember == nil || s.Persistence().Unread {
		// A keyring that could not be read at start is not written this
		// run, this note included; and asking it again would show its
		// unlock prompt, which the person dismissed, on every switch.
		return
	}
	if a.ID == "" {
		if err := s.remember.Clear(ctx); err != nil {
			s.log.Warn("could not note that nobody is signed in for the command line", "error", err.Error())
		}
		return
	}
	if id, _ := RememberedAccount(ctx, s.remember); id == a.ID {
		return // noted already: no keyring write
	}
	data, err := json.Marshal(remembered{ID: a.ID, Username: a.Username})
	if err == nil {
		err = s.remember.Save(ctx, data)
	}
	if err != nil {
		s.log.Warn("could not note the current account for the command line", "error", err.Error())
	}
}
