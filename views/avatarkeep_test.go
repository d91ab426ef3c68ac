package views

import "testing"

// TestFarAvatarsReleasedAndReloaded: scrolled far down a long list, the
// rows at the top let go of their decoded avatars (only those around the
// rows drawn are held), and scrolled back they show them again.
func TestFarAvatarsReleasedAndReloaded(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	s := h.m.sidebar
	s.keepAround = 10
	h.waitFor("the first row's avatar", func() bool { return s.avatars[0] != nil })
	for len(s.results) < 150 {
		n := len(s.results)
		s.list.ScrollToBottom()
		h.waitFor("another page", func() bool { return len(s.results) > n && !s.loading })
	}
	s.list.ScrollToBottom()
	h.waitIdle()
	if s.avatars[0] != nil || !s.released[0] {
		t.Fatal("the first row kept its avatar at the far end of the list")
	}
	held := 0
	for _, img := range s.avatars {
		if img != nil {
			held++
		}
	}
	if held > 2*s.keepAround+1 {
		t.Errorf("%d avatars held in a list of %d, want at most %d", held, len(s.results), 2*s.keepAround+1)
	}
	s.list.ScrollToTop()
	h.waitFor("the first row's avatar again", func() bool { return s.avatars[0] != nil })
}
