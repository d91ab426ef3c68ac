package app

import (
	"errors"
	"image"
	"image/color"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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

// Issue 14, defect 9: the cap is what a profile photo can be, 16 MP in
// total, and the refusal names the size and the limit.
func TestDecodeImageCapIs16Megapixels(t *testing.T) {
	if DefaultMaxImagePixels != 16_000_000 {
		t.Errorf("DefaultMaxImagePixels = %d, want 16000000", DefaultMaxImagePixels)
	}
	_, err := DecodeImage(pngBomb(t, 4000, 4001), 0)
	if !errors.Is(err, ErrImageTooLarge) {
		t.Fatalf("4000x4001 PNG: err = %v, want ErrImageTooLarge", err)
	}
	for _, want := range []string{"4000x4001", "16.0 megapixels", "at most"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	// Exactly at the cap passes the check (and then fails on the bomb's
	// missing pixels, not on its size).
	if _, err := DecodeImage(pngBomb(t, 4000, 4000), 0); errors.Is(err, ErrImageTooLarge) {
		t.Errorf("4000x4000 is refused as too large: %v", err)
	}
}

// Issue 14, defect 9: however many photos are decoded at once, no more
// than cap(decodeSlots) full decodes run together.
func TestDecodeConcurrencyIsBounded(t *testing.T) {
	const bound, callers = 2, 8
	oldSlots := decodeSlots
	decodeSlots = make(chan struct{}, bound)
	release := make(chan struct{})
	var entered, peak atomic.Int32
	decodeHeld = func() {
		entered.Add(1)
		n := decodesRunning.Load()
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		<-release
	}
	t.Cleanup(func() { decodeSlots, decodeHeld = oldSlots, nil })

	data := encodePNG(t, testImage(20, 20))
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for range callers {
		wg.Go(func() {
			_, err := DecodeImage(data, 0)
			errs <- err
		})
	}
	// Wait until every caller is either decoding or queued for a slot,
	// then watch a little longer for one that slips past the bound.
	deadline := time.Now().Add(5 * time.Second)
	for entered.Load()+decodeQueued.Load() < callers && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	for watch := time.Now().Add(100 * time.Millisecond); time.Now().Before(watch); {
		if decodesRunning.Load() > bound {
			break
		}
		runtime.Gosched()
	}
	running := decodesRunning.Load()
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if running > bound || peak.Load() > bound {
		t.Errorf("%d decodes ran at once (peak %d), want at most %d", running, peak.Load(), bound)
	}
	if entered.Load() != callers {
		t.Errorf("%d of %d decodes ran", entered.Load(), callers)
	}
}
