package photoedit

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"slices"
	"testing"
)

// checkUpload asserts what every upload must be: a decodable square
// baseline JPEG of the stated size, within the byte limit, with no EXIF.
func checkUpload(t *testing.T, p *Prepared, side, maxBytes int) image.Image {
	t.Helper()
	if p.ContentType != "image/jpeg" {
		t.Errorf("content type %q", p.ContentType)
	}
	if p.Width != side || p.Height != side {
		t.Errorf("%dx%d, want %dx%d", p.Width, p.Height, side, side)
	}
	if len(p.Bytes) > maxBytes {
		t.Errorf("%d bytes, over %d", len(p.Bytes), maxBytes)
	}
	if !slices.Contains(qualities[:], p.Quality) {
		t.Errorf("quality %d is not one of %v", p.Quality, qualities)
	}
	if bytes.Contains(p.Bytes, []byte("Exif\x00\x00")) {
		t.Error("EXIF left in the upload")
	}
	img, err := jpeg.Decode(bytes.NewReader(p.Bytes))
	if err != nil {
		t.Fatalf("upload does not decode: %v", err)
	}
	if img.Bounds() != image.Rect(0, 0, p.Width, p.Height) {
		t.Errorf("decoded bounds %v", img.Bounds())
	}
	return img
}

func TestPrepareSizes(t *testing.T) {
	t.Parallel() // among the slowest under -race; two cores run two at once
	tests := []struct {
		name string
		size image.Point
		edit Edit
		want int
	}{
		{"larger is scaled to 648", image.Pt(1000, 800), Edit{}, UploadSide},
		{"648 stays", image.Pt(648, 700), Edit{}, UploadSide},
		{"smaller is never upscaled", image.Pt(300, 300), Edit{}, 300},
		{"a small crop of a large photo is never upscaled", image.Pt(2000, 2000), Edit{Crop: image.Rect(500, 500, 700, 700)}, 200},
		{"the shorter side decides", image.Pt(100, 60), Edit{}, 60},
		{"the smallest accepted", image.Pt(MinSide, MinSide), Edit{}, MinSide},
		{"turned", image.Pt(900, 700), Edit{Rotate: 3}, UploadSide},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := sourceOf(upright(tt.size.X, tt.size.Y))
			p, err := Prepare(src, tt.edit)
			if err != nil {
				t.Fatal(err)
			}
			checkUpload(t, p, tt.want, TargetBytes)
			if p.Quality != qualities[0] {
				t.Errorf("a plain picture needed quality %d", p.Quality)
			}
		})
	}
}

func TestPrepareNoisyPhotoFitsTarget(t *testing.T) {
	t.Parallel() // among the slowest under -race; two cores run two at once
	// Noise is the worst case for JPEG. At 2000x2000, scaling to 648
	// averages some of it away; at 648x648 nothing does, and quality alone
	// cannot reach the target, so the side must shrink too.
	tests := []struct {
		name   string
		side   int
		shrunk bool
	}{
		{"2000x2000", 2000, false},
		{"648x648, too noisy for quality alone", UploadSide, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Prepare(sourceOf(noise(tt.side, tt.side)), Edit{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Width > UploadSide || p.Width < MinSide || tt.shrunk != (p.Width < UploadSide) {
				t.Errorf("side %d", p.Width)
			}
			checkUpload(t, p, p.Width, TargetBytes)
			t.Logf("%dx%d at quality %d, %d bytes", p.Width, p.Height, p.Quality, len(p.Bytes))
		})
	}
}

func TestPrepareUprightWithoutEXIF(t *testing.T) {
	// A phone photo stored on its side with orientation 6 is uploaded
	// upright, and without the tag, which would turn it again.
	stored := quadrants(600, 900, green, yellow, red, blue) // orientation 6's storage of upright()
	src, err := Load(withOrientation(jpegBytes(t, stored), littleEndian, 6))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(src, Edit{})
	if err != nil {
		t.Fatal(err)
	}
	img := checkUpload(t, p, 600, TargetBytes)
	if jpegOrientation(p.Bytes) != 1 {
		t.Error("the upload still carries an orientation")
	}
	cornerColours(t, img, [4]color.NRGBA{red, green, blue, yellow})
}

func TestPrepareSmaller(t *testing.T) {
	t.Parallel() // among the slowest under -race; two cores run two at once
	src := sourceOf(noise(500, 500))
	p, err := Prepare(src, Edit{})
	if err != nil {
		t.Fatal(err)
	}
	limit := len(p.Bytes) / 2
	smaller, err := PrepareSmaller(p, limit)
	if err != nil {
		t.Fatal(err)
	}
	checkUpload(t, smaller, smaller.Width, limit)

	// Asking for more than p has still gives something smaller than p.
	again, err := PrepareSmaller(smaller, 10*TargetBytes)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Bytes) >= len(smaller.Bytes) {
		t.Errorf("%d bytes, not smaller than %d", len(again.Bytes), len(smaller.Bytes))
	}

	// A Prepared made elsewhere, with only its bytes, works from them.
	byHand, err := PrepareSmaller(&Prepared{Bytes: p.Bytes}, limit)
	if err != nil {
		t.Fatal(err)
	}
	checkUpload(t, byHand, byHand.Width, limit)
}

func TestPrepareSmallerRefuses(t *testing.T) {
	src := load(t, upright(MinSide, MinSide))
	p, err := Prepare(src, Edit{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		p        *Prepared
		maxBytes int
		want     error
	}{
		{"nothing asked", p, 0, ErrCannotShrink},
		{"impossible", p, 10, ErrCannotShrink},
		{"not a picture", &Prepared{Bytes: []byte("not a jpeg")}, 1000, ErrNotAnImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := PrepareSmaller(tt.p, tt.maxBytes); !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
