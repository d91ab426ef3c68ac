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
		// JPEG portraits are opaque, so the non-premultiplied pixels are
		// also valid premultiplied ones; *image.RGBA takes the encoder's
		// fast path, about twice as fast as *image.NRGBA.
		opaque := &image.RGBA{Pix: img.Pix, Stride: img.Stride, Rect: img.Rect}
		err = jpeg.Encode(&buf, opaque, &jpeg.Options{Quality: 85})
	}
	if err != nil {
		panic(fmt.Errorf("encode %s: %w", format, err)) // encoders only fail on writer errors
	}
	return buf.Bytes()
}

func drawPortrait(p portrait, w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	fw, fh := float64(w), float64(h)
	s := math.Min(fw, fh)
	ox, oy := fw/2, fh-s // the figure stands on the bottom edge, centred
	headX, headY, headR := ox, oy+0.38*s, 0.19*s
	bodyY, bodyRX, bodyRY := oy+1.0*s, 0.42*s, 0.38*s
	neckHalf, neckTop, neckBottom := 0.085*s, oy+0.45*s, oy+0.70*s
	lightX, lightY := headX-0.08*s, headY-0.08*s
	badgeR := s / 2
	top, bottom := rgb(p.top), rgb(p.bottom)
	fig := rgb(p.figure)
	for y := range h {
		fy := float64(y) + 0.5
		t := fy / fh
		var bg [3]float64
		for i := range bg {
			bg[i] = top[i] + (bottom[i]-top[i])*t
		}
		dy := (fy - fh/2) / fh
		figureRow := fy >= headY-headR-1
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := range w {
			fx := float64(x) + 0.5
			dx := (fx - fw/2) / fw
			shade := 1 - 0.45*(dx*dx+dy*dy) // a soft vignette, like a lens
			backA := 1.0
			if p.cutout {
				cx, cy := fx-fw/2, fy-fh/2
				backA = coverage(math.Sqrt(cx*cx+cy*cy) - badgeR)
			}
			cov := 0.0
			if figureRow && math.Abs(fx-ox) <= bodyRX+1 {
				hx, hy := fx-headX, fy-headY
				ex, ey := (fx-ox)/bodyRX, (fy-bodyY)/bodyRY
				cov = math.Max(math.Max(
					coverage(math.Sqrt(hx*hx+hy*hy)-headR),
					coverage((math.Sqrt(ex*ex+ey*ey)-1)*bodyRY)),
					coverage(math.Max(math.Max(math.Abs(fx-ox)-neckHalf, neckTop-fy), fy-neckBottom)))
			}
			light := 1.0
			if cov > 0 { // light from the upper left on the figure
				lx, ly := fx-lightX, fy-lightY
				light = math.Max(0.85, 1+0.35*(1-math.Sqrt(lx*lx+ly*ly)/(0.5*s)))
			}
			a := cov + backA*(1-cov)
			px := row[4*x : 4*x+4 : 4*x+4]
			if a <= 0 {
				continue // transparent: Pix is already zero
			}
			for i := range 3 {
				px[i] = toByte((fig[i]*light*cov + bg[i]*shade*backA*(1-cov)) / a)
			}
			px[3] = toByte(a * 255)
		}
	}
	drawInitials(img, p, ox, oy+0.88*s, 0.13*s)
	return img
}

// coverage turns a signed distance in pixels (negative inside) into an
// anti-aliased coverage between 0 and 1.
func coverage(d float64) float64 {
	switch {
	case d <= -0.5:
		return 1
	case d >= 0.5:
		return 0
	}
	return 0.5 - d
}

func rgb(c color.NRGBA) [3]float64 { return [3]float64{float64(c.R), float64(c.G), float64(c.B)} }

func toByte(v float64) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
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
