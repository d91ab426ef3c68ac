package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/graphapi"
)

// newFailedAvatarsHarness is the window on a fake engine of four people
// whose avatars, but the first's (opened at start-up), fail to load, as
// with PHOTODESK_SANDBOX_FAULTS=unavailable=0.75; the sidebar's clock
// stands still at the time returned until a test moves it.
func newFailedAvatarsHarness(t *testing.T) (*harness, *fakeEngine, *time.Time) {
	t.Helper()
	f := newFakeEngine(4)
	for _, p := range f.people[1:] {
		f.failAvatar(p, &graphapi.Error{Status: 503, Code: "ServiceUnavailable"})
	}
	h := newFakeHarness(t, f)
	now := time.Now()
	h.m.sidebar.now = func() time.Time { return now }
	h.waitResults()
	h.waitIdle()
	for i := 1; i < 4; i++ {
		if h.m.sidebar.avatarKnown[i] {
			t.Fatalf("row %d's avatar loaded, though it was to fail", i)
		}
	}
	return h, f, &now
}

// A row whose avatar failed stayed a grey disc for good: nothing asked
// for it again. Drawn again after a while, it asks — but not at every
// redraw, which each arriving avatar causes.
func TestFailedAvatarIsAskedAgainWhenDrawnAfterAWhile(t *testing.T) {
	h, f, now := newFailedAvatarsHarness(t)
	s, p := h.m.sidebar, f.people[1]
	f.failAvatar(p, nil) // Graph answers again
	asked := f.avatarAsked(p)
	s.list.Refresh()
	h.waitIdle()
	if n := f.avatarAsked(p); n != asked {
		t.Errorf("drawn again at once, the failed avatar was asked %d more times; want none yet", n-asked)
	}
	*now = now.Add(avatarRetryAfter)
	s.list.Refresh()
	h.waitFor("row 1's avatar", func() bool { return s.avatarKnown[1] && s.avatars[1] != nil })
}

// Refresh (F5) asks again for every avatar of the list that failed.
func TestRefreshAsksAgainForFailedAvatars(t *testing.T) {
	h, f, _ := newFailedAvatarsHarness(t)
	s := h.m.sidebar
	for _, p := range f.people[1:] {
		f.failAvatar(p, nil)
	}
	h.m.onNavigationKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.waitFor("the failed avatars", func() bool { return s.avatarKnown[1] && s.avatarKnown[2] && s.avatarKnown[3] })
}

// A person whose avatar failed and whose photo the viewer then shows gets
// their row's avatar from it (the engine keeps the photo as the avatar).
func TestShownPhotoGivesItsFailedRowTheAvatar(t *testing.T) {
	h, f, _ := newFailedAvatarsHarness(t)
	s := h.m.sidebar
	h.tapRow(2)
	h.waitShown(f.people[2].DisplayName)
	h.waitFor("row 2's avatar", func() bool { return s.avatarKnown[2] && s.avatars[2] != nil })
	if s.avatarKnown[3] {
		t.Error("row 3's failed avatar loaded though nothing asked for it")
	}
}
