package views

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/app"
)

// The window asks for no more than the screen has room for. At a Windows
// scale of 125-150 % the default 1180x760 is more pixels than a small
// screen has; Windows shrank the window but Fyne laid the content out at
// the size it had asked for, so Photo details' names were cut at the
// window's edge and their values and copy buttons were drawn beyond it.
func TestRestoredWindowFitsTheScreen(t *testing.T) {
	h := newHarness(t)
	h.waitResults()
	h.openUser(h.tenant.Dir.Examples().FullHD)
	// A 1180x760 screen less a window frame, at 130 %.
	room := fyne.NewSize(900, 560)
	h.m.screenRoom = func(fyne.Window) (fyne.Size, bool) { return room, true }
	h.m.restoreGeometry()
	h.waitIdle()
	if got := h.m.w.Canvas().Size(); got.Width > room.Width || got.Height > room.Height {
		t.Fatalf("window is %v, more than the screen's room %v", got, room)
	}
	d := fyne.CurrentApp().Driver()
	for _, field := range metadataFields {
		for what, o := range map[string]fyne.CanvasObject{"value": h.m.meta.values[field], "copy button": h.m.meta.copies[field]} {
			if right := d.AbsolutePositionForObject(o).X + o.Size().Width; right > room.Width+0.5 {
				t.Errorf("%s's %s ends at x=%v, outside the %v-wide window", field, what, right, room.Width)
			}
		}
	}
	// Shrunk for this screen, not by the person: nothing to keep.
	h.m.saveGeometry()
	if w := h.m.prefs.Float(app.PrefWindowWidth); w != 0 {
		t.Errorf("the shrunk width %v was saved as the person's", w)
	}
}

// Where the room is not known (X11, Wayland, macOS: the window manager
// fits the window and Fyne hears its size) the saved size applies as is.
func TestFitScreenWithoutRoomKeepsTheSize(t *testing.T) {
	size := fyne.NewSize(1180, 760)
	for _, room := range []screenRoom{
		nil,
		func(fyne.Window) (fyne.Size, bool) { return fyne.Size{}, false },
		func(fyne.Window) (fyne.Size, bool) { return fyne.NewSize(1600, 900), true },
	} {
		if got := fitScreen(nil, size, room); got != size {
			t.Errorf("fitted to %v, want %v", got, size)
		}
	}
	narrow := func(fyne.Window) (fyne.Size, bool) { return fyne.NewSize(1000, 900), true }
	if got := fitScreen(nil, size, narrow); got != fyne.NewSize(1000, 760) {
		t.Errorf("fitted to %v, want 1000x760", got)
	}
}
