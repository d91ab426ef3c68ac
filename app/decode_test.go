package app

import (
	"errors"
	"image"
	"image/color"
	"testing"
)

func TestDecodeImageFormats(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		format string
		w, h   int
	}{
		{"jpeg", encodeJPEG(t, 64, 48), "jpeg", 64, 48},
		{"png", encodePNG(t, testImage(30, 40)), "png", 30, 40},
		{"gif", encodeGIF(t, 12, 12), "gif", 12, 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DecodeImage(tt.data, 0)
			if err != nil {
				t.Fatal(err)
			}
			if d.Format != tt.format || d.Width != tt.w || d.Height != tt.h || d.Image.Bounds().Dx() != tt.w {
				t.Errorf("got %s %dx%d", d.Format, d.Width, d.Height)
			}
		})
	}
}

func TestDecodeImageRefuses(t *testing.T) {
	jpg := encodeJPEG(t, 64, 64)
	tests := []struct {
		name      string
		data      []byte
		maxPixels int
		want      error
	}{
		{"html", []byte("<html><body>Service unavailable</body></html>"), 0, ErrNotImage},
		{"json error", []byte(`{"error":{"code":"ImageNotFound"}}`), 0, ErrNotImage},
		{"empty", nil, 0, ErrNotImage},
		{"truncated jpeg", jpg[:len(jpg)/2], 0, ErrNotImage},
		{"jpeg magic then garbage", append([]byte{0xff, 0xd8, 0xff, 0xe0}, make([]byte, 64)...), 0, ErrNotImage},
		{"bomb over default cap", pngBomb(t, 100_000, 100_000), 0, ErrImageTooLarge},
		{"bomb just over cap", pngBomb(t, 5000, 4001), 0, ErrImageTooLarge},
		{"over a custom cap", encodePNG(t, testImage(20, 20)), 399, ErrImageTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DecodeImage(tt.data, tt.maxPixels)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v (decoded %v), want %v", err, d != nil, tt.want)
			}
		})
	}
	if _, err := DecodeImage(encodePNG(t, testImage(20, 20)), 400); err != nil {
		t.Errorf("exactly at the cap: %v", err)
	}
}

func TestThumbnail(t *testing.T) {
	// A wide red image over transparency: the thumbnail is 48x48 with the
	// image centred and transparent bands above and below.
	src := image.NewNRGBA(image.Rect(0, 0, 96, 48))
	for y := range 48 {
		for x := range 96 {
			src.SetNRGBA(x, y, color.NRGBA{R: 255, A: 255})
		}
	}
	th := thumbnail(src, 48)
	if th.Bounds().Dx() != 48 || th.Bounds().Dy() != 48 {
		t.Fatalf("bounds %v", th.Bounds())
	}
	if _, _, _, a := th.At(24, 2).RGBA(); a != 0 {
		t.Errorf("top band alpha %d, want transparent", a)
	}
	if r, g, _, a := th.At(24, 24).RGBA(); r>>8 != 255 || g != 0 || a>>8 != 255 {
		t.Errorf("centre = %d,%d,%d", r>>8, g>>8, a>>8)
	}
	// A small image is not scaled up.
	small := thumbnail(testImage(10, 10), 48)
	if _, _, _, a := small.At(5, 5).RGBA(); a != 0 {
		t.Error("10x10 was scaled up")
	}
}
