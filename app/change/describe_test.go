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

// TestDescribeNamesAGroupAsSetAndRemoveDo: undo said "undid the removal
// of the photo of Sales of 2026-12-06 21:39:05", without the group's id
// that set and remove print beside its name, and with "of … of".
func TestDescribeNamesAGroupAsSetAndRemoveDo(t *testing.T) {
	at := time.Date(2026, 12, 6, 21, 39, 5, 0, time.Local)
	e := Entry{Action: ActionRemove, Time: at, Target: Target{Kind: "group", ID: "59ee1e9b-e3a3-459c-931d-3dd411f1cfc6", Name: "Sales"}}
	want := "the removal of the photo of Sales (group 59ee1e9b-e3a3-459c-931d-3dd411f1cfc6) (removed 2026-12-06 21:39:05)"
	if got := e.Describe(); got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
}
