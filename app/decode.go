package app

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"net/http"

	// The three formats Graph serves photos in; nothing else is decoded.
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
)

// DefaultMaxImagePixels refuses photos above 20 megapixels before decoding
// them: Graph's largest HD size is 648x648 and uploads are capped at 4 MB,
// so anything bigger is a decompression bomb or a broken server.
const DefaultMaxImagePixels = 20_000_000

// ErrNotImage is returned for bytes that are not a JPEG, PNG or GIF,
// whatever the Content-Type said.
var ErrNotImage = errors.New("not a JPEG, PNG or GIF image")

// ErrImageTooLarge is returned, before any pixel is decoded, for an image
// whose header claims more pixels than allowed.
var ErrImageTooLarge = errors.New("image dimensions too large")

// sniffedFormats maps what http.DetectContentType says to image package
// format names; bytes are trusted, headers are not (Graph sends image/Jpeg
// and image/pjpeg too).
var sniffedFormats = map[string]string{
	"image/jpeg": "jpeg",
	"image/png":  "png",
	"image/gif":  "gif",
}

// Decoded is a photo that passed every check of DecodeImage.
type Decoded struct {
	Image         image.Image
	Format        string // "jpeg", "png" or "gif"
	Width, Height int
}

// DecodeImage checks and decodes photo bytes in the only safe order: sniff
// the magic bytes, read the header's dimensions with image.DecodeConfig,
// refuse more than maxPixels, and only then decode, so a truncated image
// (whose header still reads) fails too. maxPixels <= 0 means
// DefaultMaxImagePixels. The window and Export both check photos with it.
func DecodeImage(data []byte, maxPixels int) (*Decoded, error) {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxImagePixels
	}
	sniffed := http.DetectContentType(data)
	want, ok := sniffedFormats[sniffed]
	if !ok {
		return nil, fmt.Errorf("bytes look like %s: %w", sniffed, ErrNotImage)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read %s header: %w: %w", want, ErrNotImage, err)
	}
	if format != want {
		return nil, fmt.Errorf("header says %s, bytes look like %s: %w", format, want, ErrNotImage)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%s of %dx%d: %w", format, cfg.Width, cfg.Height, ErrNotImage)
	}
	if int64(cfg.Width)*int64(cfg.Height) > int64(maxPixels) {
		return nil, fmt.Errorf("%s of %dx%d, more than %d pixels: %w", format, cfg.Width, cfg.Height, maxPixels, ErrImageTooLarge)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w: %w", format, ErrNotImage, err)
	}
	return &Decoded{Image: img, Format: format, Width: cfg.Width, Height: cfg.Height}, nil
}

// mimeOfFormat is the canonical Content-Type for a sniffed format, used in
// mail attachments and file dialogs instead of whatever Graph sent.
func mimeOfFormat(format string) string {
	switch format {
	case "jpeg":
		return "image/jpeg"
	case "png":
		return "image/png"
	case "gif":
		return "image/gif"
	}
	return "application/octet-stream"
}

// extOfFormat is the file extension for a sniffed format.
func extOfFormat(format string) string {
	switch format {
	case "jpeg":
		return "jpg"
	case "png", "gif":
		return format
	}
	return "bin"
}

// thumbnail scales img down to fit a size x size square (never up), with a
// box filter: good enough for 48 px avatars and free of dependencies. The
// result is always exactly size x size, centred on a transparent ground.
func thumbnail(img image.Image, size int) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, size, size))
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return out
	}
	scale := float64(size) / float64(max(w, h))
	if scale > 1 {
		scale = 1
	}
	tw, th := max(1, int(float64(w)*scale+0.5)), max(1, int(float64(h)*scale+0.5))
	ox, oy := (size-tw)/2, (size-th)/2
	for ty := range th {
		y0 := b.Min.Y + ty*h/th
		y1 := max(y0+1, b.Min.Y+(ty+1)*h/th)
		for tx := range tw {
			x0 := b.Min.X + tx*w/tw
			x1 := max(x0+1, b.Min.X+(tx+1)*w/tw)
			var r, g, bl, a, n uint64
			for y := y0; y < y1; y++ {
				for x := x0; x < x1; x++ {
					cr, cg, cb, ca := img.At(x, y).RGBA() // premultiplied, so transparent pixels add no colour
					r += uint64(cr)
					g += uint64(cg)
					bl += uint64(cb)
					a += uint64(ca)
					n++
				}
			}
			out.SetRGBA64(ox+tx, oy+ty, color.RGBA64{
				R: uint16(r / n), G: uint16(g / n), B: uint16(bl / n), A: uint16(a / n),
			})
		}
	}
	return out
}
