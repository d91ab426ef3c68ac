package change

import (
	"testing"
	"time"
)

// TestDescribeTellsChangesOfOneMinuteApart: a person changed twice within
// a minute was undone twice with the same words ("… of 2026-12-06
// 12:43"), so the second question read as the first asked again; the
// time now has its seconds.
func TestDescribeTellsChangesOfOneMinuteApart(t *testing.T) {
	at := time.Date(2026, 12, 6, 12, 43, 10, 0, time.Local)
	first := Entry{Action: ActionSet, Time: at, Target: Target{Kind: "user", Name: "Megan Bowen"}}
	second := first
	second.Time = at.Add(40 * time.Second)
	if a, b := first.Describe(), second.Describe(); a == b {
		t.Errorf("two changes 40 s apart are both described as %q", a)
	}
}
