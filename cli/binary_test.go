package cli

import (
	"strings"
	"testing"
)

// Containers, CI and ssh sessions run with the C locale; Fyne's lang
// package would log "Error parsing user locale C" on every command there.
func TestBinaryIsQuietUnderTheCLocale(t *testing.T) {
	for _, lang := range []string{"C", "C.UTF-8", "POSIX"} {
		t.Run(lang, func(t *testing.T) {
			code, stdout, stderr := photodesk(t, cmdOpts{env: map[string]string{"LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""}}, "help")
			if code != ExitOK {
				t.Errorf("photodesk help: exit %d, want %d", code, ExitOK)
			}
			if !strings.HasPrefix(stdout, "usage: photodesk") {
				t.Errorf("stdout = %q, want the usage", stdout)
			}
			if stderr != "" {
				t.Errorf("stderr = %q, want nothing", stderr)
			}
		})
	}
}

// Opening the window with no display must explain itself, not panic in GLFW.
func TestBinaryWithoutDisplayExplainsInsteadOfPanicking(t *testing.T) {
	code, _, stderr := photodesk(t, cmdOpts{env: map[string]string{"DISPLAY": "", "WAYLAND_DISPLAY": ""}})
	if code != ExitFailure {
		t.Errorf("exit %d, want %d", code, ExitFailure)
	}
	if !strings.Contains(stderr, "no display") || strings.Contains(stderr, "panic") {
		t.Errorf("stderr = %q, want the no-display explanation and no panic", stderr)
	}
}

func TestBinaryUnknownCommandIsAUsageError(t *testing.T) {
	code, _, stderr := photodesk(t, cmdOpts{}, "gte", "--me")
	if code != ExitUsage {
		t.Errorf("exit %d, want %d", code, ExitUsage)
	}
	if !strings.Contains(stderr, `unknown command "gte"`) || !strings.Contains(stderr, "usage: photodesk") {
		t.Errorf("stderr = %q, want the unknown command named and the usage", stderr)
	}
}
