package photoedit

import (
	"bytes"
	"errors"
	"fmt"

	"golang.org/x/image/bmp"
)

// Info is what a picture's header says, read without decoding a pixel.
type Info struct {
	Format        string // "jpeg", "png", "gif", "bmp" or "webp"
	Width, Height int    // as stored, before any EXIF turn
}

// Inspect runs Load's checks on data's header alone — a picture, of a
// readable format, not absurdly large, at least MinSide on each side —
// so a folder of hundreds of photos can be previewed without decoding
// them. A picture Inspect accepts can still be damaged past its header;
// Load finds that out.
func Inspect(data []byte) (Info, error) {
	c, err := sniff(data)
	if err != nil {
		return Info{}, err
	}
	cfg, err := c.decodeConfig(bytes.NewReader(data))
	if c.name == "bmp" && errors.Is(err, bmp.ErrUnsupported) {
		if err := bmpUnsupported(data); err != nil {
			return Info{}, err
		}
	}
	if err != nil {
		return Info{}, fmt.Errorf("%w: the %s header cannot be read: %w", ErrNotAnImage, c.name, err)
	}
	in := Info{Format: c.name, Width: cfg.Width, Height: cfg.Height}
	w, h := cfg.Width, cfg.Height
	switch {
	case w <= 0 || h <= 0:
		return in, fmt.Errorf("%w: a %s of %dx%d pixels", ErrNotAnImage, c.name, w, h)
	case int64(w)*int64(h) > MaxPixels:
		return in, fmt.Errorf("%w: %dx%d pixels is more than %d megapixels; save a smaller copy first",
			ErrTooLarge, w, h, MaxPixels/1_000_000)
	case w < MinSide || h < MinSide:
		return in, fmt.Errorf("%w: %dx%d pixels, and Microsoft 365 needs at least %dx%d",
			ErrTooSmall, w, h, MinSide, MinSide)
	}
	return in, nil
}
