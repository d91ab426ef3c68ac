package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// A focused NavButton hands letters to OnRune; Space still presses it and
// is not typed anywhere (it arrives as a key and as a rune).
func TestNavButtonPassesTypingButNotSpace(t *testing.T) {
	test.NewTempApp(t)
	pressed := 0
	var typed []rune
	b := NewNavButton("Me", nil, func() { pressed++ })
	b.OnRune = func(r rune) { typed = append(typed, r) }
	test.Type(b, "a b")
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if string(typed) != "ab" || pressed != 1 {
		t.Errorf("typed %q and Space: OnRune heard %q, pressed %d times; want \"ab\" and 1", "a b", string(typed), pressed)
	}
}
