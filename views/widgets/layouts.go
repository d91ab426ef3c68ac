package widgets

import "fyne.io/fyne/v2"

// ColumnLayout centres one object in a column at most width wide, so
// wrapped sentences read as a paragraph rather than one long line (or, in
// a plain Center, one word a line).
type ColumnLayout struct {
	Width float32 // the column's widest
}

// Layout implements fyne.Layout.
func (l ColumnLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, l.Width)
	for _, o := range objects {
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		h := o.MinSize().Height // a wrapped label knows its height once it knows its width
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, max(0, (size.Height-h)/2)))
	}
}

// MinSize implements fyne.Layout.
func (l ColumnLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
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
