package auth

import (
	"errors"
	"strings"
)

// Errors callers branch on; the UI turns them into words.
var (
	// ErrSignInRequired means no account can get a token silently: nobody is
	// signed in, the account was removed, or the sign-in service answered
	// that its refresh token no longer works (expired, revoked, MFA, or
	// consent to a new scope needed). Sign in interactively.
	ErrSignInRequired = errors.New("sign-in required")
	// ErrSignInUnavailable means no token could be had because the
	// sign-in service could not be reached (offline, DNS, refused, TLS,
	// a proxy, a timeout, a connection cut mid-answer), answered that it
	// is down or busy (5xx, 429, temporarily_unavailable), or something
	// else answered in its place (ErrForeignAnswer). Not
	// ErrSignInRequired: the account and its cached tokens are kept, and
	// the next request tries again once the network is back. An
	// application session's token fails with it too.
	ErrSignInUnavailable = errors.New("sign-in service unavailable")
	// ErrNoSuchAccount means an account id is not among the signed-in ones.
	ErrNoSuchAccount = errors.New("no such signed-in account")
	// ErrAppSession means a user operation (sign-in, switching accounts) was
	// asked of a session that signs in as an application.
	ErrAppSession = errors.New("the session signs in as an application, not as a person")
	// ErrStillSignedIn means a sign-out to finish was of an account that
	// is signed in (again, or elsewhere, or read back from the keyring by
	// a session that never heard of the sign-out): nothing was removed,
	// and the keyring holds it. Signing it out is a new sign-out.
	ErrStillSignedIn = errors.New("the account is signed in, so its sign-in was left in the keyring")
)

// IsConsentRequired reports a silent token request refused because a
// permission it named was never consented to (Entra ID's AADSTS65001,
// consent_required), as opposed to a sign-in that expired or was revoked:
// the tenant's answer about that permission, not about the person.
func IsConsentRequired(err error) bool {
	if err == nil || !errors.Is(err, ErrSignInRequired) {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "AADSTS65001") || strings.Contains(msg, "consent_required")
}
