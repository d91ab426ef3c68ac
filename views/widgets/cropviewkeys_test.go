package widgets

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The frame can be set without a mouse: Tab reaches the view, the arrow
// keys move the frame (a twentieth of its side a press), + and - make it
// smaller and larger, and Escape is handed on, so the dialog still
// closes. It used to take no focus at all: a keyboard user could only
// rotate and centre.
func TestCropViewTakesKeys(t *testing.T) {
	test.NewTempApp(t)
	v := NewCropView()
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(400, 200))
	v.SetImage(image.NewNRGBA(image.Rect(0, 0, 800, 400)), image.Rect(200, 0, 600, 400))

	f, ok := any(v).(fyne.Focusable)
	if !ok {
		t.Fatal("the crop view cannot take the focus")
	}
	w.Canvas().Focus(f)
	if w.Canvas().Focused() != f {
		t.Fatal("focusing the crop view did not take")
	}
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if got, want := v.Frame(), image.Rect(220, 0, 620, 400); got != want {
		t.Errorf("after Right: %v, want %v", got, want)
	}
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if got, want := v.Frame(), image.Rect(180, 0, 580, 400); got != want {
		t.Errorf("after Left twice: %v, want %v", got, want)
	}
	f.TypedRune('+')
	f.TypedRune('+')
	if s := v.Frame().Dx(); s >= 400 {
		t.Errorf("after + twice: side %d, want smaller than 400", s)
	}
	small := v.Frame().Dx()
	f.TypedRune('-')
	if s := v.Frame().Dx(); s <= small {
		t.Errorf("after -: side %d, want larger than %d", s, small)
	}
	top := v.Frame()
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if v.Frame().Min.Y <= top.Min.Y {
		t.Errorf("after Down: %v, want lower than %v", v.Frame(), top)
	}
	escaped := false
	p, ok := any(v).(EscapePasser)
	if !ok {
		t.Fatal("the crop view hands Escape to nobody")
	}
	p.PassEscape(func() { escaped = true })
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !escaped {
		t.Error("Escape on the crop view was swallowed")
	}
}
