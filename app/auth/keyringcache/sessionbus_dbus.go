//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keyringcache

import (
	"fmt"
	"os"
	"path/filepath"
)

// sessionBusAvailable reports whether godbus can find a session bus without
// autolaunching one. It mirrors godbus's own discovery (the environment
// variable, then /run/user/<uid>/bus and /run/user/<uid>/dbus-session).
func sessionBusAvailable() bool {
	return sessionBusKnown(os.Getenv, fileExists, os.Getuid())
}

func sessionBusKnown(getenv func(string) string, exists func(string) bool, uid int) bool {
	if addr := getenv("DBUS_SESSION_BUS_ADDRESS"); addr != "" && addr != "autolaunch:" {
		return true
	}
	dir := fmt.Sprintf("/run/user/%d", uid)
	return exists(filepath.Join(dir, "bus")) || exists(filepath.Join(dir, "dbus-session"))
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
