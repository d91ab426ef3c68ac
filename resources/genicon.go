//go:build ignore

// genicon draws the Photo Desk app icon: a portrait card on a blue tile,
// with a magnifying glass for "looking at photos". Run by go generate.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const size = 1024

// shape reports coverage-independent membership of a point in a figure.
type shape func(x, y float64) bool

func roundedRect(x0, y0, x1, y1, r float64) shape {
	return func(x, y float64) bool {
		cx := math.Max(x0+r, math.Min(x, x1-r))
		cy := math.Max(y0+r, math.Min(y, y1-r))
		return x >= x0 && x <= x1 && y >= y0 && y <= y1 && math.Hypot(x-cx, y-cy) <= r
	}
}

func circle(cx, cy, r float64) shape {
	return func(x, y float64) bool { return math.Hypot(x-cx, y-cy) <= r }
}

func ring(cx, cy, r, w float64) shape {
	return func(x, y float64) bool { d := math.Hypot(x-cx, y-cy); return d <= r && d >= r-w }
}

func capsule(ax, ay, bx, by, r float64) shape {
	return func(x, y float64) bool {
		dx, dy := bx-ax, by-ay
		t := math.Max(0, math.Min(1, ((x-ax)*dx+(y-ay)*dy)/(dx*dx+dy*dy)))
		return math.Hypot(x-(ax+t*dx), y-(ay+t*dy)) <= r
	}
}

type layer struct {
	in  shape
	col func(x, y float64) color.NRGBA
}

func solid(c color.NRGBA) func(x, y float64) color.NRGBA {
	return func(float64, float64) color.NRGBA { return c }
}

func main() {
	tile := roundedRect(48, 48, 976, 976, 200)
	card := roundedRect(210, 170, 770, 850, 64)
	photo := roundedRect(260, 220, 720, 680, 36)
	head := circle(490, 400, 105)
	shoulders := func(x, y float64) bool {
		return y <= 680 && math.Hypot((x-490)/190, (y-690)/170) <= 1
	}
	glass := ring(720, 700, 150, 40)
	lens := circle(720, 700, 112)
	handle := capsule(830, 810, 930, 910, 34)

	layers := []layer{
		{tile, func(x, y float64) color.NRGBA {
			t := (x + y) / (2 * size)
			return color.NRGBA{uint8(30 + 20*t), uint8(110 + 40*t), uint8(220 - 30*t), 255}
		}},
		{card, solid(color.NRGBA{250, 250, 252, 255})},
		{photo, func(x, y float64) color.NRGBA {
			t := (y - 220) / 460
			return color.NRGBA{uint8(190 - 40*t), uint8(215 - 30*t), uint8(240 - 20*t), 255}
		}},
		{func(x, y float64) bool { return photo(x, y) && (head(x, y) || shoulders(x, y)) }, solid(color.NRGBA{60, 80, 120, 255})},
		{lens, solid(color.NRGBA{255, 255, 255, 90})},
		{glass, solid(color.NRGBA{255, 176, 32, 255})},
		{handle, solid(color.NRGBA{255, 176, 32, 255})},
	}

	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 4 // supersampling per axis for smooth edges
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x, y := float64(px)+(float64(sx)+0.5)/ss, float64(py)+(float64(sy)+0.5)/ss
					var cr, cg, cb, ca float64
					for _, l := range layers {
						if !l.in(x, y) {
							continue
						}
						c := l.col(x, y)
						al := float64(c.A) / 255
						cr = cr*(1-al) + float64(c.R)*al
						cg = cg*(1-al) + float64(c.G)*al
						cb = cb*(1-al) + float64(c.B)*al
						ca = ca*(1-al) + al
					}
					r, g, b, a = r+cr, g+cg, b+cb, a+ca
				}
			}
			n := float64(ss * ss)
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(255 * a / n)})
		}
	}
	f, err := os.Create("icon.png")
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
