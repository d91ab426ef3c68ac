//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keyringcache

import (
	"slices"
	"testing"
)

func TestSessionBusKnown(t *testing.T) {
	tests := []struct {
		name  string
		env   string
		files []string
		want  bool
	}{
		{"address set", "unix:path=/tmp/bus", nil, true},
		{"nothing", "", nil, false},
		{"autolaunch only", "autolaunch:", nil, false},
		{"runtime bus socket", "", []string{"/run/user/1000/bus"}, true},
		{"dbus-session file", "", []string{"/run/user/1000/dbus-session"}, true},
		{"another user's bus", "", []string{"/run/user/0/bus"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string {
				if k == "DBUS_SESSION_BUS_ADDRESS" {
					return tt.env
				}
				return ""
			}
			exists := func(p string) bool { return slices.Contains(tt.files, p) }
			if got := sessionBusKnown(getenv, exists, 1000); got != tt.want {
				t.Fatalf("sessionBusKnown = %v, want %v", got, tt.want)
			}
		})
	}
}
