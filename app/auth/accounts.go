package auth

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// consumerTenantID is the tenant Entra ID signs personal Microsoft accounts
// in to; Graph treats them differently (no photo metadata).
const consumerTenantID = "9188040d-6c67-4c5b-b112-36a304b66dad"

// Account is a signed-in person, as the account switcher shows them.
type Account struct {
	ID       string // stable id across runs (MSAL's home account id)
	Username string // the UPN or email they signed in with
	TenantID string // their home tenant
	// DirectoryID is the directory id of the tenant signed in to, as its
	// tokens' tid claim names it (lower case): the GUID even when Settings
	// name the tenant by a domain, and a guest's resource tenant rather
	// than TenantID. "" when MSAL's cache holds no id token of it.
	DirectoryID string
	Personal    bool // a personal Microsoft account, not a work or school one
}

func accountFrom(a public.Account) Account {
	_, tenant, _ := strings.Cut(a.HomeAccountID, ".")
	return Account{
		ID:       a.HomeAccountID,
		Username: a.PreferredUsername,
		TenantID: tenant,
		Personal: strings.EqualFold(tenant, consumerTenantID),
	}
}

// Accounts lists everyone signed in (in the cache), current or not, as the
// keyring has them now: read again, so that an account signed out by
// another process is not offered (see persistentCache.rereadNext).
func (s *Session) Accounts(ctx context.Context) ([]Account, error) {
	if s.app != nil {
		return nil, nil
	}
	s.cache.rereadNext()
	accts, err := s.accounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("auth: list accounts: %w", err)
	}
	out := make([]Account, len(accts))
	for i, a := range accts {
		out[i] = s.account(a)
	}
	return out, nil
}

// Current is the account tokens are for, and false when nobody is signed in.
func (s *Session) Current() (Account, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current == "" {
		return Account{}, false
	}
	return s.currentAcct, true
}

// SwitchAccount makes the signed-in account id current. An account
// another process signed out meanwhile is ErrNoSuchAccount, even within
// the minute this process otherwise trusts its copy of the keyring: its
// tokens were to be gone, and using them would write them back.
func (s *Session) SwitchAccount(ctx context.Context, id string) error {
	if s.app != nil {
		return ErrAppSession
	}
	s.cache.rereadNext()
	a, err := s.findAccount(ctx, id)
	if err != nil {
		return err
	}
	s.setCurrent(a)
	s.rememberCurrent(ctx, s.account(a))
	return nil
}

// SignOut removes the account's tokens from the cache (and the keyring). If
// it was current, another signed-in account becomes current, if any; when
// no account at all is left (another live sandbox's counts) the stored
// cache is removed altogether.
//
// A sign-out the keyring could not record (ErrKeyringNotUpdated) leaves
// the account Unforgotten, for ForgetSignedOut to finish in this run.
func (s *Session) SignOut(ctx context.Context, id string) error {
	if s.app != nil {
		return ErrAppSession
	}
	// Running before the first keyring call, which may be a locked
	// keyring's unlock prompt: a session replacing this one meanwhile
	// must know the account is on its way out.
	s.SigningOut(id)
	a, err := s.findAccount(ctx, id)
	if err != nil {
		s.ran(id)
		return err
	}
	err = s.signOut(ctx, a)
	s.noteSignOut(UnfinishedSignOut{Account: accountFrom(a), cloud: s.cloud}, err)
	return err
}

// SigningOut marks the sign-out of id as running from now, for a caller
// that calls SignOut in the background: a session replacing this one
// before it begins takes it over all the same (UnfinishedSignOuts).
// SignOut must follow; it ends the mark.
func (s *Session) SigningOut(id string) {
	if s.app != nil {
		return // SignOut refuses: nobody to sign out
	}
	s.running(UnfinishedSignOut{Account: s.knownAccount(id), cloud: s.cloud})
}

