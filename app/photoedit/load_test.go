package photoedit

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"strings"
	"testing"
)

func TestLoadFormats(t *testing.T) {
	cyan := color.NRGBA{G: 255, B: 255, A: 255}
	firstFrameOnly := gifFrames(64, 64, red, blue)
	tests := []struct {
		name   string
		data   []byte
		format string
		size   image.Point
		want   [4]color.NRGBA // corners: top-left, top-right, bottom-left, bottom-right
	}{
		{"jpeg", jpegBytes(t, upright(96, 64)), "jpeg", image.Pt(96, 64), [4]color.NRGBA{red, green, blue, yellow}},
		{"png", pngBytes(t, upright(96, 64)), "png", image.Pt(96, 64), [4]color.NRGBA{red, green, blue, yellow}},
		{"gif first frame", gifBytes(t, firstFrameOnly), "gif", image.Pt(64, 64), [4]color.NRGBA{red, red, red, red}},
		{"bmp", bmpBytes(t, upright(96, 64)), "bmp", image.Pt(96, 64), [4]color.NRGBA{red, green, blue, yellow}},
		{
			"webp lossless",
			webpBytes(80, 50, blue, cyan, func(x, _ int) bool { return x >= 40 }),
			"webp", image.Pt(80, 50),
			[4]color.NRGBA{blue, cyan, blue, cyan},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Load(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if src.Format() != tt.format || src.Size() != tt.size || src.Orientation() != 1 {
				t.Fatalf("got %s %v orientation %d, want %s %v orientation 1",
					src.Format(), src.Size(), src.Orientation(), tt.format, tt.size)
			}
			if b := src.Image().Bounds(); b.Min != (image.Point{}) || b.Size() != tt.size {
				t.Errorf("image bounds %v", b)
			}
			cornerColours(t, src.Image(), tt.want)
		})
	}
}

func TestLoadFlattensOntoWhite(t *testing.T) {
	// JPEG has no transparency, so what the editor shows and what is
	// uploaded must agree on white, not on black.
	img := image.NewNRGBA(image.Rect(0, 0, 64, 64))
	for y := range 64 {
		for x := range 32 {
			img.SetNRGBA(x, y, color.NRGBA{R: 255, A: 128})
		}
	}
	src, err := Load(pngBytes(t, img))
	if err != nil {
		t.Fatal(err)
	}
	white := color.NRGBA{R: 255, G: 255, B: 255, A: 255}
	pink := color.NRGBA{R: 255, G: 127, B: 127, A: 255}
	if c := src.Image().At(48, 10); !near(c, white, 0) {
		t.Errorf("transparent pixel became %v, want white", c)
	}
	if c := src.Image().At(10, 10); !near(c, pink, 1) {
		t.Errorf("half-transparent red became %v, want %v", c, pink)
	}
}

func TestLoadGIFFrameOffset(t *testing.T) {
	// A first frame smaller than the GIF's screen sits at its offset, on
	// white, and later frames are ignored.
	first := image.NewPaletted(image.Rect(16, 16, 48, 48), color.Palette{red})
	second := image.NewPaletted(image.Rect(0, 0, 64, 64), color.Palette{blue})
	g := &gif.GIF{
		Image:  []*image.Paletted{first, second},
		Delay:  []int{10, 10},
		Config: image.Config{Width: 64, Height: 64},
	}
	src, err := Load(gifBytes(t, g))
	if err != nil {
		t.Fatal(err)
	}
	if src.Size() != image.Pt(64, 64) {
		t.Fatalf("size %v", src.Size())
	}
	if c := src.Image().At(32, 32); !near(c, red, 0) {
		t.Errorf("inside the first frame: %v, want red", c)
	}
	if c := src.Image().At(4, 4); !near(c, color.NRGBA{255, 255, 255, 255}, 0) {
		t.Errorf("outside the first frame: %v, want white", c)
	}
}

// ftyp is the first box of an ISO base media file with the given brands.
func ftyp(major string, compatible ...string) []byte {
	b := []byte{0, 0, 0, byte(16 + 4*len(compatible))}
	b = append(b, "ftyp"+major+"\x00\x00\x00\x00"...)
	for _, c := range compatible {
		b = append(b, c...)
	}
	return append(b, make([]byte, 64)...)
}

