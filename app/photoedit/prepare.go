package photoedit

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
)

// Prepared is a photo ready to upload: a square baseline JPEG with no EXIF
// or other metadata (re-encoding drops it all, including a location).
type Prepared struct {
	Bytes         []byte
	ContentType   string // always "image/jpeg", the type Graph stores
	Width, Height int    // equal: Graph expects a square
	Quality       int    // the JPEG quality that fitted, 90 down to 60

	// full is the square before encoding, so PrepareSmaller starts again
	// from pixels rather than piling JPEG artefacts on a decoded JPEG.
	full *image.RGBA
}

// qualities are tried in order until the JPEG fits. Below 60, blocks and
// ringing show on skin and hair, while a somewhat smaller photo still
// looks sharp at the 48–240 px it is mostly shown at, so past 60 the side
// shrinks instead.
var qualities = [...]int{90, 85, 80, 75, 70, 65, 60}

// Prepare makes the upload for src edited by e: the square scaled to
// UploadSide when larger, never upscaled (a 300x300 crop stays 300x300),
// at the best quality that keeps it within TargetBytes, and smaller only
// if no quality gets there.
func Prepare(src *Source, e Edit) (*Prepared, error) {
	return fit(uploadSquare(src, e), TargetBytes)
}

// uploadSquare is the edited square at the size it is uploaded at, before
// any encoding: UploadSide, or the crop's own side when that is smaller.
func uploadSquare(src *Source, e Edit) *image.RGBA {
	return render(src, e, min(e.Square(src).Dx(), UploadSide))
}

// PrepareSmaller re-encodes p to at most maxBytes, and always smaller than
// p, for when Microsoft 365 refused p (accounts without an Exchange
// mailbox answer 404 to uploads they find too big). It lowers the quality
// first and the size after, as Prepare does, starting again from p's
// pixels before encoding when p came from Prepare.
func PrepareSmaller(p *Prepared, maxBytes int) (*Prepared, error) {
	if maxBytes <= 0 {
		return nil, fmt.Errorf("%w: asked for %d bytes", ErrCannotShrink, maxBytes)
	}
	full := p.full
	if full == nil {
		// A Prepared built by hand, say from a photo Graph already has:
		// its bytes go through Load's checks like any other file.
		src, err := Load(p.Bytes)
		if err != nil {
			return nil, err
		}
		full = uploadSquare(src, Edit{})
	}
	return fit(full, min(maxBytes, len(p.Bytes)-1))
}

// fit encodes full at falling qualities, then at falling sizes, until the
// JPEG has at most maxBytes; the first that fits is the best looking.
func fit(full *image.RGBA, maxBytes int) (*Prepared, error) {
	img := full
	for {
		var smallest []byte
		for _, q := range qualities {
			b, err := encodeJPEG(img, q)
			if err != nil {
				return nil, err
			}
			if len(b) <= maxBytes {
				size := img.Rect.Size()
				return &Prepared{Bytes: b, ContentType: "image/jpeg", Width: size.X, Height: size.Y, Quality: q, full: full}, nil
			}
			smallest = b
		}
		side := img.Rect.Dx()
		if side <= MinSide {
			return nil, fmt.Errorf("%w: %d bytes at %dx%d pixels, and at most %d were asked for",
				ErrCannotShrink, len(smallest), side, side, maxBytes)
		}
		// Bytes grow with the pixel count, so aim for the side at which
		// the lowest quality would just fit, a little under to save a
		// round, and always at least a tenth smaller so the loop ends.
		next := int(float64(side) * math.Sqrt(float64(maxBytes)/float64(len(smallest))) * 0.95)
		img = scale(full, full.Rect, max(MinSide, min(next, side*9/10)))
	}
}

// encodeJPEG encodes img at quality q. Go's encoder writes no metadata
// segments at all, which is what strips EXIF from the upload.
func encodeJPEG(img image.Image, q int) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		return nil, fmt.Errorf("encode jpeg: %w", err)
	}
	return buf.Bytes(), nil
}

// EncodeUpright is the whole upright picture — not cropped, not scaled —
// as a JPEG of at most maxBytes, at the best quality that fits. It is for
// sending a photo "as it is" when its file is stored turned (an EXIF
// orientation other than 1): Graph strips metadata, so the file's own
// bytes would be shown on their side. ErrCannotShrink when no quality
// fits, since making it smaller is Prepare's job.
func EncodeUpright(src *Source, maxBytes int) ([]byte, error) {
	var size int
	for _, q := range qualities {
		b, err := encodeJPEG(src.img, q)
		if err != nil {
			return nil, err
		}
		if len(b) <= maxBytes {
			return b, nil
		}
		size = len(b)
	}
	return nil, fmt.Errorf("%w: %d bytes at quality %d, and at most %d were asked for",
		ErrCannotShrink, size, qualities[len(qualities)-1], maxBytes)
}
