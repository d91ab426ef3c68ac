package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// photoArea is the viewer's middle: it holds the photo or a placeholder and
// opens the context menu (Save, Copy…) on a right click.
type photoArea struct {
	widget.BaseWidget
	content     fyne.CanvasObject
	onSecondary func(*fyne.PointEvent)
}

func newPhotoArea(content fyne.CanvasObject, onSecondary func(*fyne.PointEvent)) *photoArea {
	a := &photoArea{content: content, onSecondary: onSecondary}
	a.ExtendBaseWidget(a)
	return a
}

// TappedSecondary opens the context menu.
func (a *photoArea) TappedSecondary(ev *fyne.PointEvent) {
	if a.onSecondary != nil {
		a.onSecondary(ev)
	}
}

// photoAreaMin is the least room the photo gets: at the window's smallest
// the photo area stayed about 30 px tall (issue 18), so the viewer's
// minimum keeps a 240x240 photo at its actual size (its view scrolls to it
// in a window smaller still).
var photoAreaMin = fyne.NewSize(240, 240)

// MinSize keeps the photo area usable however small the window gets.
func (a *photoArea) MinSize() fyne.Size {
	a.ExtendBaseWidget(a)
	return a.BaseWidget.MinSize().Max(photoAreaMin)
}

func (a *photoArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(a.content)
}
