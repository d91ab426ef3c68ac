package photoedit

import (
	"bytes"
	"errors"
	"image"
	"testing"
)

// FuzzExifOrientation feeds arbitrary bytes to the EXIF parser three ways:
// as a whole file, as the TIFF block inside APP1, and wrapped in a JPEG's
// APP1 segment, so the fuzzer reaches the IFD walk without first having to
// invent a JPEG. Whatever the bytes, the answer is an orientation 1–8 and
// nothing panics or reads out of bounds.
func FuzzExifOrientation(f *testing.F) {
	f.Add(tiffWithOrientation(littleEndian, 3, 6))
	f.Add(tiffWithOrientation(bigEndian, 3, 8))
	f.Add(tiffWithOrientation(bigEndian, 4, 3))
	f.Add(withOrientation(jpegBytes(f, upright(8, 8)), bigEndian, 5))
	f.Add([]byte("MM\x00\x2a\x00\x00\x00\x08\xff\xff"))
	f.Add([]byte{})
	skeleton := []byte{0xff, 0xd8, 0xff, 0xd9}
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := jpegOrientation(data); o < 1 || o > 8 {
			t.Fatalf("jpegOrientation = %d", o)
		}
		if o, ok := tiffOrientation(data); ok && (o < 1 || o > 8) || !ok && o != 0 {
			t.Fatalf("tiffOrientation = %d, %v", o, ok)
		}
		if len(data) <= 0xffff-8 {
			app1 := withSegment(skeleton, 0xe1, append([]byte("Exif\x00\x00"), data...))
			want, ok := tiffOrientation(data)
			if !ok {
				want = 1
			}
			if got := jpegOrientation(app1); got != want {
				t.Fatalf("through APP1: %d, directly: %d", got, want)
			}
		}
	})
}

// FuzzLoad feeds arbitrary bytes to Load. It must refuse with one of its
// errors or return a Source that keeps every promise: within the size
// limits, a known format, an orientation 1–8, renderable; and the input is
// never written to.
func FuzzLoad(f *testing.F) {
	small := upright(MinSide, MinSide)
	f.Add(jpegBytes(f, small))
	f.Add(withOrientation(jpegBytes(f, upright(MinSide, 64)), littleEndian, 6))
	f.Add(pngBytes(f, small))
	f.Add(gifBytes(f, gifFrames(MinSide, MinSide, red, blue)))
	f.Add(bmpBytes(f, small))
	f.Add(webpBytes(MinSide, MinSide, blue, blue, func(x, y int) bool { return x == y }))
	f.Add(ftyp("heic", "mif1", "heic"))
	f.Add(pngClaiming(f, 100_000, 100_000))
	f.Add([]byte("not a picture"))
	sentinels := []error{ErrNotAnImage, ErrUnsupportedFormat, ErrDamaged, ErrTooSmall, ErrTooLarge}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := bytes.Clone(data)
		src, err := Load(data)
		if !bytes.Equal(data, before) {
			t.Fatal("Load changed its input")
		}
		if err != nil {
			if !isAny(err, sentinels) {
				t.Fatalf("error %q wraps none of the package's errors", err)
			}
			return
		}
		size := src.Size()
		if size.X < MinSide || size.Y < MinSide || size.X*size.Y > MaxPixels {
			t.Fatalf("accepted %v", size)
		}
		if o := src.Orientation(); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
		switch src.Format() {
		case "jpeg", "png", "gif", "bmp", "webp":
		default:
			t.Fatalf("format %q", src.Format())
		}
		if b := Render(src, Edit{Rotate: 1}, MinSide).Bounds(); b != image.Rect(0, 0, MinSide, MinSide) {
			t.Fatalf("render bounds %v", b)
		}
	})
}

func isAny(err error, targets []error) bool {
	for _, target := range targets {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}
