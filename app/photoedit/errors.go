package photoedit

import "errors"

// The errors below are returned wrapped, with the details of the picture at
// hand; test for them with errors.Is. Their texts are written to be shown
// to the person who picked the file.
var (
	// ErrNotAnImage is returned for bytes that are not a picture at all:
	// a document, a video, an empty file (worded as such).
	ErrNotAnImage = errors.New("not a picture (choose a JPEG, PNG, GIF, BMP or WebP file)")

	// ErrUnsupportedFormat is returned for a real picture format that
	// cannot be read here, such as HEIC from an iPhone; the wrapped text
	// names the format and what to do.
	ErrUnsupportedFormat = errors.New("picture format not supported")

	// ErrDamaged is returned for a picture whose header reads but whose
	// pixels do not: a truncated download or a corrupt file.
	ErrDamaged = errors.New("the picture is damaged or incomplete")

	// ErrTooSmall is returned for a picture narrower or shorter than
	// MinSide pixels.
	ErrTooSmall = errors.New("the picture is too small for a profile photo")

	// ErrTooLarge is returned, before any pixel is decoded, for a picture
	// whose header claims more than MaxPixels pixels.
	ErrTooLarge = errors.New("the picture is too large")

	// ErrCannotShrink is returned when no size and quality brings the JPEG
	// under the byte limit asked for.
	ErrCannotShrink = errors.New("the photo cannot be made small enough")
)

// errEmptyFile is ErrNotAnImage for a file of no bytes at all, worded for
// what it usually is.
var errEmptyFile = &wordedError{
	"the file is empty (0 bytes): its copy or download may not have finished",
	ErrNotAnImage,
}
