package photoedit

import (
	"image"
	"image/color"
	"testing"
)

func TestOrientationMakesUpright(t *testing.T) {
	// How a camera stores the upright picture (red, green, blue, yellow
	// from the top left, 96x64) for each EXIF orientation, worked out from
	// the standard's wording ("row 0 is the visual right side, column 0
	// the visual top" for 6, and so on), independently of orient.
	stored := map[int][4]color.NRGBA{
		1: {red, green, blue, yellow},
		2: {green, red, yellow, blue}, // mirrored left to right
		3: {yellow, blue, green, red}, // upside down
		4: {blue, yellow, red, green}, // mirrored top to bottom
		5: {red, blue, green, yellow}, // transposed
		6: {green, yellow, red, blue}, // turned a quarter anticlockwise
		7: {yellow, green, blue, red}, // transversed
		8: {blue, red, yellow, green}, // turned a quarter clockwise
	}
	for o := 1; o <= 8; o++ {
		for _, order := range []struct {
			name string
			bo   byteOrder
		}{{"II", littleEndian}, {"MM", bigEndian}} {
			t.Run(order.name+"/"+string(rune('0'+o)), func(t *testing.T) {
				w, h := 96, 64
				if o >= 5 {
					w, h = h, w
				}
				c := stored[o]
				data := withOrientation(jpegBytes(t, quadrants(w, h, c[0], c[1], c[2], c[3])), order.bo, o)
				src, err := Load(data)
				if err != nil {
					t.Fatal(err)
				}
				if src.Orientation() != o {
					t.Errorf("orientation %d, want %d", src.Orientation(), o)
				}
				if src.Size() != image.Pt(96, 64) {
					t.Fatalf("size %v, want 96x64", src.Size())
				}
				cornerColours(t, src.Image(), [4]color.NRGBA{red, green, blue, yellow})
			})
		}
	}
}

func TestTIFFOrientation(t *testing.T) {
	good := tiffWithOrientation(littleEndian, 3, 6)
	tests := []struct {
		name string
		tiff []byte
		want int // 0: not found
	}{
		{"little-endian short", good, 6},
		{"big-endian short", tiffWithOrientation(bigEndian, 3, 8), 8},
		{"long, as some tools write", tiffWithOrientation(bigEndian, 4, 3), 3},
		{"zero", tiffWithOrientation(littleEndian, 3, 0), 0},
		{"nine", tiffWithOrientation(littleEndian, 3, 9), 0},
		{"ascii type", tiffWithOrientation(littleEndian, 2, 6), 0},
		{"bad byte order", append([]byte("IM"), good[2:]...), 0},
		{"bad magic", append([]byte("II\x2b\x00"), good[4:]...), 0},
		{"ifd past the end", append(append([]byte{}, good[:4]...), 0xff, 0xff, 0xff, 0xff), 0},
		{"huge entry count", append(append([]byte{}, good[:8]...), 0xff, 0xff), 0},
		{"empty", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, ok := tiffOrientation(tt.tiff)
			if ok != (tt.want != 0) || ok && o != tt.want {
				t.Errorf("got %d, %v; want %d", o, ok, tt.want)
			}
		})
	}
	// Every truncation of a good block must fail cleanly, never panic.
	for n := range len(good) {
		if _, ok := tiffOrientation(good[:n]); ok && n < len(good)-4 {
			t.Errorf("found a tag in the first %d of %d bytes", n, len(good))
		}
	}
}

func TestJPEGOrientation(t *testing.T) {
	jpg := jpegBytes(t, upright(64, 64))
	exif6 := append([]byte("Exif\x00\x00"), tiffWithOrientation(bigEndian, 3, 6)...)
	jfif := []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
	xmp := []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta/>")
	tests := []struct {
		name string
		data []byte
		want int
	}{
		{"none", jpg, 1},
		{"exif", withSegment(jpg, 0xe1, exif6), 6},
		{"after JFIF APP0", withSegment(withSegment(jpg, 0xe1, exif6), 0xe0, jfif), 6},
		{"after an XMP APP1", withSegment(withSegment(jpg, 0xe1, exif6), 0xe1, xmp), 6},
		{"fill bytes before the marker", append([]byte{0xff, 0xd8, 0xff, 0xff}, withSegment(jpg, 0xe1, exif6)[2:]...), 6},
		{"segment longer than the file", withSegment(jpg, 0xe1, exif6)[:30], 1},
		{"exif without its header", withSegment(jpg, 0xe1, exif6[6:]), 1},
		{"not a jpeg", pngBytes(t, upright(8, 8)), 1},
		{"empty", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jpegOrientation(tt.data); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}
