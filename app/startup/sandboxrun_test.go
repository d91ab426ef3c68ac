package startup

import (
	"regexp"
	"testing"
	"time"
)

// A sandbox run's name reads as when it started, in UTC, and two started
// in the same second differ.
func TestSandboxRunNamesWhenAndWhich(t *testing.T) {
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.FixedZone("CET", 3600))
	a, b := newSandboxRun(at), newSandboxRun(at)
	if !regexp.MustCompile(`^20260304T040607Z-[0-9a-f]{6}$`).MatchString(a) {
		t.Errorf("run name %q, want 20260304T040607Z- and 6 hex digits", a)
	}
	if a == b {
		t.Errorf("two sandboxes started at once are both %q", a)
	}
}
