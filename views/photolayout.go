package views

import "fyne.io/fyne/v2"

// photoLayout places the photo (and the checkerboard behind it) either
// fitted to the space, keeping its aspect, or at its actual pixel size.
// Fit enlarges a small photo at most maxFitEnlarge times, so a 240x240
// never passes for a sharp 480 (issue 18); the viewer's note says how large
// the largest upload is.
// Actual pixels means device pixels: a 48x48 photo covers 48 screen pixels
// on a HiDPI display too, so the size in Fyne units is pixels / scale.
type photoLayout struct {
	actual       bool
	pixW, pixH   int
	canvasScale  func() float32 // the window canvas scale; 1 when unknown
	minFitLength float32        // the smallest side a fitted photo may shrink to
}

// actualSize is the photo's size in Fyne units at one image pixel per
// device pixel.
func (l *photoLayout) actualSize() fyne.Size {
	scale := float32(1)
	if l.canvasScale != nil {
		if s := l.canvasScale(); s > 0 {
			scale = s
		}
	}
	return fyne.NewSize(float32(l.pixW)/scale, float32(l.pixH)/scale)
}

// target is the rectangle size the photo gets inside space.
func (l *photoLayout) target(space fyne.Size) fyne.Size {
	if l.pixW <= 0 || l.pixH <= 0 {
		return fyne.NewSize(0, 0)
	}
	if l.actual {
		return l.actualSize()
	}
	aspect := float32(l.pixW) / float32(l.pixH)
	w, h := space.Width, space.Width/aspect
	if h > space.Height {
		w, h = space.Height*aspect, space.Height
	}
	if most := l.actualSize().Width * maxFitEnlarge; w > most {
		w, h = most, most/aspect
	}
	return fyne.NewSize(w, h)
}

// maxFitEnlarge is how many times Fit may enlarge a photo.
const maxFitEnlarge = 2

// Layout centres every object on the photo's rectangle.
func (l *photoLayout) Layout(objects []fyne.CanvasObject, space fyne.Size) {
	t := l.target(space)
	pos := fyne.NewPos(max(0, (space.Width-t.Width)/2), max(0, (space.Height-t.Height)/2))
	for _, o := range objects {
		o.Resize(t)
		o.Move(pos)
	}
}

// MinSize makes a scroll container scroll at actual size and lets a
// fitted photo shrink with the window.
func (l *photoLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	if l.actual {
		return l.actualSize()
	}
	return fyne.NewSquareSize(l.minFitLength)
}
