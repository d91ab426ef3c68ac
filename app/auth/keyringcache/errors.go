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
	return fmt.Errorf("%w: %s %q: %w", ErrUnavailable, op, user, err)
}

// corrupt wraps ErrCorrupt with what was found wrong.
func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
}
