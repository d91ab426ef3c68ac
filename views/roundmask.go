package views

import (
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// roundMask lies over the photo and paints the window's background outside
// the largest centred circle, so the photo reads as Teams and Outlook show
// it: cropped to the centre square, then to a circle.
type roundMask struct {
	widget.BaseWidget
	raster *canvas.Raster
	around fyne.ThemeColorName // the colour of what lies around the photo
}

func newRoundMask() *roundMask { return newRoundMaskOn(theme.ColorNameBackground) }

// newRoundMaskOn is a mask for a photo on a ground of the theme colour
// around: a dialog's (theme.ColorNameOverlayBackground) for the editor's
// previews.
func newRoundMaskOn(around fyne.ThemeColorName) *roundMask {
	m := &roundMask{around: around}
	m.raster = canvas.NewRaster(func(w, h int) image.Image {
		return circleMask(w, h, m.background())
	})
	m.ExtendBaseWidget(m)
	return m
}

// background is the colour around the photo.
func (m *roundMask) background() color.Color {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	return m.Theme().Color(m.around, v)
}

func (m *roundMask) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(m.raster)
}

// circleMask is a w x h image that is bg outside the circle of diameter
// min(w, h) at its centre and clear inside it.
func circleMask(w, h int, bg color.Color) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	paint := color.NRGBAModel.Convert(bg).(color.NRGBA)
	r := float64(min(w, h)) / 2
	cx, cy := float64(w)/2, float64(h)/2
	for y := range h {
		dy := float64(y) + 0.5 - cy
		for x := range w {
			dx := float64(x) + 0.5 - cx
			if dx*dx+dy*dy > r*r {
				img.SetNRGBA(x, y, paint)
			}
		}
	}
	return img
}
