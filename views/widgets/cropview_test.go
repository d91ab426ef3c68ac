package widgets

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/photodesk/photodesk/app/photoedit"
)

// Dragging moves the frame by the picture's pixels under the pointer;
// scrolling zooms it about its centre; it never leaves the picture or
// stops being square.
func TestCropViewMovesAndZoomsTheFrame(t *testing.T) {
	test.NewTempApp(t)
	v := NewCropView()
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(400, 200)) // the picture is 2:1: 400x200 units for 800x400 pixels
	var heard []image.Rectangle
	v.OnChanged = func(r image.Rectangle) { heard = append(heard, r) }
	v.SetImage(image.NewNRGBA(image.Rect(0, 0, 800, 400)), image.Rect(200, 0, 600, 400))

	v.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 50}})
	if got, want := v.Frame(), image.Rect(300, 0, 700, 400); got != want {
		t.Errorf("after a 50-unit drag: %v, want %v (2 pixels a unit)", got, want)
	}
	v.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 500, DY: -90}})
	if got, want := v.Frame(), image.Rect(400, 0, 800, 400); got != want {
		t.Errorf("dragged past the edge: %v, want %v", got, want)
	}
	v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: 1}})
	f := v.Frame()
	if f.Dx() != f.Dy() || f.Dx() >= 400 || !f.In(image.Rect(0, 0, 800, 400)) {
		t.Errorf("after zooming in: %v, want a smaller square inside", f)
	}
	for range 100 {
		v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: 1}})
	}
	if f := v.Frame(); f.Dx() != photoedit.MinSide {
		t.Errorf("zoomed in all the way: side %d, want the %d-pixel minimum", f.Dx(), photoedit.MinSide)
	}
	if len(heard) == 0 || heard[len(heard)-1] != v.Frame() {
		t.Error("OnChanged did not hear the frame")
	}
}

// The shades dim everything outside the frame, out to the view's edges,
// meeting on whole units: a seam where they met at a fraction, or a strip
// where they stopped short of the picture's drawn edge, showed undimmed.
func TestCropViewShadesLeaveNoSeam(t *testing.T) {
	test.NewTempApp(t)
	v := NewCropView()
	w := test.NewTempWindow(t, v)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(301, 203)) // scale 3 px a unit does not divide it
	v.SetImage(image.NewNRGBA(image.Rect(0, 0, 907, 500)), image.Rect(101, 37, 434, 370))
	size := v.Size()
	var area float32
	for i, s := range v.shades {
		p, z := s.Position(), s.Size()
		for _, n := range []float32{p.X, p.Y, p.X + z.Width, p.Y + z.Height} {
			if n != float32(int(n)) {
				t.Errorf("shade %d at %v, %v: not on whole units", i, p, z)
			}
		}
		area += z.Width * z.Height
	}
	frame := v.border.Size()
	if want := size.Width*size.Height - frame.Width*frame.Height; area != want {
		t.Errorf("shades cover %v square units, want all the view but the frame: %v", area, want)
	}
}
