package sandbox

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"

	xdraw "golang.org/x/image/draw"
)

// maxUploadPixels refuses images that would take more memory to decode than
// a sandbox should spend (a small PNG can claim 30,000 x 30,000 pixels).
// Graph's own limit is not documented; a 16-megapixel phone photo passes.
const maxUploadPixels = 16 << 20

// errNotAnImage is any upload the photo service cannot read.
var errNotAnImage = errors.New("not a readable JPEG, PNG or GIF image")

// decodeUpload reads an uploaded JPEG, PNG or GIF, checking its size before
// decoding the pixels.
func decodeUpload(b []byte) (image.Image, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNotAnImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxUploadPixels/cfg.Height {
		return nil, fmt.Errorf("%w: %dx%d pixels", errNotAnImage, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNotAnImage, err)
	}
	return img, nil
}

// newUpload turns a decoded image into what the subject keeps. Entra-only
// people keep the image as uploaded. Everyone else gets Exchange's HD set:
// the centre square (Graph crops non-square uploads) at every HD size up to
// its side, at least 48x48, scaled from one copy of the largest.
func newUpload(img image.Image, entraOnly bool) *uploadedPhoto {
	b := img.Bounds()
	up := &uploadedPhoto{width: b.Dx(), height: b.Dy()}
	if entraOnly {
		up.img = scaleOnWhite(img, b, up.width, up.height)
		return up
	}
	side := min(up.width, up.height)
	for _, sz := range HDSizes {
		if sz <= side || len(up.sizes) == 0 {
			up.sizes = append(up.sizes, sz)
		}
	}
	n := up.sizes[len(up.sizes)-1]
	x, y := b.Min.X+(up.width-side)/2, b.Min.Y+(up.height-side)/2
	up.img = scaleOnWhite(img, image.Rect(x, y, x+side, y+side), n, n)
	return up
}

// scaleOnWhite draws src's rect scaled to w by h over white: Graph stores
// JPEG, which has no transparency. It copies the rect first and shrinks the
// copy, as that is many times cheaper than a resampling kernel; only tiny
// uploads (under 48x48) are enlarged, with CatmullRom.
func scaleOnWhite(src image.Image, rect image.Rectangle, w, h int) *image.RGBA {
	flat := image.NewRGBA(image.Rect(0, 0, rect.Dx(), rect.Dy()))
	xdraw.Draw(flat, flat.Bounds(), image.NewUniform(color.White), image.Point{}, xdraw.Src)
	xdraw.Draw(flat, flat.Bounds(), src, rect.Min, xdraw.Over)
	switch {
	case rect.Dx() == w && rect.Dy() == h:
		return flat
	case rect.Dx() >= w && rect.Dy() >= h:
		return shrink(flat, w, h)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), flat, flat.Bounds(), xdraw.Src, nil)
	return dst
}

// render encodes the upload at w by h as JPEG, the way Graph re-encodes
// every photo it stores.
func (up *uploadedPhoto) render(w, h int) []byte {
	img := up.img
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		img = shrink(img, w, h)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		panic(fmt.Errorf("encode jpeg: %w", err)) // only fails on writer errors
	}
	return buf.Bytes()
}

// shrink averages src down to w by h (each output pixel the mean of the
// block it covers). Sizes are only ever made smaller than the stored copy,
// and a box filter reads each pixel once: several times cheaper than
// CatmullRom, which matters when tests run under the race detector.
func shrink(src *image.RGBA, w, h int) *image.RGBA {
	sw, sh := src.Bounds().Dx(), src.Bounds().Dy()
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		y0, y1 := y*sh/h, max((y+1)*sh/h, y*sh/h+1)
		for x := range w {
			x0, x1 := x*sw/w, max((x+1)*sw/w, x*sw/w+1)
			var sum [4]int
			for sy := y0; sy < y1; sy++ {
				row := src.Pix[sy*src.Stride+4*x0 : sy*src.Stride+4*x1]
				for i := 0; i < len(row); i += 4 {
					sum[0] += int(row[i])
					sum[1] += int(row[i+1])
					sum[2] += int(row[i+2])
					sum[3] += int(row[i+3])
				}
			}
			n := (y1 - y0) * (x1 - x0)
			o := dst.PixOffset(x, y)
			for c := range 4 {
				dst.Pix[o+c] = uint8((sum[c] + n/2) / n)
			}
		}
	}
	return dst
}
