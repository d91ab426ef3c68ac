package views

import "fyne.io/fyne/v2"

// ownWindow gives w its one close path, for whoever owns its lifecycle,
// and returns requestClose, which is what the window manager's close
// button does and what File > Quit does too.
//
// A close request first asks mayClose, when given, whether w may close:
// mayClose answers, now or after a question, with true to close or false
// to keep the window. Until it has answered, a further request (the close
// button again, Quit) does nothing, so the question is never stacked.
//
// closed does everything closing w must do (save what it shows, cancel its
// jobs), then what the package keeps of w's canvas is let go, once however
// often the driver reports the close. Fyne keeps one OnClosed per window,
// and a second SetOnClosed silently replaces the first: the main window's
// replaced the shell's, so both called forgetWindow to cover for each
// other. Content shown in a window it does not own (the main window in the
// shell's) sets none, and its owner's closed cleans it up.
func ownWindow(w fyne.Window, mayClose func(answer func(ok bool)), closed func()) (requestClose func()) {
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
	asking := false
	requestClose = func() {
		if done || asking {
			return
		}
		if mayClose == nil {
			w.Close()
			return
		}
		asking = true
		mayClose(func(ok bool) {
			asking = false
			if ok && !done {
				w.Close()
			}
		})
	}
	w.SetCloseIntercept(requestClose)
	return requestClose
}
