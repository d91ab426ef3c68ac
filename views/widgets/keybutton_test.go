package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Enter and Space press a focused KeyButton, Escape goes to OnEscape, and a
// disabled one takes nothing.
func TestKeyButtonKeys(t *testing.T) {
	test.NewTempApp(t)
	pressed, escaped := 0, 0
	b := NewKeyButton("OK", nil, func() { pressed++ })
	b.OnEscape = func() { escaped++ }
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace, fyne.KeyA} {
		b.TypedKey(&fyne.KeyEvent{Name: k})
	}
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if pressed != 3 || escaped != 1 {
		t.Errorf("pressed %d times, escaped %d; want 3 (Return, Enter, Space) and 1", pressed, escaped)
	}
	b.Disable()
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if pressed != 3 {
		t.Error("a disabled button was pressed with Enter")
	}
}
