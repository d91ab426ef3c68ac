package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// HeadColumnLayout centres a head in a column at most width wide, so
// wrapped sentences read as a paragraph rather than one long line (or, in
// a plain Center, one word a line), with more hanging under it: the first
// object alone is centred, and the others are stacked under it,
// so a line appearing below (why a sign-in failed) never moves the head's
// buttons from under the pointer, as centring them all together did. The
// head moves up only as far as what hangs under it needs to fit.
type HeadColumnLayout struct {
	Width float32 // the column's widest
}

// Layout implements fyne.Layout.
func (l HeadColumnLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) == 0 {
		return
	}
	w := min(size.Width, l.Width)
	heights := make([]float32, len(objects))
	var below float32
	for i, o := range objects {
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		heights[i] = o.MinSize().Height // a wrapped label knows its height once it knows its width
		o.Resize(fyne.NewSize(w, heights[i]))
		if i > 0 && o.Visible() {
			below += theme.Padding() + heights[i]
		}
	}
	y := max(0, min((size.Height-heights[0])/2, size.Height-heights[0]-below))
	x := (size.Width - w) / 2
	for i, o := range objects {
		if i > 0 && !o.Visible() {
			continue
		}
		o.Move(fyne.NewPos(x, y))
		y += heights[i] + theme.Padding()
	}
}

// MinSize implements fyne.Layout.
func (l HeadColumnLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var h float32
	for i, o := range objects {
		switch {
		case i == 0:
			h = o.MinSize().Height
		case o.Visible():
			h += theme.Padding() + o.MinSize().Height
		}
	}
	return fyne.NewSize(min(l.Width, 320), h)
}

// ResizeProbe is a one-object layout that tells OnResize when its space
// changes size: put around a pane, it hears window resizes and divider
// drags, which Fyne reports no other way.
type ResizeProbe struct {
	OnResize func() // called from Layout when the size changed
	last     fyne.Size
}

// Layout gives the object all the space and reports a new size.
func (p *ResizeProbe) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if size != p.last {
		p.last = size
		p.OnResize()
	}
}

// MinSize is the object's.
func (p *ResizeProbe) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}
