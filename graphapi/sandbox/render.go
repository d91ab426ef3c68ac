package sandbox

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// portrait is the look of one person's generated photo: a lit gradient
// backdrop and a head-and-shoulders silhouette in a colour of their own, with
// their initials on the chest, so photos are told apart at 48x48 and look like
// a profile picture rather than noise.
type portrait struct {
	top, bottom color.NRGBA // backdrop gradient
	figure      color.NRGBA
	text        color.NRGBA
	initials    string
	cutout      bool // PNG: transparent outside a round badge
}

// portraitFor derives the look from the seed, the subject and its photo
// version, so a TouchPhoto visibly changes the picture.
func portraitFor(seed int64, s photoSubject, version int) portrait {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%s/%d", seed, strings.ToLower(s.id), version)
	sum := h.Sum64()
	hue := float64(sum%360) / 360
	bgHue := math.Mod(hue+0.45+float64(sum>>16%100)/1000, 1)
	return portrait{
		top:      hsv(bgHue, 0.25, 0.95),
		bottom:   hsv(bgHue, 0.45, 0.70),
		figure:   hsv(hue, 0.55, 0.45),
		text:     hsv(hue, 0.10, 0.97),
		initials: initials(s.name),
		cutout:   s.kind == PhotoPNG,
	}
}

// initials takes the first letter of the first and last words.
func initials(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) })
	var b strings.Builder
	for i, w := range words {
		if i == 0 || i == len(words)-1 {
			b.WriteRune(unicode.ToUpper([]rune(w)[0]))
		}
	}
	return b.String()
}

// renderPhoto draws the portrait at w by h and encodes it.
func renderPhoto(p portrait, w, h int, format string) []byte {
	var buf bytes.Buffer
	if format == "gif" {
		img := image.NewPaletted(image.Rect(0, 0, 1, 1), color.Palette{color.Transparent, color.White})
		if err := gif.Encode(&buf, img, nil); err != nil {
			panic(fmt.Errorf("encode gif: %w", err)) // cannot fail for an in-memory 1x1 image
		}
		return buf.Bytes()
	}
	img := drawPortrait(p, w, h)
	var err error
	if format == "png" {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	}
	if err != nil {
		panic(fmt.Errorf("encode %s: %w", format, err)) // encoders only fail on writer errors
	}
	return buf.Bytes()
}

func drawPortrait(p portrait, w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	s := float64(min(w, h))
	ox, oy := float64(w)/2, float64(h)-s // the figure stands on the bottom edge, centred
	headX, headY, headR := ox, oy+0.38*s, 0.19*s
	bodyX, bodyY, bodyRX, bodyRY := ox, oy+1.0*s, 0.42*s, 0.38*s
	neckHalf, neckTop, neckBottom := 0.085*s, oy+0.45*s, oy+0.70*s
	badgeR := s / 2
	for y := range h {
		fy := float64(y) + 0.5
		t := fy / float64(h)
		bg := mix(p.top, p.bottom, t)
		for x := range w {
			fx := float64(x) + 0.5
			// a soft vignette, like a lens
			dx, dy := (fx-float64(w)/2)/float64(w), (fy-float64(h)/2)/float64(h)
			shade := 1 - 0.45*(dx*dx+dy*dy)
			back := scale(bg, shade)
			backA := 1.0
			if p.cutout {
				backA = coverage(math.Hypot(fx-float64(w)/2, fy-float64(h)/2) - badgeR)
			}
			fig := max(
				coverage(math.Hypot(fx-headX, fy-headY)-headR),
				coverage(ellipseDistance(fx-bodyX, fy-bodyY, bodyRX, bodyRY)),
				coverage(max(math.Abs(fx-ox)-neckHalf, neckTop-fy, fy-neckBottom)),
			)
			// light from the upper left on the figure
			light := 1 + 0.35*(1-math.Hypot(fx-(headX-0.08*s), fy-(headY-0.08*s))/(0.5*s))
			figC := scale(p.figure, max(light, 0.85))
			img.SetNRGBA(x, y, over(figC, fig, back, backA))
		}
	}
	drawInitials(img, p, ox, oy+0.88*s, 0.13*s)
	return img
}

// coverage turns a signed distance in pixels (negative inside) into an
// anti-aliased coverage between 0 and 1.
func coverage(d float64) float64 { return math.Max(0, math.Min(1, 0.5-d)) }

// ellipseDistance approximates the signed distance to an ellipse's edge.
func ellipseDistance(dx, dy, rx, ry float64) float64 {
	return (math.Hypot(dx/rx, dy/ry) - 1) * math.Min(rx, ry)
}

// over composites a colour with coverage fa over a backdrop with alpha ba.
func over(f color.NRGBA, fa float64, b color.NRGBA, ba float64) color.NRGBA {
	a := fa + ba*(1-fa)
	if a <= 0 {
		return color.NRGBA{}
	}
	ch := func(fc, bc uint8) uint8 {
		return uint8(math.Round((float64(fc)*fa + float64(bc)*ba*(1-fa)) / a))
	}
	return color.NRGBA{ch(f.R, b.R), ch(f.G, b.G), ch(f.B, b.B), uint8(math.Round(a * 255))}
}

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	l := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), 255}
}

func scale(c color.NRGBA, f float64) color.NRGBA {
	m := func(x uint8) uint8 { return uint8(math.Max(0, math.Min(255, math.Round(float64(x)*f)))) }
	return color.NRGBA{m(c.R), m(c.G), m(c.B), c.A}
}

// hsv converts hue, saturation and value in [0,1] to an opaque colour.
func hsv(h, s, v float64) color.NRGBA {
	i := math.Floor(h * 6)
	f := h*6 - i
	p, q, t := v*(1-s), v*(1-f*s), v*(1-(1-f)*s)
	var r, g, b float64
	switch int(i) % 6 {
	case 0:
		r, g, b = v, t, p
	case 1:
		r, g, b = q, v, p
	case 2:
		r, g, b = p, v, t
	case 3:
		r, g, b = p, q, v
	case 4:
		r, g, b = t, p, v
	default:
		r, g, b = v, p, q
	}
	return color.NRGBA{uint8(r * 255), uint8(g * 255), uint8(b * 255), 255}
}

var (
	boldFontOnce sync.Once
	boldFont     *opentype.Font
)

// drawInitials centres the initials at (cx, baseline) with a cap height of
// about size pixels. Tiny photos get none: 48x48 text is a smudge.
func drawInitials(img *image.NRGBA, p portrait, cx, baseline, size float64) {
	if p.initials == "" || size < 6 {
		return
	}
	boldFontOnce.Do(func() {
		f, err := opentype.Parse(gobold.TTF)
		if err != nil {
			panic(fmt.Errorf("parse embedded font: %w", err)) // the font is compiled in
		}
		boldFont = f
	})
	face, err := opentype.NewFace(boldFont, &opentype.FaceOptions{Size: size * 1.4, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return // only fails for absurd sizes; the photo is fine without text
	}
	defer face.Close()
	d := font.Drawer{Dst: img, Src: image.NewUniform(p.text), Face: face}
	width := d.MeasureString(p.initials)
	d.Dot = fixed.Point26_6{X: fixed.Int26_6(cx*64) - width/2, Y: fixed.Int26_6(baseline * 64)}
	d.DrawString(p.initials)
}
