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
//
// Space presses it on its character, the key press's last event before the
// release, as widget.Check ticks on it — not on the key, as widget.Button
// does: the character came after the dialog had closed and went to the
// widget behind, which had the focus back by then (a space added to the
// search, Round ticked, the results' search started afresh).
type KeyButton struct {
	widget.Button
	// OnEscape, when set, runs when Escape is pressed on the button.
	OnEscape func()

	spaceDown bool // Space's key came and its character has not yet
}

// NewKeyButton is a button labelled label, with icon when not nil.
func NewKeyButton(label string, icon fyne.Resource, tapped func()) *KeyButton {
	b := &KeyButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Enter, notes Space for its character,
// gives Escape to OnEscape, and leaves other keys to the button.
func (b *KeyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Button.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	case fyne.KeySpace:
		b.spaceDown = true
	case fyne.KeyEscape:
		if b.OnEscape != nil {
			b.OnEscape()
		}
	default:
		b.Button.TypedKey(ev)
	}
}

// TypedRune presses the button on the character of a Space whose key it
// had. A character alone is the end of a press begun elsewhere: Space on
// a window's button (Change photo…) opens a dialog whose focused button
// then gets the character, and pressed on it, answering the dialog
// nobody had seen yet.
func (b *KeyButton) TypedRune(r rune) {
	if r != ' ' || !b.spaceDown {
		return
	}
	b.spaceDown = false
	b.Button.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
}

// KeyDown implements desktop.Keyable; the key itself is heard in TypedKey.
func (b *KeyButton) KeyDown(*fyne.KeyEvent) {}

// KeyUp presses the button on Space's release when no character came
// with it (an input method that took it), so Space always presses.
func (b *KeyButton) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeySpace && b.spaceDown {
		b.TypedRune(' ')
	}
}

// FocusLost forgets a Space whose character went elsewhere.
func (b *KeyButton) FocusLost() {
	b.spaceDown = false
	b.Button.FocusLost()
}

// PassEscape sets OnEscape.
func (b *KeyButton) PassEscape(esc func()) { b.OnEscape = esc }
