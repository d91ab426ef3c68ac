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
