//go:build !((dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd)

package keyringcache

// sessionBusAvailable is always true where go-keyring does not use D-Bus
// (Windows Credential Manager, the macOS Keychain).
func sessionBusAvailable() bool { return true }
