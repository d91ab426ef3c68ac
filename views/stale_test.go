package views

import "testing"

// A late answer for someone no longer selected must never reach the screen.
func TestLateAnswerNeverShows(t *testing.T) {
	f := newFakeEngine(10)
	h := newFakeHarness(t, f)
	h.waitResults()
	h.waitIdle()
	first, second := f.people[3], f.people[4]

	f.hold(first)
	h.m.sidebar.list.Select(3)
	h.waitFor("the first photo asked for", func() bool { return f.asked() == 2 }) // the start-up photo, then this one
	h.m.sidebar.list.Select(4)
	h.waitShown(second.DisplayName)
	f.release(first) // the first answer arrives after the second was shown
	h.waitIdle()
	if h.m.current == nil || h.m.current.Person.ID != second.ID || h.m.viewer.title.Text != second.DisplayName {
		t.Fatalf("viewer = %s (photo of %s), want %s's photo", h.m.viewer.describe(), shownPerson(h.m), second.DisplayName)
	}
}

// Walking quickly through the list ends on the last person picked, however
// the answers of the ones passed over arrive.
func TestRapidSwitchingEndsOnTheLastPick(t *testing.T) {
	f := newFakeEngine(10)
	h := newFakeHarness(t, f)
	h.waitResults()
	h.waitIdle()
	for _, p := range f.people[1:6] {
		f.hold(p)
	}
	for range 6 {
		h.m.sidebar.move(1)
		h.q.drain()
	}
	last := f.people[6]
	h.waitShown(last.DisplayName)
	for _, p := range f.people[1:6] {
		f.release(p)
	}
	h.waitIdle()
	if h.m.person.ID != last.ID || h.m.viewer.title.Text != last.DisplayName {
		t.Fatalf("viewer shows %s, want %s", h.m.viewer.describe(), last.DisplayName)
	}
	if h.m.current == nil || h.m.current.Person.ID != last.ID {
		t.Fatalf("the photo shown belongs to %s, not %s", shownPerson(h.m), last.DisplayName)
	}
}

// shownPerson names whose photo m shows, for failure messages.
func shownPerson(m *mainWindow) string {
	if m.current == nil {
		return "nobody"
	}
	return m.current.Person.DisplayName
}
