package cli

import (
	"bytes"
	be "encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withEXIFOrientation is jpg with an APP1 Exif segment right after SOI
// saying orientation o, as a phone camera writes it.
func withEXIFOrientation(jpg []byte, o uint16) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08") // big-endian, IFD0 at 8
	tiff = be.BigEndian.AppendUint16(tiff, 1)
	tiff = be.BigEndian.AppendUint16(tiff, 0x0112) // Orientation
	tiff = be.BigEndian.AppendUint16(tiff, 3)      // SHORT
	tiff = be.BigEndian.AppendUint32(tiff, 1)
	tiff = be.BigEndian.AppendUint16(tiff, o)
	tiff = append(tiff, 0, 0, 0, 0, 0, 0) // padding, then no IFD1
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := be.BigEndian.AppendUint16([]byte{0xff, 0xe1}, uint16(2+len(payload)))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, append(seg, payload...)...)
	return append(out, jpg[2:]...)
}

// Item 2 of the tester's report: --crop none sent a phone photo stored
// sideways (EXIF orientation 6) as it was, and Graph, which strips
// metadata, showed it on its side. It is sent upright, with a note.
func TestSetCropNoneTurnsAnEXIFRotatedJPEGUpright(t *testing.T) {
	// Stored 96 wide and 64 high, left half red, right half blue; turned a
	// quarter clockwise it is 64x96 with red on top.
	img := image.NewRGBA(image.Rect(0, 0, 96, 64))
	for y := range 64 {
		for x := range 96 {
			c := color.RGBA{R: 255, A: 255}
			if x >= 48 {
				c = color.RGBA{B: 255, A: 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "sideways.jpg")
	if err := os.WriteFile(file, withEXIFOrientation(b.Bytes(), 6), 0o600); err != nil {
		t.Fatal(err)
	}

	data, contentType, notes, err := pictureToUpload(file, "none")
	if err != nil {
		t.Fatal(err)
	}
	sent, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil || contentType != "image/jpeg" {
		t.Fatalf("sent %s: %v", contentType, err)
	}
	if got := sent.Bounds().Size(); got != image.Pt(64, 96) {
		t.Fatalf("sent %v, want 64x96 (upright)", got)
	}
	top, bottom := sent.At(32, 10).(color.YCbCr), sent.At(32, 85).(color.YCbCr)
	if r, _, bl, _ := top.RGBA(); r < bl {
		t.Errorf("top is not red: %v", top)
	}
	if r, _, bl, _ := bottom.RGBA(); bl < r {
		t.Errorf("bottom is not blue: %v", bottom)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "orientation 6") || !strings.Contains(notes[0], "upright") {
		t.Errorf("notes %q, want one saying it was turned upright", notes)
	}

	// An upright JPEG is still sent byte for byte.
	plain := filepath.Join(t.TempDir(), "plain.jpg")
	if err := os.WriteFile(plain, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	data, _, notes, err = pictureToUpload(plain, "none")
	if err != nil || !bytes.Equal(data, b.Bytes()) || len(notes) != 0 {
		t.Errorf("upright JPEG: same bytes %v, notes %q, err %v", bytes.Equal(data, b.Bytes()), notes, err)
	}
}
