package views

import "fyne.io/fyne/v2"

// screenRoom is the largest content size, in Fyne units, that the screen
// holding w has room for: its work area less the window's frame. ok is
// false where that cannot be known (no native window, or a platform whose
// window manager fits windows itself).
type screenRoom func(w fyne.Window) (room fyne.Size, ok bool)

// fitScreen shrinks size to room, where room is known.
//
// Why it is needed: the default 1180x760 is in Fyne units, so at a Windows
// scale of 125 % or more it asks for more pixels than many screens have
// (1534x988 on a 1366x768 laptop). Windows makes the window smaller, but
// Fyne's Resize then lays the content out at the size it asked for, not
// the one it got: the right of the window (Photo details' values and copy
// buttons, the ends of their names) and its top are drawn outside it, and
// stay so. On X11 the window manager's answer comes after Fyne's own
// layout and corrects it, so Linux never showed this.
func fitScreen(w fyne.Window, size fyne.Size, roomOf screenRoom) fyne.Size {
	if roomOf == nil {
		return size
	}
	room, ok := roomOf(w)
	if !ok || room.Width <= 0 || room.Height <= 0 {
		return size
	}
	return size.Min(room)
}
