package keyringcache

import (
	"errors"

	"github.com/zalando/go-keyring"
)

// Backend is the slice of a keyring the store needs. It matches go-keyring's
// package functions so the real keyring plugs in directly, and tests can
// inject failures at any step. Get and Delete must return an error satisfying
// errors.Is(err, keyring.ErrNotFound) for a missing entry; any other error
// is taken to mean the keyring is unavailable.
type Backend interface {
	Get(service, user string) (string, error)
	Set(service, user, pass string) error
	Delete(service, user string) error
}

// systemKeyring is the default Backend: go-keyring, guarded so that it never
// makes godbus start a stray dbus-daemon when no session bus exists.
type systemKeyring struct{}

// errNoSessionBus is returned instead of letting godbus run dbus-launch,
// which would leave a daemon behind and still find no Secret Service.
var errNoSessionBus = errors.New("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset)")

func (systemKeyring) Get(service, user string) (string, error) {
	if !sessionBusAvailable() {
		return "", errNoSessionBus
	}
	return keyring.Get(service, user)
}

func (systemKeyring) Set(service, user, pass string) error {
	if !sessionBusAvailable() {
		return errNoSessionBus
	}
	return keyring.Set(service, user, pass)
}

func (systemKeyring) Delete(service, user string) error {
	if !sessionBusAvailable() {
		return errNoSessionBus
	}
	return keyring.Delete(service, user)
}
