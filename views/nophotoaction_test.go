package views

import (
	"strings"
	"testing"
)

// TestSaveAndCopyWithNoPhotoSayWhy: for someone without a photo the
// toolbar's Save…, Save all sizes… and Copy image are greyed, but the File
// menu's Save… and Save all sizes…, Ctrl+S and Ctrl+Shift+C stay live,
// and picking them did nothing a person could see. Each now says why in
// the status bar.
func TestSaveAndCopyWithNoPhotoSayWhy(t *testing.T) {
	f := newFakeEngine(2)
	f.setPhoto(f.people[1], 0, 0, nil)
	h := newShownFakeHarness(t, f)
	nobody := f.people[1]
	h.m.open(nobody)
	h.waitShown(nobody.DisplayName)
	h.waitIdle()
	for _, c := range []struct {
		name, want string
		act        func()
	}{
		{"Save…", nobody.DisplayName + " has no photo to save.", h.m.onSave},
		{"Save all sizes…", nobody.DisplayName + " has no photo to save.", h.m.onSaveAllSizes},
		{"Copy image", nobody.DisplayName + " has no photo to copy.", h.m.onCopyImage},
		{"Copy file", nobody.DisplayName + " has no photo to copy.", h.m.onCopyFile},
		{"Copy as base64", nobody.DisplayName + " has no photo to copy.", h.m.onCopyBase64},
		{"Copy as mail attachment JSON", nobody.DisplayName + " has no photo to copy.", h.m.onCopyMailJSON},
	} {
		h.m.status.setActivity("")
		c.act()
		h.waitIdle()
		if got := h.m.status.activity.Text; got != c.want {
			t.Errorf("%s with no photo: status %q, want %q", c.name, got, c.want)
		}
		if got := h.overlayText(); got != "" {
			t.Errorf("%s with no photo opened %q", c.name, got)
		}
	}
}

// Save or copy pressed while the photo loads says to wait (it did nothing
// at all), and the word goes once the photo shows.
func TestSaveAndCopyWhileLoadingSayToWait(t *testing.T) {
	f := newFakeEngine(3)
	h := newShownFakeHarness(t, f)
	slow := f.people[2]
	f.hold(slow)
	defer f.releaseAll()
	h.m.open(slow)
	for _, c := range []struct {
		name, doing string
		act         func()
	}{
		{"Save…", "save", h.m.onSave},
		{"Copy image", "copy", h.m.onCopyImage},
		{"Copy as base64", "copy", h.m.onCopyBase64},
	} {
		c.act() // at once: the load is still held, so there is no idle to wait for
		want := "The photo of " + slow.DisplayName + " is still loading: " + c.doing + " it once it shows."
		if got := h.m.status.activity.Text; got != want {
			t.Errorf("%s while loading: status %q, want %q", c.name, got, want)
		}
		if got := h.overlayText(); got != "" {
			t.Errorf("%s while loading opened %q", c.name, got)
		}
	}
	f.release(slow)
	h.waitShown(slow.DisplayName)
	h.waitIdle()
	if got := h.m.status.activity.Text; strings.Contains(got, "still loading") {
		t.Errorf("after the photo showed, the status bar still says %q", got)
	}
}