func TestLoadRefuses(t *testing.T) {
	// Noise, so that most of the file is pixel data after the header.
	jpg := jpegBytes(t, noise(200, 200))
	tests := []struct {
		name     string
		data     []byte
		want     error
		mentions []string // words the person must read in the message
	}{
		{"empty", nil, ErrNotAnImage, []string{"empty"}},
		{"text", []byte("Dear colleague, please find my photo attached."), ErrNotAnImage, nil},
		{"html", []byte("<!doctype html><html><body>Sign in</body></html>"), ErrNotAnImage, nil},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), ErrNotAnImage, nil},
		{"mp4 video", ftyp("isom", "isom", "mp41"), ErrNotAnImage, nil},
		{"heic", ftyp("heic", "mif1", "heic"), ErrUnsupportedFormat, []string{"HEIC", "save it as JPEG first"}},
		{"heic by compatible brand", ftyp("mif1", "mif1", "heic"), ErrUnsupportedFormat, []string{"HEIC"}},
		{"heif", ftyp("mif1", "mif1"), ErrUnsupportedFormat, []string{"HEIF", "JPEG"}},
		{"avif", ftyp("avif", "mif1", "avif"), ErrUnsupportedFormat, []string{"AVIF", "JPEG"}},
		{"tiff", []byte("II*\x00\x08\x00\x00\x00"), ErrUnsupportedFormat, []string{"TIFF"}},
		{"svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`), ErrUnsupportedFormat, []string{"SVG"}},
		{"jpeg magic then garbage", append([]byte{0xff, 0xd8, 0xff, 0xe0}, make([]byte, 64)...), ErrNotAnImage, nil},
		{"bmp magic then garbage", append([]byte("BM"), make([]byte, 64)...), ErrNotAnImage, nil},
		{"truncated jpeg", jpg[:len(jpg)*2/3], ErrDamaged, []string{"damaged"}},
		{"too small", pngBytes(t, upright(40, 40)), ErrTooSmall, []string{"40x40", "48x48"}},
		{"too narrow", pngBytes(t, upright(47, 300)), ErrTooSmall, []string{"47x300"}},
		{"too short gif", gifBytes(t, gifFrames(300, 47, red)), ErrTooSmall, nil},
		{"bomb", pngClaiming(t, 100_000, 100_000), ErrTooLarge, []string{"100000x100000"}},
		{"one row over the cap", pngClaiming(t, 8000, 8001), ErrTooLarge, nil},
		{"at the cap, header only", pngClaiming(t, 8000, 8000), ErrDamaged, nil},
		// Camera sizes are not "too large": a DSLR's 24 MP, a phone's 50 MP
		// mode. Only their header is real, so they get as far as decoding.
		{"24 MP DSLR, header only", pngClaiming(t, 6000, 4000), ErrDamaged, nil},
		{"50 MP phone, header only", pngClaiming(t, 8160, 6120), ErrDamaged, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Load(tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v (loaded %v), want %v", err, src != nil, tt.want)
			}
			for _, m := range tt.mentions {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("%q does not mention %q", err, m)
				}
			}
		})
	}
}

func TestLoadSmallestAccepted(t *testing.T) {
	src, err := Load(pngBytes(t, upright(MinSide, MinSide)))
	if err != nil {
		t.Fatal(err)
	}
	if src.Size() != image.Pt(MinSide, MinSide) {
		t.Errorf("size %v", src.Size())
	}
}

func TestInputBytesUntouched(t *testing.T) {
	// "The original file untouched": neither loading nor preparing an
	// upload may write to the bytes read from it.
	inputs := map[string][]byte{
		"jpeg with exif": withOrientation(jpegBytes(t, upright(64, 96)), bigEndian, 6),
		"png":            pngBytes(t, upright(700, 500)),
		"gif":            gifBytes(t, gifFrames(64, 64, red, blue)),
		"bmp":            bmpBytes(t, upright(96, 64)),
		"webp":           webpBytes(64, 64, blue, blue, func(int, int) bool { return false }),
	}
	for name, data := range inputs {
		t.Run(name, func(t *testing.T) {
			before := bytes.Clone(data)
			src, err := Load(data)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Prepare(src, Edit{Rotate: 1})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := PrepareSmaller(p, len(p.Bytes)-1); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, before) {
				t.Error("input bytes changed")
			}
		})
	}
}
