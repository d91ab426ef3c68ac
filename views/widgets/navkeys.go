package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// typingPasser is what the Nav controls share to hand characters on: a
// button, check box or drop-down keeps the focus after a click (or Tab)
// and drops every character, so a name typed then went nowhere. Space is
// the control's own (it presses, ticks or opens it) and is never handed on.
type typingPasser struct {
	// OnRune, when set, is given what is typed on the control, Space apart.
	OnRune func(rune)
}

// passed hands r to OnRune and reports whether it did; when it did not,
// the control's own TypedRune should have it.
func (p *typingPasser) passed(r rune) bool {
	if r == ' ' || p.OnRune == nil {
		return false
	}
	p.OnRune(r)
	return true
}

// NavCheck is a check box in the window (not a dialog) that hands the keys
// it has no use for to OnKey, and what is typed on it to OnRune. A
// widget.Check takes the focus when clicked and then swallows every key,
// so after a click on the viewer's Round or Actual pixels, Up and Down no
// longer walked the results, Escape no longer ended a drag and a name
// typed went nowhere.
type NavCheck struct {
	widget.Check
	typingPasser
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

// TypedRune gives a typed character to OnRune; Space stays the check
// box's own and ticks it.
func (c *NavCheck) TypedRune(r rune) {
	if !c.passed(r) {
		c.Check.TypedRune(r)
	}
}

// NavSelect is a drop-down in the window (not a dialog) that hands the
// keys it has no use for to OnKey, and what is typed on it to OnRune: a
// widget.Select takes the focus when a choice is picked with the mouse and
// then swallows F5, Escape and every character. Space, Up, Down, Left and
// Right stay its own (they open it or step through it).
type NavSelect struct {
	widget.Select
	typingPasser
	// OnKey sees the keys the drop-down does not use and reports whether
	// it used them.
	OnKey func(*fyne.KeyEvent) bool
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
	if !s.passed(r) {
		s.Select.TypedRune(r)
	}
}

// NavButton is a button in the window (not a dialog) that hands what is
// typed on it to OnRune: a widget.Button keeps the focus after a click or
// Tab and drops every character, so a name typed after clicking Me went
// nowhere.
type NavButton struct {
	widget.Button
	typingPasser
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
	if !b.passed(r) {
		b.Button.TypedRune(r)
	}
}
