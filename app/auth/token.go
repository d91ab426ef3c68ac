package auth

import (
	"context"
	"fmt"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// Token returns an access token for Graph for the current account (or the
// application), from MSAL's cache or, when that one is about to expire,
// refreshed silently. It is graphapi.TokenSource's method, called before
// every Graph request. ErrSignInRequired means silent refresh is impossible;
// ErrSignInUnavailable that the sign-in service could not be reached now.
func (s *Session) Token(ctx context.Context) (string, error) {
	if s.app != nil {
		return s.appToken(ctx)
	}
	res, err := s.silent(ctx)
	if err != nil {
		return "", err
	}
	return res.AccessToken, nil
}

// TokenFor is Token for the signed-in account id, whichever account is
// current: a job started under one account keeps that account's tokens
// after someone switches to another, and fails with ErrSignInRequired once
// the account is signed out, rather than borrowing the new account's. An
// application session has no accounts: id is ignored.
func (s *Session) TokenFor(ctx context.Context, id string) (string, error) {
	if s.app != nil {
		return s.appToken(ctx)
	}
	res, err := s.silentFor(ctx, id)
	if err != nil {
		return "", err
	}
	return res.AccessToken, nil
}

// EnsureScopes gets a token with Graph permissions besides those wanted so
// far (e.g. Group.Read.All when the user first opens groups) and, once it
// has one, adds them to what the session asks for. If that needs the
// person (consent, or nobody signed in), the error wraps ErrSignInRequired
// (ErrSignInUnavailable when the sign-in service could not be reached)
// and the wanted set is left as it was, so a permission that was refused
// never breaks the reads that worked without it; a sign-in WithScopes asks
// for it then. Application sessions have fixed permissions: a no-op.
func (s *Session) EnsureScopes(ctx context.Context, perms ...string) error {
	s.mu.Lock()
	id := s.current
	s.mu.Unlock()
	return s.EnsureScopesFor(ctx, id, perms...)
}

// EnsureScopesFor is EnsureScopes for signed-in account id, whoever is
// current: a Conn asks for its own account.
func (s *Session) EnsureScopesFor(ctx context.Context, id string, perms ...string) error {
	if s.app != nil {
		return nil
	}
	if _, err := s.silentWith(ctx, id, perms); err != nil {
		return err
	}
	s.want(id, perms)
	return nil
}

// silent gets a token for the wanted scopes without the person.
func (s *Session) silent(ctx context.Context) (public.AuthResult, error) {
	s.mu.Lock()
	id := s.current
	s.mu.Unlock()
	return s.silentFor(ctx, id)
}

// silentFor is silent for the signed-in account id.
func (s *Session) silentFor(ctx context.Context, id string) (public.AuthResult, error) {
	return s.silentWith(ctx, id, nil)
}

// silentWith is silentFor asking for extra permissions too.
func (s *Session) silentWith(ctx context.Context, id string, extra []string) (public.AuthResult, error) {
	if id == "" {
		return public.AuthResult{}, fmt.Errorf("auth: %w: nobody is signed in", ErrSignInRequired)
	}
	acct, err := s.findAccount(ctx, id)
	if err != nil {
		return public.AuthResult{}, fmt.Errorf("auth: %w: %w", ErrSignInRequired, err)
	}
	res, err := s.pub.AcquireTokenSilent(ctx, s.requestScopes(id, extra...), public.WithSilentAccount(acct))
	if err != nil {
		if ctx.Err() != nil {
			return public.AuthResult{}, ctx.Err()
		}
		if uerr := unavailableError("", err); uerr != nil {
			// Not a sign-in to renew: the account and its tokens
			// stay, and the next request tries again.
			return public.AuthResult{}, uerr
		}
		return public.AuthResult{}, fmt.Errorf("auth: %w: %w", ErrSignInRequired, err)
	}
	return res, nil
}
