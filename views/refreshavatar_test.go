package views

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/app"
)

// Refresh (F5) on someone whose photo changed elsewhere (in Outlook, on
// another helpdesk's machine) shows the new photo in the viewer and in
// their row of the list too: the row used to keep the old avatar, from
// memory or the disk cache, until the next search.
func TestRefreshReloadsTheRowsAvatar(t *testing.T) {
	f := newFakeEngine(2)
	h := newFakeHarness(t, f)
	h.waitResults()
	p := f.people[0]
	h.waitFor("the first avatars", func() bool { return len(h.m.sidebar.avatars) > 0 && h.m.sidebar.avatars[0] != nil })
	h.tapRow(0)
	h.waitFor("the photo", func() bool { return h.m.current != nil && h.m.current.Person.SameAs(p) })
	h.waitIdle()

	old := square(app.AvatarSize, p.ID)
	key := "#changed"
	for sameColour(square(app.AvatarSize, p.ID+key), old) {
		key += "!"
	}
	f.mu.Lock()
	f.avatarKey = key // the photo changed in the tenant
	f.mu.Unlock()
	h.m.onNavigationKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	h.waitIdle()
	if a := h.m.sidebar.avatars[0]; a == nil || !sameColour(a, square(app.AvatarSize, p.ID+key)) {
		t.Error("after Refresh the row still shows the avatar from before")
	}
}
