package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// KeyButton is a dialog button that a focused keyboard user can press with
// Enter as well as Space, and that hands Escape on to OnEscape. A focused
// widget.Button takes only Space and swallows every other key, so a dialog
// whose button had been reached with Tab could neither be answered with
// Enter nor cancelled with Escape.
type KeyButton struct {
	widget.Button
	// OnEscape, when set, runs when Escape is pressed on the button.
	OnEscape func()
}

// NewKeyButton is a button labelled label, with icon when not nil.
func NewKeyButton(label string, icon fyne.Resource, tapped func()) *KeyButton {
	b := &KeyButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Enter (and Space), gives Escape to
// OnEscape, and leaves other keys to the button.
func (b *KeyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Button.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	case fyne.KeyEscape:
		if b.OnEscape != nil {
			b.OnEscape()
		}
	default:
		b.Button.TypedKey(ev)
	}
}

// PassEscape sets OnEscape.
func (b *KeyButton) PassEscape(esc func()) { b.OnEscape = esc }