// signOut is SignOut of the cached account a.
func (s *Session) signOut(ctx context.Context, a public.Account) error {
	id := a.HomeAccountID
	if err := s.removeEvery(ctx, a.HomeAccountID); err != nil {
		return fmt.Errorf("auth: sign out: %w", err)
	}
	unsaved := s.cache.saved() // the removal written to the keyring, or not
	rest, err := s.accounts(ctx)
	if err != nil {
		return fmt.Errorf("auth: sign out: %w", err)
	}
	var next Account
	if len(rest) > 0 {
		next = s.account(rest[0])
	}
	s.mu.Lock()
	wasCurrent := s.current == id
	if wasCurrent {
		s.current, s.currentAcct = next.ID, next
	}
	now := s.currentAcct
	s.mu.Unlock()
	if wasCurrent {
		s.rememberCurrent(ctx, now)
	}
	if len(rest) == 0 && s.cloud.Kind == Sandbox {
		// What a command line's sandbox left since this one started
		// would keep the entry alive after the last sign-out.
		_ = s.forgetStaleSandboxAccounts(ctx)
	}
	if len(rest) == 0 && s.cacheEmpty(ctx) {
		if err := s.cache.clear(ctx); err != nil {
			if errors.Is(err, ErrKeyringNotUpdated) {
				return fmt.Errorf("auth: sign out: signed out for this run, but %w", err)
			}
			// Out of this run's cache all the same: what failed is the
			// keyring, which may still hold the sign-in.
			return fmt.Errorf("auth: sign out: signed out for this run, but %w: %w", ErrKeyringNotUpdated, err)
		}
		return nil
	}
	if unsaved != nil {
		return fmt.Errorf("auth: sign out: signed out for this run, but %w", unsaved)
	}
	return nil
}

// cacheEmpty reports whether MSAL's cache holds no account at all, so the
// stored cache may go: on the sandbox another live process's accounts may
// be in it while none of this session's is.
func (s *Session) cacheEmpty(ctx context.Context) bool {
	all, err := s.pub.Accounts(ctx)
	return err == nil && len(all) == 0
}

// findAccount is the MSAL account with home account id id.
func (s *Session) findAccount(ctx context.Context, id string) (public.Account, error) {
	accts, err := s.accounts(ctx)
	if err != nil {
		return public.Account{}, fmt.Errorf("auth: list accounts: %w", err)
	}
	for _, a := range accts {
		if a.HomeAccountID == id {
			return a, nil
		}
	}
	return public.Account{}, fmt.Errorf("auth: %w: %q", ErrNoSuchAccount, id)
}

func (s *Session) setCurrent(a public.Account) {
	acct := s.account(a)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.current, s.currentAcct = a.HomeAccountID, acct
}

