package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// EscapeSelect is a drop-down in a dialog that hands Escape to OnEscape.
// A focused widget.Select swallows every key it has no use for, so a
// dialog whose drop-down had been reached with Tab could not be cancelled
// with Escape. Its open list still closes on Escape first: the list is a
// pop-up of its own and has the keys while it is open.
type EscapeSelect struct {
	widget.Select
	// OnEscape, when set, runs when Escape is pressed on the drop-down.
	OnEscape func()
}

// NewEscapeSelect is widget.NewSelect that passes Escape on.
func NewEscapeSelect(options []string, changed func(string)) *EscapeSelect {
	s := &EscapeSelect{}
	s.Options, s.OnChanged = options, changed // an empty PlaceHolder shows Fyne's own
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey gives Escape to OnEscape and everything else to the drop-down.
func (s *EscapeSelect) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && s.OnEscape != nil {
		s.OnEscape()
		return
	}
	s.Select.TypedKey(ev)
}

// PassEscape sets OnEscape.
func (s *EscapeSelect) PassEscape(esc func()) { s.OnEscape = esc }

// EscapeCheck is a check box in a dialog that hands Escape to OnEscape,
// which a focused widget.Check swallows.
type EscapeCheck struct {
	widget.Check
	// OnEscape, when set, runs when Escape is pressed on the check box.
	OnEscape func()
}

// NewEscapeCheck is widget.NewCheck that passes Escape on.
func NewEscapeCheck(label string, changed func(bool)) *EscapeCheck {
	c := &EscapeCheck{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey gives Escape to OnEscape; a check box has no other keys
// (Space arrives as a rune).
func (c *EscapeCheck) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && c.OnEscape != nil {
		c.OnEscape()
		return
	}
	c.Check.TypedKey(ev)
}

// PassEscape sets OnEscape.
func (c *EscapeCheck) PassEscape(esc func()) { c.OnEscape = esc }

// EscapePasser is a dialog's key widget that hands Escape on to a
// function: EscapeEntry, EscapeSelect, EscapeCheck, EscapeRadio and
// KeyButton.
type EscapePasser interface {
	PassEscape(esc func())
}
