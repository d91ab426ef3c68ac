package views

import (
	"testing"
)

// A note that grows to two lines while one is shown (the count, then an
// export's "3 people with a small or non-square photo, from the export.")
// pushes the list down: its second line was drawn under the list's top.
func TestLongerNotePushesTheListDown(t *testing.T) {
	h := newFakeHarness(t, newFakeEngine(3))
	h.waitResults()
	h.waitIdle()
	s := h.m.sidebar
	if !s.note.Visible() {
		t.Fatalf("no note shown: %q", s.note.Text)
	}
	oneLine := s.note.MinSize().Height
	s.setNote("3 people with a small or non-square photo, from the export; and more words so that it wraps in any sidebar")
	if s.note.MinSize().Height <= oneLine {
		t.Fatalf("the note did not wrap (height %v); the test needs a longer one", oneLine)
	}
	noteBottom := s.note.Position().Y + s.note.MinSize().Height
	top := s.list.Position().Y
	if top < noteBottom {
		t.Errorf("the list starts at %v, over the note that ends at %v", top, noteBottom)
	}
}
