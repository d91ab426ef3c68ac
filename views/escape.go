package views

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/photodesk/photodesk/views/widgets"
)

// escapeAction is a dialog Escape may close, and how.
type escapeAction struct {
	d   dialog.Dialog
	esc func()
}

// escapable holds, per window canvas, the dialogs Escape closes, newest
// last. Only the UI goroutine touches it.
var escapable = map[fyne.Canvas][]escapeAction{}

// closeOnEscape makes Escape close d as its Cancel (or Close) would —
// Fyne's Dismiss answers the dialog's callback with false, a file
// dialog's with nothing chosen — whether the focus is in one of its
// entries or nowhere (issue 18: Escape closed none of Save, Replace?,
// Export or Settings). Every dialog of the window is made through it or
// escapeWith. It must be called before d is shown.
func closeOnEscape(w fyne.Window, d dialog.Dialog, content ...fyne.CanvasObject) {
	escapeWith(w, d, d.Dismiss, content...)
}

// escapeWith makes Escape do esc for d: for a dialog whose own buttons do
// more than close it (stop an export, cancel an upload).
func escapeWith(w fyne.Window, d dialog.Dialog, esc func(), content ...fyne.CanvasObject) {
	c := w.Canvas()
	escapable[c] = append(escapable[c], escapeAction{d: d, esc: esc})
	greyMenu(w)
	d.SetOnClosed(func() {
		escapable[c] = slices.DeleteFunc(escapable[c], func(x escapeAction) bool { return x.d == d })
		if len(escapable[c]) == 0 {
			delete(escapable, c)
		}
		greyMenu(w)
	})
	passEscape(esc, content...)
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
	open[len(open)-1].esc()
	return true
}

// passEscape makes every key widget in objs — inside containers, scrolls
// and forms too — hand Escape to esc, so a dialog cancels from whichever
// of its fields, drop-downs, check boxes or buttons has the focus. It is
// called when the dialog is built; a widget added later is passed itself.
func passEscape(esc func(), objs ...fyne.CanvasObject) {
	for _, o := range objs {
		switch o := o.(type) {
		case widgets.EscapePasser:
			o.PassEscape(esc)
			if e, ok := o.(*widgets.EscapeEntry); ok && e.ActionItem != nil {
				passEscape(esc, e.ActionItem)
			}
		case *fyne.Container:
			passEscape(esc, o.Objects...)
		case *container.Scroll:
			passEscape(esc, o.Content)
		case *widget.Form:
			for _, it := range o.Items {
				passEscape(esc, it.Widget)
			}
		}
	}
}

// dialogOpen reports whether a dialog is open over c. Fyne keeps the
// window's shortcuts, its keys and the menu bar (Alt) working under a modal
// dialog, so without asking, Ctrl+S over Export stacked a Save on it, and
// Down opened another person behind an open Save.
func dialogOpen(c fyne.Canvas) bool { return len(escapable[c]) > 0 }

// topDialog is the newest dialog open over c, nil when there is none.
func topDialog(c fyne.Canvas) dialog.Dialog {
	open := escapable[c]
	if len(open) == 0 {
		return nil
	}
	return open[len(open)-1].d
}

// unlessDialog is f, doing nothing while a dialog is open over c.
func unlessDialog(c fyne.Canvas, f func()) func() {
	return func() {
		if !dialogOpen(c) {
			f()
		}
	}
}
