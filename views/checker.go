package views

import (
	"image/color"

	"fyne.io/fyne/v2/canvas"
)

// checkerSquare is the side of one checkerboard square in device pixels.
const checkerSquare = 8

// newCheckerboard draws the grey and white squares that image editors put
// behind a picture, so transparent parts of a PNG photo show as such.
func newCheckerboard() *canvas.Raster {
	light := color.NRGBA{0xf2, 0xf2, 0xf2, 0xff}
	dark := color.NRGBA{0xcc, 0xcc, 0xcc, 0xff}
	return canvas.NewRasterWithPixels(func(x, y, _, _ int) color.Color {
		if (x/checkerSquare+y/checkerSquare)%2 == 0 {
			return light
		}
		return dark
	})
}
