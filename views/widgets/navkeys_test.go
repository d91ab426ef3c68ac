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

// A focused NavCheck hands letters to OnRune and leaves its tick alone;
// Space still ticks it and is not typed anywhere.
func TestNavCheckPassesTypingButNotSpace(t *testing.T) {
	test.NewTempApp(t)
	var typed []rune
	c := NewNavCheck("Round", nil)
	c.OnRune = func(r rune) { typed = append(typed, r) }
	test.Type(c, "ab")
	if string(typed) != "ab" || c.Checked {
		t.Errorf("typed %q: OnRune heard %q, checked %v; want \"ab\" and unchecked", "ab", string(typed), c.Checked)
	}
	c.TypedRune(' ')
	if string(typed) != "ab" || !c.Checked {
		t.Errorf("Space: OnRune heard %q, checked %v; want nothing more and checked", string(typed), c.Checked)
	}
}
