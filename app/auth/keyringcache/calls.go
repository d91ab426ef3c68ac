package keyringcache

import (
	"context"
	"errors"
	"fmt"

	"github.com/zalando/go-keyring"
)

// get reads one entry; a missing one is found == false, not an error.
func (s *Store) get(ctx context.Context, user string) (value string, found bool, err error) {
	value, err = s.backendCall(ctx, "get", user, func() (string, error) {
		return s.backend.Get(s.service, user)
	})
	if errors.Is(err, keyring.ErrNotFound) {
		return "", false, nil
	}
	return value, err == nil, err
}

// set writes one entry.
func (s *Store) set(ctx context.Context, user, value string) error {
	_, err := s.backendCall(ctx, "set", user, func() (string, error) {
		return "", s.backend.Set(s.service, user, value)
	})
	return err
}

// del removes one entry; one that is already gone is fine.
func (s *Store) del(ctx context.Context, user string) error {
	_, err := s.backendCall(ctx, "delete", user, func() (string, error) {
		return "", s.backend.Delete(s.service, user)
	})
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return err
}

// backendCall runs one keyring call unless ctx is already done, and turns
// every failure other than "not found" into ErrUnavailable. go-keyring takes
// no context, so a call in flight cannot be interrupted.
func (s *Store) backendCall(ctx context.Context, op, user string, call func() (string, error)) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("keyring %s %q: %w", op, user, err)
	}
	value, err := callRecovered(call)
	switch {
	case err == nil:
		return value, nil
	case errors.Is(err, keyring.ErrNotFound):
		return "", err
	default:
		return "", unavailable(op, user, err)
	}
}

// errBackendPanicked is a keyring call that panicked instead of failing.
var errBackendPanicked = errors.New("the keyring library failed")

// callRecovered runs call and turns a panic in it into an error. go-keyring
// v0.2.8 panics (a nil D-Bus signal in its handlePrompt) when the session
// bus closes while the desktop's unlock prompt is waiting: that is the
// keyring being unavailable, and must not take the window, and the work
// open in it, down. Only the keyring call is covered, nothing of ours.
func callRecovered(call func() (string, error)) (value string, err error) {
	defer func() {
		if r := recover(); r != nil {
			value, err = "", fmt.Errorf("%w: %v", errBackendPanicked, r)
		}
	}()
	return call()
}
