package auth

import (
	"context"
	"fmt"
	"strings"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// SignInOption adjusts an interactive sign-in.
type SignInOption func(*signInOptions)

type signInOptions struct {
	loginHint string
	scopes    []string
}

// WithScopes asks the sign-in for Graph permissions besides those wanted so
// far (consent to a new permission); they are wanted from then on only if
// the sign-in succeeds.
func WithScopes(perms ...string) SignInOption {
	return func(o *signInOptions) { o.scopes = append(o.scopes, perms...) }
}

// WithLoginHint pre-fills the sign-in page with a username, to add or
// re-authenticate a particular account. Spaces around it (pasted from a
// spreadsheet) are dropped: Entra ID would call the name unknown.
func WithLoginHint(username string) SignInOption {
	return func(o *signInOptions) { o.loginHint = strings.TrimSpace(username) }
}

// SignInInteractive signs a person in in the system browser: openURL opens
// the sign-in page (the window passes Fyne's OpenURL), Entra ID redirects to
// a localhost listener MSAL runs, and the new account becomes current. It
// asks for every scope wanted so far. A sign-out handed over being
// finished meanwhile (FinishSignOuts, ForgetSignedOut) is finished first.
func (s *Session) SignInInteractive(ctx context.Context, openURL func(string) error, opts ...SignInOption) (Account, error) {
	if s.app != nil {
		return Account{}, ErrAppSession
	}
	s.finishing.RLock() // see Session.finishing
	defer s.finishing.RUnlock()
	var o signInOptions
	for _, opt := range opts {
		opt(&o)
	}
	iopts := []public.AcquireInteractiveOption{public.WithOpenURL(openURL)}
	if o.loginHint != "" {
		iopts = append(iopts, public.WithLoginHint(o.loginHint))
	}
	res, err := s.pub.AcquireTokenInteractive(personSignIn(ctx), s.requestScopes(s.accountOfHint(ctx, o.loginHint), o.scopes...), iopts...)
	if err != nil {
		return Account{}, fmt.Errorf("auth: interactive sign-in: %w", err)
	}
	s.want(res.Account.HomeAccountID, o.scopes)
	s.forgotten(res.Account.HomeAccountID) // signed in again: no sign-out of it is left to finish
	s.setCurrent(res.Account)
	s.rememberCurrent(ctx, s.account(res.Account))
	return s.account(res.Account), nil
}

// SignInDeviceCode signs a person in with a code they enter on another
// device: show gets the code, the page to enter it at and Entra ID's message
// as soon as they are known, then SignInDeviceCode waits (until ctx ends)
// for the person to finish.
func (s *Session) SignInDeviceCode(ctx context.Context, show func(code, url, message string)) (Account, error) {
	if s.app != nil {
		return Account{}, ErrAppSession
	}
	s.finishing.RLock() // see Session.finishing
	defer s.finishing.RUnlock()
	dc, err := s.pub.AcquireTokenByDeviceCode(ctx, s.requestScopes(""))
	if err != nil {
		return Account{}, fmt.Errorf("auth: device code sign-in: %w", err)
	}
	show(dc.Result.UserCode, dc.Result.VerificationURL, dc.Result.Message)
	res, err := dc.AuthenticationResult(personSignIn(ctx))
	if err != nil {
		return Account{}, fmt.Errorf("auth: device code sign-in: %w", err)
	}
	s.forgotten(res.Account.HomeAccountID) // signed in again: no sign-out of it is left to finish
	s.setCurrent(res.Account)
	s.rememberCurrent(ctx, s.account(res.Account))
	return s.account(res.Account), nil
}

// accountOfHint is the id of the signed-in account whose name is hint (a
// consent for a permission it needs signs it in again), "" for anyone
// else: what it was given before is asked for again, and no other
// account's.
func (s *Session) accountOfHint(ctx context.Context, hint string) string {
	if hint == "" {
		return ""
	}
	accts, err := s.Accounts(ctx)
	if err != nil {
		return ""
	}
	for _, a := range accts {
		if strings.EqualFold(a.Username, hint) {
			return a.ID
		}
	}
	return ""
}
