package views

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/photodesk/photodesk/views/widgets"
)

// escapable holds, per window canvas, the dialogs Escape closes, newest
// last. Only the UI goroutine touches it.
var escapable = map[fyne.Canvas][]dialog.Dialog{}

// closeOnEscape makes Escape close d as its Cancel would (Fyne's Hide
// answers the dialog's callback with false), whether the focus is in one of
// its entries or nowhere (issue 18: Escape closed none of Save, Replace?,
// Export or Settings). It must be called before d is shown.
func closeOnEscape(w fyne.Window, d dialog.Dialog, entries ...*widgets.EscapeEntry) {
	c := w.Canvas()
	escapable[c] = append(escapable[c], d)
	d.SetOnClosed(func() {
		escapable[c] = slices.DeleteFunc(escapable[c], func(x dialog.Dialog) bool { return x == d })
		if len(escapable[c]) == 0 {
			delete(escapable, c)
		}
	})
	for _, e := range entries {
		e.OnEscape = d.Hide
	}
	if c.OnTypedKey() == nil {
		// A window without keys of its own (the sign-in panel's).
		c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
			if ev.Name == fyne.KeyEscape {
				escapeTopDialog(c)
			}
		})
	}
}

// escapeTopDialog closes the newest dialog Escape may close over c, and
// reports whether there was one.
func escapeTopDialog(c fyne.Canvas) bool {
	open := escapable[c]
	if len(open) == 0 {
		return false
	}
	open[len(open)-1].Hide()
	return true
}
