package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// searchEntry is the sidebar's query field. It passes Up, Down and F5 on,
// so a user can type a name and walk the results without leaving the field.
type searchEntry struct {
	widget.Entry
	onKey func(*fyne.KeyEvent) bool // reports whether it handled the key
}

func newSearchEntry() *searchEntry {
	e := &searchEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("Name, mail, UPN or id") // short enough for a narrow sidebar
	return e
}

// TypedKey lets onKey see navigation keys before the entry does.
func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyF5:
		if e.onKey != nil && e.onKey(ev) {
			return
		}
	}
	e.Entry.TypedKey(ev)
}
