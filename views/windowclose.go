package views

import "fyne.io/fyne/v2"

// ownWindow gives w its one close path, for whoever owns its lifecycle:
// closed does everything closing w must do (save what it shows, cancel its
// jobs), then what the package keeps of w's canvas is let go, once however
// often the driver reports the close. Fyne keeps one OnClosed per window,
// and a second SetOnClosed silently replaces the first: the main window's
// replaced the shell's, so both called forgetWindow to cover for each
// other. Content shown in a window it does not own (the main window in the
// shell's) sets none, and its owner's closed cleans it up.
func ownWindow(w fyne.Window, closed func()) {
	c := w.Canvas()
	done := false
	w.SetOnClosed(func() {
		if done {
			return // the test driver reports every Close
		}
		done = true
		if closed != nil {
			closed()
		}
		forgetWindow(c)
	})
}
