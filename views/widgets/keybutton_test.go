package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Enter and Space press a focused KeyButton — Space on its character, so
// that it is not left for the widget behind a dialog the press closes, and
// only when the key came to it too — Escape goes to OnEscape, and a
// disabled one takes nothing.
func TestKeyButtonKeys(t *testing.T) {
	test.NewTempApp(t)
	pressed, escaped := 0, 0
	b := NewKeyButton("OK", nil, func() { pressed++ })
	b.OnEscape = func() { escaped++ }
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace, fyne.KeyA} {
		b.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if pressed != 2 {
		t.Errorf("pressed %d times by the keys, want 2 (Return, Enter; Space waits for its character)", pressed)
	}
	b.TypedRune(' ')
	b.KeyUp(&fyne.KeyEvent{Name: fyne.KeySpace}) // its character pressed it: the release does not again
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if pressed != 3 || escaped != 1 {
		t.Errorf("pressed %d times, escaped %d; want 3 (Return, Enter, Space) and 1", pressed, escaped)
	}
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	b.KeyUp(&fyne.KeyEvent{Name: fyne.KeySpace})
	if pressed != 4 {
		t.Error("Space released with no character did not press the button")
	}
	b.TypedRune(' ') // the end of a Space pressed on another widget
	b.KeyUp(&fyne.KeyEvent{Name: fyne.KeySpace})
	if pressed != 4 {
		t.Error("a character without its key pressed the button")
	}
	b.Disable()
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	b.TypedRune(' ')
	if pressed != 4 {
		t.Error("a disabled button was pressed with Enter or Space")
	}
}
