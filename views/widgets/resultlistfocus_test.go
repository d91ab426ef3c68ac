package widgets

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// sameImage reports whether a and b have the same pixels.
func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

// The focus shows on the result list when its selected row is where
// Fyne's focus marker is (as the list keeps it): the selection's colour
// was drawn over the marker, so the list looked the same with and without
// the focus, and a keyboard user could not tell where the keys went.
func TestResultListShowsItHasTheFocus(t *testing.T) {
	test.NewTempApp(t)
	rows := []string{"Adele Vance", "Megan Bowen", "Diego Siciliani"}
	l := NewResultList(func() int { return len(rows) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(rows[id]) })
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(240, 200))
	l.Select(0)
	c := w.Canvas()
	c.Unfocus()
	unfocused := c.Capture()

	c.Focus(l)
	if c.Focused() != fyne.Focusable(l) {
		t.Fatalf("the list did not take the focus: %T has it", c.Focused())
	}
	if sameImage(c.Capture(), unfocused) {
		t.Error("the list looks the same with the focus as without it")
	}
	c.Unfocus()
	if !sameImage(c.Capture(), unfocused) {
		t.Error("the list still looks focused after losing the focus")
	}
}
