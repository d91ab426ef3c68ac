// Package localefix keeps Fyne from logging "Error parsing user locale C"
// on every start where the locale is C or POSIX (containers, CI, cron,
// ssh sessions): Fyne's lang package reads the locale in its init and logs
// that error, before main can do anything. Imported first by main, this
// package's init runs earlier (it depends on nothing but os and strings, and
// Go initialises a ready package with a smaller import path than
// golang.org/x/text first) and, only for the C/POSIX locale, hides the
// message variables from that one lookup, restoring them straight after
// Fyne has read them.
package localefix

import (
	"os"
	"strings"
)

// vars are the variables go-locale reads, in its order.
var vars = [...]string{"LC_ALL", "LC_MESSAGES", "LANG"}

// saved holds what was unset, for Restore.
var saved = map[string]string{}

func init() {
	for _, v := range vars {
		val, ok := os.LookupEnv(v)
		if !ok || val == "" {
			continue
		}
		if !isCLocale(val) {
			return // a real locale decides; nothing to hide
		}
		saved[v] = val
		os.Unsetenv(v)
	}
}

// isCLocale reports whether val names the C/POSIX locale, with or without
// a codeset ("C.UTF-8").
func isCLocale(val string) bool {
	base, _, _ := strings.Cut(val, ".")
	return base == "C" || base == "POSIX"
}

// Restore puts back the variables init hid, so child processes (a browser
// opened for sign-in) see the environment the user gave.
func Restore() {
	for k, v := range saved {
		os.Setenv(k, v)
	}
}
