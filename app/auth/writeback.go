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
// its home account id at one authority host (lower case).
type cachedAccount struct{ homeID, environment string }

// entryOwner is the account an entry of MSAL's serialized cache belongs
// to; false when the entry cannot be read.
func entryOwner(raw json.RawMessage) (cachedAccount, bool) {
	var it struct {
		HomeAccountID string `json:"home_account_id"`
		Environment   string `json:"environment"`
	}
	if json.Unmarshal(raw, &it) != nil {
		return cachedAccount{}, false
	}
	return cachedAccount{it.HomeAccountID, strings.ToLower(it.Environment)}, true
}

// changesElsewhereLocked is data, MSAL's cache about to be written, with
// the accounts another process signed in or out since this one last read
// or wrote the store: without those it signed out, with those it signed
// in. Within reloadAfter this process's copy knows neither, and a refresh
// written as it is put back an account signed out elsewhere, or dropped
// one signed in elsewhere. An account this process signed out itself is
// in what it last read, so it is not taken back. The store is read for
// it only when this process has read it before, and not while a read was
// just refused (a locked keyring prompts at each read). An account a
// person is signing in here (see personSignIn) is theirs to keep, and so
// is one signed in here while a closed session's late write may land;
// one signed out here then is not taken back (see latewrites.go).
func (pc *persistentCache) changesElsewhereLocked(ctx context.Context, data []byte) []byte {
	if len(pc.loaded) == 0 || pc.failedLately() {
		return data
	}
	stored, err := pc.store.Load(ctx)
	switch {
	case ctx.Err() != nil:
		// Cut off, not refused: the write fails on the same context, and
		// the keyring is read as ever afterwards (as Replace does).
		return data
	case err != nil && !errors.Is(err, keyringcache.ErrCorrupt):
		pc.failedAt = pc.now()
		return data
	case err != nil, bytes.Equal(stored, pc.last):
		return data // unreadable, or unchanged since: nobody signed in or out
	}
	before, now, ours := accountEntries(pc.last), accountEntries(stored), accountEntries(data)
	signingIn := ctx.Value(personSignInKey{}) != nil
	guarded := pc.guardNow()
	mine := accountEntries(guarded.mine)
	gone, added := map[cachedAccount]bool{}, map[cachedAccount]bool{}
	for a, was := range before {
		held, kept := ours[a]
		_, signedInHere := mine[a]
		if _, still := now[a]; still || !kept || (signingIn && held != was) || signedInHere {
			continue
		}
		gone[a] = true
	}
	for a := range now {
		_, known := before[a]
		_, held := ours[a]
		if !known && !held && !guarded.out[a] {
			added[a] = true
		}
	}
	if len(gone) == 0 && len(added) == 0 {
		return data
	}
	out, _ := withoutAccounts(data, func(homeID, environment string) bool {
		return gone[cachedAccount{homeID, environment}] // entryOwner lowered the host
	})
	out = withAccountsFrom(out, stored, added)
	pc.behind = true // MSAL's copy is not what was written: Replace reads the store next
	return out
}

// withAccountsFrom is data with the entries of the accounts add names
// copied from stored, another MSAL cache, and the app metadata of their
// hosts that data lacks (it holds the app's family id). data is returned
// as it was when either cannot be read.
func withAccountsFrom(data, stored []byte, add map[cachedAccount]bool) []byte {
	if len(add) == 0 {
		return data
	}
	top, from := map[string]json.RawMessage{}, map[string]json.RawMessage{}
	if (len(data) > 0 && json.Unmarshal(data, &top) != nil) || json.Unmarshal(stored, &from) != nil {
		return data
	}
	hosts := map[string]bool{}
	for a := range add {
		hosts[a.environment] = true
	}
	for _, kind := range append(slices.Clone(cacheSections), "AppMetadata") {
		var theirs, items map[string]json.RawMessage
		if len(from[kind]) == 0 {
			continue
		}
		if json.Unmarshal(from[kind], &theirs) != nil || (len(top[kind]) > 0 && json.Unmarshal(top[kind], &items) != nil) {
			return data
		}
		if items == nil {
			items = map[string]json.RawMessage{}
		}
		taken := false
		for key, raw := range theirs {
			owner, ok := entryOwner(raw)
			if !ok {
				return data
			}
			_, have := items[key]
			if (kind == "AppMetadata" && hosts[owner.environment] && !have) || add[owner] {
				items[key], taken = raw, true
			}
		}
		if !taken {
			continue
		}
		b, err := json.Marshal(items)
		if err != nil {
			return data
		}
		top[kind] = b
	}
	out, err := json.Marshal(top)
	if err != nil {
		return data
	}
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
			if a, ok := entryOwner(raw); ok {
				parts[a] = append(parts[a], kind+"\x00"+key+"\x00"+string(raw))
			}
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