// accounts is MSAL's accounts, one per home account id. MSAL keeps an
// account per authority host it signed in at, so the same person can be
// in the cache twice (the sandbox's host changes every run: issue 18 found
// its demo account listed once more on every launch); the one at this
// session's host wins, since only its tokens can be used. On the sandbox
// only this session's host counts (ours): another host is another
// process's sandbox, a window or a command line running beside this one,
// whose tokens this sandbox never issued. An account whose sign-out an
// earlier session handed over is left out until it is finished
// (DeferSignOuts).
func (s *Session) accounts(ctx context.Context) ([]public.Account, error) {
	all, err := s.cachedAccounts(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.DeleteFunc(all, func(a public.Account) bool { return s.deferredLocked(a) }), nil
}

// cachedAccounts is accounts with those whose sign-out was handed over
// to this session (DeferSignOuts) too.
func (s *Session) cachedAccounts(ctx context.Context) ([]public.Account, error) {
	all, err := s.pub.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	var out []public.Account
	at := make(map[string]int, len(all))
	for _, a := range all {
		if !s.ours(a) {
			continue
		}
		i, seen := at[a.HomeAccountID]
		switch {
		case !seen:
			at[a.HomeAccountID] = len(out)
			out = append(out, a)
		case s.atOurHost(a) && !s.atOurHost(out[i]):
			out[i] = a
		}
	}
	return out, nil
}

// atOurHost says a cached account was signed in at this session's
// authority host.
func (s *Session) atOurHost(a public.Account) bool {
	return strings.EqualFold(a.Environment, s.cloud.AuthorityHost)
}

// ours says a cached account belongs to this session: any of a Microsoft
// 365 cloud's (the keyring entry is the tenant's and app's), only this
// sandbox's on the sandbox, where every process runs a sandbox of its own.
func (s *Session) ours(a public.Account) bool {
	return s.cloud.Kind != Sandbox || s.atOurHost(a)
}

// removeEvery removes every cached account of this session with home
// account id id, at any host, so signing out leaves no copy behind to be
// listed again. Another live sandbox's copy stays: it is that process's
// sign-in, not this one's.
func (s *Session) removeEvery(ctx context.Context, id string) error {
	all, err := s.pub.Accounts(ctx)
	if err != nil {
		return err
	}
	for _, a := range all {
		if a.HomeAccountID == id && s.ours(a) {
			if err := s.pub.RemoveAccount(ctx, a); err != nil {
				return err
			}
		}
	}
	return nil
}

// forgetStaleSandboxAccounts removes the accounts an earlier sandbox run
// left in the cache. A sandbox is new on every run, on a new port and with
// a new signing key id, so their tokens can never be used again; kept, they
// would pile up in the keyring (issue 18). Stale means its sandbox is gone:
// nothing listens at its port any more. The window and command lines share
// the keyring entry, each with a sandbox of its own, so an account at a
// port that still answers is another live process's and is left alone (a
// command line once signed the window's extra accounts out this way).
func (s *Session) forgetStaleSandboxAccounts(ctx context.Context) error {
	all, err := s.pub.Accounts(ctx)
	if err != nil {
		return fmt.Errorf("auth: read saved accounts: %w", err)
	}
	live := map[string]bool{}
	for _, a := range all {
		if s.atOurHost(a) {
			continue
		}
		host := strings.ToLower(a.Environment)
		alive, probed := live[host]
		if !probed {
			alive = sandboxRunning(ctx, host)
			live[host] = alive
		}
		if alive {
			continue
		}
		if err := s.pub.RemoveAccount(ctx, a); err != nil {
			return fmt.Errorf("auth: forget an earlier sandbox run's account: %w", err)
		}
	}
	return nil
}

// sandboxProbeTimeout bounds the look at another sandbox's port; on
// loopback a refusal is immediate, so only a wedged process waits it out.
const sandboxProbeTimeout = 500 * time.Millisecond

// sandboxRunning reports whether a sandbox may still be serving at host
// (host:port on loopback): something accepts connections there. A port
// taken over by another program keeps the accounts one run longer, which
// is harmless; a host that is not loopback is no sandbox's.
func sandboxRunning(ctx context.Context, host string) bool {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		return false
	}
	if ip := net.ParseIP(h); (ip == nil || !ip.IsLoopback()) && h != "localhost" {
		return false
	}
	// A TLS handshake, not a bare connection, so the other sandbox logs
	// no "TLS handshake error" for each process that looks. Its CA is
	// that process's own and cannot be verified here; nothing is sent.
	d := tls.Dialer{
		NetDialer: &net.Dialer{Timeout: sandboxProbeTimeout},
		Config:    &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS12}, //nolint:gosec // a liveness probe: no data is sent
	}
	conn, err := d.DialContext(ctx, "tcp", host)
	if err != nil {
		// Only a refused connection says nothing listens there any more.
		// Anything else — a handshake that failed, a dial that timed out
		// because a busy sandbox did not accept in time — may be a live
		// sandbox, whose accounts must not be forgotten.
		return !connectionRefused(err)
	}
	_ = conn.Close()
	return true
}
