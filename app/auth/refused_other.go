//go:build !windows

package auth

import (
	"errors"
	"syscall"
)

// connectionRefused reports a dial that nothing listened to.
func connectionRefused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }
