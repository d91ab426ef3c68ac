package app

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"net/http"
	"runtime"
	"sync/atomic"

	// The three formats Graph serves photos in; nothing else is decoded.
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
)

// IsPlaceholder reports bytes that are Graph's 1x1 "no photo" image (old
// tenants answer a photo request with one). Only the header is read, so a
// damaged photo is never taken for one, and checking costs no decode.
func IsPlaceholder(data []byte) bool {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	return err == nil && cfg.Width == 1 && cfg.Height == 1
}

// DefaultMaxImagePixels refuses photos above 16 megapixels in total before
// decoding them: Graph's largest HD size is 648x648 and Entra-only photos
// can be larger, but a profile photo is never a 16 MP panorama, so anything
// bigger is a decompression bomb or a broken server. A 16 MP photo decodes
// to about 64 MB (128 MB for 16-bit PNG).
const DefaultMaxImagePixels = 16_000_000

// decodeSlots bounds how many full decodes run at once, in the window and
// in an export alike: each holds a whole decoded image, so an export of
// many large photos must not hold dozens of them together. Twice the CPUs
// keeps every core busy while a decode waits on memory.
var decodeSlots = make(chan struct{}, 2*runtime.GOMAXPROCS(0))

// decodeQueued and decodesRunning count decodes waiting for a slot and
// decodes holding one; decodeHeld, when a test sets it, runs while a
// decode holds its slot.
var (
	decodeQueued   atomic.Int32
	decodesRunning atomic.Int32
	decodeHeld     func()
)

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
	if pixels := int64(cfg.Width) * int64(cfg.Height); pixels > int64(maxPixels) {
		return nil, fmt.Errorf("%s of %dx%d is %s, a profile photo can have at most %s: %w",
			format, cfg.Width, cfg.Height, megapixels(pixels), megapixels(int64(maxPixels)), ErrImageTooLarge)
	}
	img, err := boundedDecode(data)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w: %w", format, ErrNotImage, err)
	}
	return &Decoded{Image: img, Format: format, Width: cfg.Width, Height: cfg.Height}, nil
}

// boundedDecode decodes data while holding one of decodeSlots.
func boundedDecode(data []byte) (image.Image, error) {
	decodeQueued.Add(1)
	decodeSlots <- struct{}{}
	decodeQueued.Add(-1)
	decodesRunning.Add(1)
	defer func() {
		decodesRunning.Add(-1)
		<-decodeSlots
	}()
	if decodeHeld != nil {
		decodeHeld()
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	return img, err
}

// megapixels is "20.0 megapixels (20000000 pixels)" for a message.
func megapixels(n int64) string {
	return fmt.Sprintf("%.1f megapixels (%d pixels)", float64(n)/1e6, n)
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
