package auth

import (
	"context"
	"fmt"
	"strings"

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
	Personal bool   // a personal Microsoft account, not a work or school one
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

// Accounts lists everyone signed in (in the cache), current or not.
func (s *Session) Accounts(ctx context.Context) ([]Account, error) {
	if s.app != nil {
		return nil, nil
	}
	accts, err := s.accounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("auth: list accounts: %w", err)
	}
	out := make([]Account, len(accts))
	for i, a := range accts {
		out[i] = accountFrom(a)
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

// SwitchAccount makes the signed-in account id current.
func (s *Session) SwitchAccount(ctx context.Context, id string) error {
	if s.app != nil {
		return ErrAppSession
	}
	a, err := s.findAccount(ctx, id)
	if err != nil {
		return err
	}
	s.setCurrent(a)
	return nil
}

// SignOut removes the account's tokens from the cache (and the keyring). If
// it was current, another signed-in account becomes current, if any; when
// none is left the stored cache is removed altogether.
func (s *Session) SignOut(ctx context.Context, id string) error {
	if s.app != nil {
		return ErrAppSession
	}
	a, err := s.findAccount(ctx, id)
	if err != nil {
		return err
	}
	if err := s.removeEvery(ctx, a.HomeAccountID); err != nil {
		return fmt.Errorf("auth: sign out: %w", err)
	}
	unsaved := s.cache.saved() // the removal written to the keyring, or not
	rest, err := s.accounts(ctx)
	if err != nil {
		return fmt.Errorf("auth: sign out: %w", err)
	}
	s.mu.Lock()
	if s.current == id {
		s.current, s.currentAcct = "", Account{}
		if len(rest) > 0 {
			s.current, s.currentAcct = rest[0].HomeAccountID, accountFrom(rest[0])
		}
	}
	s.mu.Unlock()
	if len(rest) == 0 {
		if err := s.cache.clear(ctx); err != nil {
			return fmt.Errorf("auth: sign out: remove saved tokens: %w", err)
		}
		return nil
	}
	if unsaved != nil {
		return fmt.Errorf("auth: sign out: signed out for this run, but %w", unsaved)
	}
	return nil
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
	s.mu.Lock()
	defer s.mu.Unlock()
	s.current, s.currentAcct = a.HomeAccountID, accountFrom(a)
}

// accounts is MSAL's accounts, one per home account id. MSAL keeps an
// account per authority host it signed in at, so the same person can be
// in the cache twice (the sandbox's host changes every run: issue 18 found
// its demo account listed once more on every launch); the one at this
// session's host wins, since only its tokens can be used.
func (s *Session) accounts(ctx context.Context) ([]public.Account, error) {
	all, err := s.pub.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	var out []public.Account
	at := make(map[string]int, len(all))
	for _, a := range all {
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

// removeEvery removes every cached account with home account id id, at
// any host, so signing out leaves no copy behind to be listed again.
func (s *Session) removeEvery(ctx context.Context, id string) error {
	all, err := s.pub.Accounts(ctx)
	if err != nil {
		return err
	}
	for _, a := range all {
		if a.HomeAccountID == id {
			if err := s.pub.RemoveAccount(ctx, a); err != nil {
				return err
			}
		}
	}
	return nil
}

// forgetStaleSandboxAccounts removes the accounts an earlier sandbox run
// left in the cache. A sandbox is new on every run, on a new port and with
// a new signing key, so their tokens can never be used again; kept, they
// would be listed beside this run's account (issue 18).
func (s *Session) forgetStaleSandboxAccounts(ctx context.Context) error {
	all, err := s.pub.Accounts(ctx)
	if err != nil {
		return fmt.Errorf("auth: read saved accounts: %w", err)
	}
	for _, a := range all {
		if s.atOurHost(a) {
			continue
		}
		if err := s.pub.RemoveAccount(ctx, a); err != nil {
			return fmt.Errorf("auth: forget an earlier sandbox run's account: %w", err)
		}
	}
	return nil
}
