package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// EscapeEntry is a text field in a dialog that hands Escape to OnEscape.
// A focused widget.Entry swallows Escape, so without it a dialog could not
// be cancelled from the keyboard once someone had typed into it.
type EscapeEntry struct {
	widget.Entry
	// OnEscape, when set, runs instead of the entry seeing Escape.
	OnEscape func()
}

// NewEscapeEntry is an empty single-line field.
func NewEscapeEntry() *EscapeEntry {
	e := &EscapeEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// NewEscapePasswordEntry is an empty field whose text is hidden.
func NewEscapePasswordEntry() *EscapeEntry {
	e := &EscapeEntry{}
	e.Password = true
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey gives Escape to OnEscape and everything else to the entry.
func (e *EscapeEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// PassEscape sets OnEscape.
func (e *EscapeEntry) PassEscape(esc func()) { e.OnEscape = esc }
