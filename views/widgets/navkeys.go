package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// NavCheck is a check box in the window (not a dialog) that hands the keys
// it has no use for to OnKey. A widget.Check takes the focus when clicked
// and then swallows every key, so after a click on the viewer's Round or
// Actual pixels, Up and Down no longer walked the results and Escape no
// longer ended a drag.
type NavCheck struct {
	widget.Check
	// OnKey sees every key (the check box's own, Space, arrives as a rune)
	// and reports whether it used it.
	OnKey func(*fyne.KeyEvent) bool
}

// NewNavCheck is widget.NewCheck that passes keys on.
func NewNavCheck(label string, changed func(bool)) *NavCheck {
	c := &NavCheck{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey gives the key to OnKey, and to the check box if OnKey did not
// use it.
func (c *NavCheck) TypedKey(ev *fyne.KeyEvent) {
	if c.OnKey != nil && c.OnKey(ev) {
		return
	}
	c.Check.TypedKey(ev)
}

// NavSelect is a drop-down in the window (not a dialog) that hands the
// keys it has no use for to OnKey, and what is typed on it to OnRune: a
// widget.Select takes the focus when a choice is picked with the mouse and
// then swallows F5, Escape and every character. Space, Up, Down, Left and
// Right stay its own (they open it or step through it).
type NavSelect struct {
	widget.Select
	// OnKey sees the keys the drop-down does not use and reports whether
	// it used them.
	OnKey func(*fyne.KeyEvent) bool
	// OnRune, when set, is given what is typed on the drop-down, Space
	// (which opens it) apart.
	OnRune func(rune)
}

// NewNavSelect is widget.NewSelect that passes keys on.
func NewNavSelect(options []string, changed func(string)) *NavSelect {
	s := &NavSelect{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey keeps the drop-down's own keys and offers the others to OnKey.
func (s *NavSelect) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight:
	default:
		if s.OnKey != nil && s.OnKey(ev) {
			return
		}
	}
	s.Select.TypedKey(ev)
}

// TypedRune gives a typed character to OnRune; the drop-down has no use
// for any (Space arrives as a key too, and opens it).
func (s *NavSelect) TypedRune(r rune) {
	if r != ' ' && s.OnRune != nil {
		s.OnRune(r)
		return
	}
	s.Select.TypedRune(r)
}

// NavButton is a button in the window (not a dialog) that hands what is
// typed on it to OnRune: a widget.Button keeps the focus after a click or
// Tab and drops every character, so a name typed after clicking Me went
// nowhere.
type NavButton struct {
	widget.Button
	// OnRune, when set, is given what is typed on the button, Space (which
	// presses it) apart.
	OnRune func(rune)
}

// NewNavButton is widget.NewButtonWithIcon that passes typing on.
func NewNavButton(label string, icon fyne.Resource, tapped func()) *NavButton {
	b := &NavButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedRune gives a typed character to OnRune; the button has no use for
// any (Space arrives as a key too, and presses it).
func (b *NavButton) TypedRune(r rune) {
	if r != ' ' && b.OnRune != nil {
		b.OnRune(r)
		return
	}
	b.Button.TypedRune(r)
}
