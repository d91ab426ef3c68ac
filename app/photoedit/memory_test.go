package photoedit

import (
	"bytes"
	"image"
	"image/color"
	"runtime"
	"testing"
)

// flattenUpright must give exactly what flattening and then turning give,
// for every EXIF orientation, across several strips and with transparency
// (flattened onto white) and a decoded JPEG's YCbCr.
func TestFlattenUprightMatchesOrient(t *testing.T) {
	seeThrough := noise(151, 200)
	for i := 3; i < len(seeThrough.Pix); i += 16 {
		seeThrough.Pix[i] = 90
	}
	decoded, err := jpegCodec.decode(bytes.NewReader(jpegBytes(t, noise(130, 77))))
	if err != nil {
		t.Fatal(err)
	}
	for name, img := range map[string]image.Image{"nrgba": seeThrough, "ycbcr": decoded} {
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		want0 := flatten(img, w, h)
		for o := 1; o <= 8; o++ {
			want, got := orient(want0, o), flattenUpright(img, w, h, o)
			if got.Rect != want.Rect {
				t.Fatalf("%s, orientation %d: %v, want %v", name, o, got.Rect, want.Rect)
			}
			for y := range want.Rect.Dy() {
				for x := range want.Rect.Dx() {
					if g, w := got.RGBAAt(x, y), want.RGBAAt(x, y); g != w {
						t.Fatalf("%s, orientation %d: (%d,%d) = %v, want %v", name, o, x, y, g, w)
					}
				}
			}
		}
	}
}

// Item 1 of the tester's report: a 50 MP photo must load without Load
// holding several full-size copies. Flattening and then turning an EXIF
// rotated JPEG made two RGBA copies (8 bytes a pixel) next to the decoded
// YCbCr (1.5); one copy plus the decoded picture is the least Go's decoder
// allows. Measured on a small photo, where the ratio is the same.
func TestLoadMakesOneFullSizeCopy(t *testing.T) {
	const w, h = 1200, 900
	data := withOrientation(jpegBytes(t, noise(w, h)), bigEndian, 6)
	perPixel := func() float64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		src, err := Load(data)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		runtime.KeepAlive(src)
		return float64(after.TotalAlloc-before.TotalAlloc) / (w * h)
	}
	perPixel() // warm up the decoder's tables
	if got := perPixel(); got > 7 {
		t.Errorf("Load allocated %.1f bytes a pixel; want the decoded picture (1.5) and one RGBA copy (4)", got)
	}
}

// BenchmarkLoad50MP loads and prepares a 50 MP phone photo (8160x6120,
// turned by EXIF) and reports the memory it took: "MB-alloc" all that was
// allocated, "MB-peak" the most the heap held (sampled by a GC after each
// step, so a lower bound). Run with -bench Load50MP -benchtime 3x.
func BenchmarkLoad50MP(b *testing.B) {
	const w, h = 8160, 6120
	data := withOrientation(jpegBytes(b, gradient(w, h)), bigEndian, 6)
	b.ResetTimer()
	var alloc, peak uint64
	for b.Loop() {
		runtime.GC()
		var base, m runtime.MemStats
		runtime.ReadMemStats(&base)
		src, err := Load(data)
		if err != nil {
			b.Fatal(err)
		}
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapAlloc-base.HeapAlloc)
		if _, err := Prepare(src, Edit{}); err != nil {
			b.Fatal(err)
		}
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapAlloc-base.HeapAlloc)
		alloc = m.TotalAlloc - base.TotalAlloc
	}
	b.ReportMetric(float64(alloc)/1e6, "MB-alloc")
	b.ReportMetric(float64(peak)/1e6, "MB-peak")
}

// gradient is a smooth w x h picture, quicker to encode than noise at 50 MP
// and closer to what a camera's JPEG decodes to.
func gradient(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	return img
}
