package export

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // photos may be GIFs (the 1x1 placeholder, old uploads)
	_ "image/jpeg"
	_ "image/png"
)

// DefaultMaxImagePixels refuses images larger than this before decoding
// them: Graph's largest photo is 648x648, and a huge claimed size is either
// a broken server or a decompression bomb.
const DefaultMaxImagePixels = 4096 * 4096

// checked is what verifying a photo's bytes tells us.
type checked struct {
	format        string // "jpeg", "png", "gif"
	width, height int
}

// errCorrupt marks bytes that are not a whole, decodable image.
var errCorrupt = errors.New("corrupt image")

// checkImage proves the bytes are a complete image of a known format by
// decoding them fully (a truncated JPEG passes DecodeConfig but not
// Decode), after refusing absurd dimensions. Content-Type is not trusted.
func checkImage(data []byte, maxPixels int) (checked, error) {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxImagePixels
	}
	if len(data) == 0 {
		return checked{}, fmt.Errorf("%w: empty body", errCorrupt)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return checked{}, fmt.Errorf("%w: %w", errCorrupt, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return checked{}, fmt.Errorf("%w: %dx%d is outside the allowed size", errCorrupt, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return checked{}, fmt.Errorf("%w: %w", errCorrupt, err)
	}
	b := img.Bounds()
	return checked{format: format, width: b.Dx(), height: b.Dy()}, nil
}

// extension is the file extension for a decoded format.
func extension(format string) string {
	switch format {
	case "jpeg":
		return ".jpg"
	case "":
		return ".bin"
	}
	return "." + format
}
