package keyringcache

import (
	"errors"
	"fmt"
)

// ErrUnavailable marks a keyring that is missing, locked or broken (for
// example headless Linux without a Secret Service). Callers treat it as "keep
// tokens in memory for this session" and tell the user so, rather than as a
// failed sign-in.
var ErrUnavailable = errors.New("keyring unavailable")

// ErrCorrupt marks a stored cache that cannot be trusted: a chunk is missing
// or altered, or the index is unreadable. The caller discards it (Clear) and
// signs in afresh; it is never handed to MSAL.
var ErrCorrupt = errors.New("keyring token cache corrupt")

// IsUnavailable reports whether err means the keyring cannot be used at all,
// so callers need not import errors just to branch on it.
func IsUnavailable(err error) bool {
	return errors.Is(err, ErrUnavailable)
}

// unavailable wraps a backend failure so that both ErrUnavailable and the
// backend's own error (say keyring.ErrSetDataTooBig) stay visible to errors.Is.
func unavailable(op, user string, err error) error {
	return &unavailableError{op: op, user: user, err: err}
}

// unavailableError is a failed keyring call: which, on which entry, and
// what the backend said.
type unavailableError struct {
	op, user string
	err      error
}

func (e *unavailableError) Error() string {
	return fmt.Sprintf("%v: %s %q: %v", ErrUnavailable, e.op, e.user, e.err)
}

func (e *unavailableError) Unwrap() []error { return []error{ErrUnavailable, e.err} }

// Reason is what the keyring's backend said when err wraps ErrUnavailable
// ("dbus: invalid bus address", "failed to unlock correct collection …"),
// without the entry's name, for a message telling a person why; "" for
// any other error.
func Reason(err error) string {
	var u *unavailableError
	if !errors.As(err, &u) {
		return ""
	}
	return u.err.Error()
}

// corrupt wraps ErrCorrupt with what was found wrong.
func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
}
