package auth

import (
	"errors"
	"syscall"

	"golang.org/x/sys/windows"
)

// connectionRefused reports a dial that nothing listened to: Winsock's
// WSAECONNREFUSED, which is not syscall.ECONNREFUSED there.
func connectionRefused(err error) bool {
	return errors.Is(err, windows.WSAECONNREFUSED) || errors.Is(err, syscall.ECONNREFUSED)
}
