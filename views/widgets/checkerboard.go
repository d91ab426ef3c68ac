package widgets

import (
	"image"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// checkerSquare is the side of one checkerboard square in device pixels.
const checkerSquare = 8

// NewCheckerboard draws the two-tone squares that image editors put behind
// a picture, so transparent parts of a PNG photo show as such. The tones
// are the theme's background and disabled colours, read at every redraw,
// so the board suits the light and the dark theme alike.
func NewCheckerboard() *canvas.Raster {
	return canvas.NewRaster(func(w, h int) image.Image {
		light := theme.Color(theme.ColorNameBackground)
		dark := theme.Color(theme.ColorNameDisabled)
		img := image.NewNRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				c := light
				if (x/checkerSquare+y/checkerSquare)%2 != 0 {
					c = dark
				}
				img.Set(x, y, c)
			}
		}
		return img
	})
}
