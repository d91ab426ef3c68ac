package widgets

import (
	"image"

	"fyne.io/fyne/v2"

	"github.com/photodesk/photodesk/app/photoedit"
)

// zoomIn is how much one step (a scroll notch, a +) enlarges what the
// frame keeps: the frame shrinks by a tenth.
const zoomIn = 1 / 0.9

// FocusGained implements fyne.Focusable: Tab reaches the frame, whose
// border thickens so a keyboard user sees where the keys go.
func (v *CropView) FocusGained() {
	v.focused = true
	v.Refresh()
}

// FocusLost implements fyne.Focusable.
func (v *CropView) FocusLost() {
	v.focused = false
	v.Refresh()
}

// TypedRune makes the frame smaller with + (or =, unshifted on most
// keyboards) and larger with -, as scrolling does.
func (v *CropView) TypedRune(r rune) {
	switch r {
	case '+', '=':
		v.zoom(zoomIn)
	case '-', '_':
		v.zoom(1 / zoomIn)
	}
}

// TypedKey moves the frame with the arrow keys, a twentieth of its side a
// press (a pixel at least), and hands Escape to OnEscape: focused, the
// view takes every key, and the dialog must still close.
func (v *CropView) TypedKey(ev *fyne.KeyEvent) {
	step := max(1, v.frame.Dx()/20)
	switch ev.Name {
	case fyne.KeyLeft:
		v.SetFrame(v.frame.Add(image.Pt(-step, 0)))
	case fyne.KeyRight:
		v.SetFrame(v.frame.Add(image.Pt(step, 0)))
	case fyne.KeyUp:
		v.SetFrame(v.frame.Add(image.Pt(0, -step)))
	case fyne.KeyDown:
		v.SetFrame(v.frame.Add(image.Pt(0, step)))
	case fyne.KeyEscape:
		if v.OnEscape != nil {
			v.OnEscape()
		}
	}
}

// PassEscape sets OnEscape.
func (v *CropView) PassEscape(esc func()) { v.OnEscape = esc }

// zoom scales what the frame keeps by factor (over 1: a smaller frame)
// about the frame's centre.
func (v *CropView) zoom(factor float64) {
	v.SetFrame(photoedit.Zoom(v.frame, factor, v.frame.Min.Add(v.frame.Size().Div(2))))
}
