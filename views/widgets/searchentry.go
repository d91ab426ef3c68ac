package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// SearchEntry is the sidebar's query field. It passes Up, Down and F5 on,
// so a user can type a name and walk the results without leaving the field.
type SearchEntry struct {
	widget.Entry
	// OnKey sees Up, Down, F5 and Escape first and reports whether it used
	// them.
	OnKey func(*fyne.KeyEvent) bool
}

// NewSearchEntry is an empty search field showing placeholder.
func NewSearchEntry(placeholder string) *SearchEntry {
	e := &SearchEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(placeholder)
	return e
}

// TypedKey lets onKey see navigation keys before the entry does.
func (e *SearchEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyF5, fyne.KeyEscape:
		if e.OnKey != nil && e.OnKey(ev) {
			return
		}
	}
	e.Entry.TypedKey(ev)
}
