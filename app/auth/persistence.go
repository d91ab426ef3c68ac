package auth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/cache"

	"github.com/photodesk/photodesk/app/auth/keyringcache"
)

// Persistence says where a session's tokens live, for the status bar and the
// CLI: in the keyring across runs, or in memory for this run only.
type Persistence struct {
	Keyring bool   // tokens are saved in the OS keyring
	Reason  string // why they are memory-only, when they are
	// Unread: the keyring could not be read at start, so the accounts it
	// may hold are unknown to this process (not merely unsaved): "nobody
	// is signed in" is then not known to be true.
	Unread bool
	// Cause is the keyring's own words for its failure (locked, no
	// Secret Service), never an entry's name or content; "" when it works.
	Cause string
}

// String is the sentence the UI and CLI show.
func (p Persistence) String() string {
	if p.Keyring {
		return "signed-in accounts are kept in the system keyring"
	}
	if p.Reason == "" {
		return "signed-in accounts are kept in memory only and forgotten when Photo Desk quits"
	}
	return "signed-in accounts are kept in memory only and forgotten when Photo Desk quits (" + p.Reason + ")"
}

// persistentCache adapts a CacheStore to MSAL's cache.ExportReplace. The
// store is read once per MSAL cache (this process's copy is authoritative
// afterwards, so a Graph call costs no keyring round trip) and written after
// every change. A keyring that cannot be read turns the session memory-only
// for good (writing would replace accounts it could not read); one that
// fails a write is written again at the next change, and the session is
// memory-only until a write works. A corrupt cache is discarded. None of
// this ever fails a sign-in; a sign-out that could not reach the keyring
// says so (unsaved).
type persistentCache struct {
	store CacheStore
	log   *slog.Logger

	mu sync.Mutex
	// loaded is when each MSAL cache was last read from the store; last
	// is what the store held then, or was written since.
	loaded   map[cache.Unmarshaler]time.Time
	last     []byte
	now      func() time.Time
	memory   string // why the session is memory-only; "" while the store works
	cause    string // the keyring's words for why, keyringcache.Reason
	readFail bool   // the store could not be read: never written either
	unsaved  error  // the last write's failure, until a write works
	pending  []byte // what that write was to store: this process's copy (see forget)
	// tenants are the tid claims of the id tokens in MSAL's cache as last
	// read or written, by idTokenKey (see directory.go): tenant ids only.
	tenants map[string]string
	// reread makes the next Replace read the store however fresh this
	// process's copy is (see rereadNext).
	reread bool
	// failedAt is when a read of a store read before last failed; zero
	// once one works (see failedLately).
	failedAt time.Time
	// behind: MSAL's copy is not what was last written, which left out
	// accounts signed out elsewhere or took in accounts signed in
	// elsewhere (changesElsewhereLocked); the next Replace reads the
	// store into it however fresh it is.
	behind bool
	// guarding: a session this one replaced may still have a keyring
	// write under way, which would land without what this one wrote
	// since (see latewrites.go); guard is what is kept from it, the
	// accounts a person signed in and out here meanwhile (or on a
	// session closed before that kept them: KeepAccounts). settling: the
	// closed sessions' calls have ended, and guarding ends with the next
	// write that works.
	guarding, settling bool
	guard              atomic.Pointer[guard]
	// closed: Settings re-opened the connection (Session.Close); no
	// keyring call starts any more.
	closed atomic.Bool
}

func newPersistentCache(store CacheStore, log *slog.Logger) *persistentCache {
	pc := &persistentCache{store: store, log: log, loaded: map[cache.Unmarshaler]time.Time{}, now: time.Now}
	if store == nil {
		pc.memory = "no keyring configured"
	}
	return pc
}

// reloadAfter is how long this process's copy of the cache is trusted
// before the store is read again: another process (the window, a command
// line) may have signed an account in or out meanwhile. A write within
// it takes that change in all the same (changesElsewhereLocked).
const reloadAfter = time.Minute

// Replace loads the stored cache into MSAL's: the first time, and again
// when the store changed since, at most once every reloadAfter.
func (pc *persistentCache) Replace(ctx context.Context, u cache.Unmarshaler, _ cache.ReplaceHints) error {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if !pc.writableLocked() {
		return nil
	}
	at, seen := pc.loaded[u]
	if seen && ((pc.now().Sub(at) < reloadAfter && !pc.reread && !pc.behind) || pc.unsaved != nil || pc.failedLately()) {
		return nil // fresh enough, holding what the keyring has not taken yet, or just refused
	}
	pc.reread = false
	data, err := pc.store.Load(ctx)
	if err == nil && pc.guarding {
		pc.landedLocked(data)
		data = pc.guardedLocked(data) // a closed session's late write may have dropped or brought them back
	}
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, keyringcache.ErrCorrupt):
		pc.discard(ctx, err)
	case err != nil && seen:
		pc.failedAt = pc.now()
		return nil // read before: keep this copy, look again later
	case err != nil:
		pc.readFail = true
		pc.goMemoryOnly("the keyring cannot be read", err)
		return nil
	case seen && bytes.Equal(data, pc.last) && !pc.behind:
		// unchanged since this process read or wrote it
	case len(data) > 0:
		if err := u.Unmarshal(data); err != nil {
			pc.discard(ctx, err)
		} else {
			pc.tenants = idTokenTenants(data)
		}
	case seen:
		_ = u.Unmarshal([]byte("{}")) // emptied elsewhere: the last account signed out
		pc.tenants = nil
	}
	pc.loaded[u], pc.last, pc.failedAt, pc.behind = pc.now(), data, time.Time{}, false
	return nil
}

