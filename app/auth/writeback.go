package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/photodesk/photodesk/app/auth/keyringcache"
)

// cachedAccount names an account's entries in MSAL's serialized cache:
// its home account id at one authority host.
type cachedAccount struct{ homeID, environment string }

// signOutsElsewhereLocked is data, MSAL's cache about to be written,
// without the accounts another process signed out since this one last
// read or wrote the store. Within reloadAfter this process's copy still
// holds them, and a refresh written as it is put them back in the
// keyring. The store is read for it only when this process has read
// something before, and not while a read was just refused (a locked
// keyring prompts at each read). An account a person is signing in here
// (see personSignIn) is theirs to keep.
func (pc *persistentCache) signOutsElsewhereLocked(ctx context.Context, data []byte) []byte {
	if len(pc.last) == 0 || pc.failedLately() {
		return data
	}
	stored, err := pc.store.Load(ctx)
	switch {
	case err != nil && !errors.Is(err, keyringcache.ErrCorrupt):
		pc.failedAt = pc.now()
		return data
	case err != nil, bytes.Equal(stored, pc.last):
		return data // unreadable, or unchanged since: nobody signed out
	}
	before, now, ours := accountEntries(pc.last), accountEntries(stored), accountEntries(data)
	signingIn := ctx.Value(personSignInKey{}) != nil
	gone := map[cachedAccount]bool{}
	for a, was := range before {
		held, kept := ours[a]
		if _, still := now[a]; still || !kept || (signingIn && held != was) {
			continue
		}
		gone[a] = true
	}
	if len(gone) == 0 {
		return data
	}
	out, _ := withoutAccounts(data, func(homeID, environment string) bool {
		return gone[cachedAccount{homeID, strings.ToLower(environment)}]
	})
	pc.behind = true // MSAL's copy still holds them: Replace reads the store next
	return out
}

// accountEntries are the accounts of a serialized MSAL cache, each with
// its entries as one string, to tell whether a write changed them.
func accountEntries(data []byte) map[cachedAccount]string {
	var top map[string]map[string]json.RawMessage
	if len(data) == 0 || json.Unmarshal(data, &top) != nil {
		return nil
	}
	parts := map[cachedAccount][]string{}
	for _, kind := range cacheSections {
		for key, raw := range top[kind] {
			var it struct {
				HomeAccountID string `json:"home_account_id"`
				Environment   string `json:"environment"`
			}
			if json.Unmarshal(raw, &it) != nil {
				continue
			}
			a := cachedAccount{it.HomeAccountID, strings.ToLower(it.Environment)}
			parts[a] = append(parts[a], kind+"\x00"+key+"\x00"+string(raw))
		}
	}
	out := make(map[cachedAccount]string, len(parts))
	for a, p := range parts {
		slices.Sort(p)
		out[a] = strings.Join(p, "\x00")
	}
	return out
}

// personSignInKey marks the context of a person's sign-in (interactive or
// by device code): the account it writes is theirs, even one another
// process signed out a moment ago.
type personSignInKey struct{}

func personSignIn(ctx context.Context) context.Context {
	return context.WithValue(ctx, personSignInKey{}, true)
}