// failedLately reports a read of a store this process has read before
// that failed within reloadAfter: not even a reread asks again so soon. A
// keyring locked after start answers a read with the desktop's unlock
// prompt, and the window rereads whenever it comes to the front — the
// prompt would be back each time it was dismissed.
func (pc *persistentCache) failedLately() bool {
	return !pc.failedAt.IsZero() && pc.now().Sub(pc.failedAt) < reloadAfter
}

// rereadNext makes the next Replace read the store even within
// reloadAfter: listing the accounts for a person to pick from, or
// switching to one, must see an account another process (the command
// line, a second window) signed out a moment ago, not offer it from this
// process's copy. A copy holding what the keyring has not taken yet is
// kept all the same.
func (pc *persistentCache) rereadNext() {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	pc.reread = true
}

// Export saves MSAL's cache after a change.
func (pc *persistentCache) Export(ctx context.Context, m cache.Marshaler, _ cache.ExportHints) error {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	data, err := m.Marshal()
	if err != nil {
		return err
	}
	// Noted kept or not: an account signed in for this run only has a
	// tenant too.
	pc.tenants = idTokenTenants(data)
	if !pc.writableLocked() {
		return nil
	}
	data = pruneAppMetadata(data)
	pc.noteMineLocked(ctx, data)
	data = pc.changesElsewhereLocked(ctx, data)
	err = pc.store.Save(ctx, data)
	pc.wroteLocked(err)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		pc.unsaved, pc.pending = err, data
		pc.goMemoryOnly("the keyring cannot be written", err)
		return nil
	}
	pc.unsaved, pc.pending, pc.memory, pc.cause, pc.last = nil, nil, "", "", data // written again: the keyring works
	if pc.settling {
		pc.endGuardLocked() // what was signed in here is in the keyring, after the closed sessions' last call
	}
	return nil
}

// tenantOf is the tid claim of the id token idTokenKey key names, "" if
// MSAL's cache holds none.
func (pc *persistentCache) tenantOf(key string) string {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return pc.tenants[key]
}

// clear removes the stored cache, when the last account signs out.
func (pc *persistentCache) clear(ctx context.Context) error {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if !pc.writableLocked() {
		return pc.notUpdatedLocked()
	}
	if err := pc.store.Clear(ctx); err != nil {
		return err
	}
	pc.last = nil
	return nil
}

// ErrKeyringNotUpdated: a sign-out took effect for this run, but the
// keyring could not be updated, so it may still hold the account's tokens
// (and sign it in at the next start).
var ErrKeyringNotUpdated = errors.New("the system keyring could not be updated, so it may still hold the account's sign-in")

// saved reports whether the last change reached the keyring, for a
// sign-out, which must not claim tokens are gone while they are not.
func (pc *persistentCache) saved() error {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return pc.notUpdatedLocked()
}

// writableLocked reports whether this process may write the keyring: there
// is one, it could be read (else writing would replace accounts this
// process never saw), and the session is not closed.
func (pc *persistentCache) writableLocked() bool {
	return pc.store != nil && !pc.readFail && !pc.closed.Load()
}

// close makes the cache memory-only for good, as Settings re-open the
// connection: no keyring call starts after it. The channel it returns
// closes once the one under way, if any, has ended; every keyring call
// is made holding mu.
func (pc *persistentCache) close() <-chan struct{} {
	pc.closed.Store(true)
	ended := make(chan struct{})
	go func() {
		pc.mu.Lock()
		close(ended)
		pc.mu.Unlock()
	}()
	return ended
}

// notUpdatedLocked is why the keyring does not hold what this process
// holds, nil when it does or there is no keyring.
func (pc *persistentCache) notUpdatedLocked() error {
	switch {
	case pc.store == nil:
		return nil
	case pc.readFail, pc.closed.Load():
		return ErrKeyringNotUpdated
	case pc.unsaved != nil:
		return fmt.Errorf("%w: %w", ErrKeyringNotUpdated, pc.unsaved)
	}
	return nil
}

func (pc *persistentCache) persistence() Persistence {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return Persistence{Keyring: pc.memory == "", Reason: pc.memory, Unread: pc.readFail, Cause: pc.cause}
}

// discard drops a cache that cannot be trusted; its accounts sign in again.
func (pc *persistentCache) discard(ctx context.Context, cause error) {
	pc.log.Warn("the saved sign-in could not be read and was discarded; sign in again", "error", cause.Error())
	if err := pc.store.Clear(ctx); err != nil {
		pc.goMemoryOnly("the keyring cannot be cleared", err)
	}
}

func (pc *persistentCache) goMemoryOnly(why string, cause error) {
	pc.memory, pc.cause = why, keyringcache.Reason(cause)
	pc.log.Warn("keyring unavailable: tokens are kept in memory for this session only", "reason", why, "error", cause.Error())
}
