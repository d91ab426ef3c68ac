package cli

import (
	"bytes"
	be "encoding/binary"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/photodesk/photodesk/graphapi/sandbox"
	"github.com/photodesk/photodesk/graphapi/sandbox/identity"
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

	up, err := pictureToUpload(file, "none")
	if err != nil {
		t.Fatal(err)
	}
	data, contentType, notes := up.data, up.contentType, up.notes
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
	up, err = pictureToUpload(plain, "none")
	if err != nil || !bytes.Equal(up.data, b.Bytes()) || len(up.notes) != 0 {
		t.Fatalf("upright JPEG: %+v, err %v; want its own bytes, no notes", up, err)
	}
}

// Item 3 of the tester's report: an animated GIF was uploaded as its first
// frame without a word.
func TestSetSaysOnlyAGIFsFirstFrameIsUsed(t *testing.T) {
	pal := color.Palette{color.RGBA{R: 255, A: 255}, color.RGBA{B: 255, A: 255}}
	g := &gif.GIF{}
	for i := range 2 {
		frame := image.NewPaletted(image.Rect(0, 0, 64, 64), pal)
		for j := range frame.Pix {
			frame.Pix[j] = uint8(i)
		}
		g.Image, g.Delay = append(g.Image, frame), append(g.Delay, 10)
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, g); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "wave.gif")
	if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	up, err := pictureToUpload(file, "center")
	if err != nil {
		t.Fatal(err)
	}
	if len(up.notes) != 1 || !strings.Contains(up.notes[0], "animated GIF") || !strings.Contains(up.notes[0], "first frame") {
		t.Errorf("notes %q, want one saying only the first frame is used", up.notes)
	}
}

// Item 3 of the tester's report: a camera-sized JPEG under 4 MB sent with
// --crop none, refused by Graph with a 400, was explained as "Try another
// file" with nothing about its size. (The sandbox, like Graph, refuses
// pictures over about 16 megapixels.)
func TestSetCropNoneRefusalNamesTheSize(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 4100, 4100)) // 16.8 MP of one grey: a small file
	for i := range img.Pix {
		img.Pix[i] = 128
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 50}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "camera.jpg")
	if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	tn := newTenant(t, sandbox.Options{Users: 30})
	who := tn.Dir.Examples().FullHD.UserPrincipalName
	code, _, stderr := photodesk(t, cmdOpts{env: writeEnv(t, tn, identity.DemoUPN)},
		"set", "--user", who, "--file", file, "--crop", "none", "--backup", t.TempDir())
	for _, want := range []string{"4100x4100", "16.8 megapixels", "Leave out --crop none"} {
		if code != ExitFailure || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, stderr, want)
		}
	}
}

// Item 4 of the tester's report: set's refusals of a file capitalised its
// name ("Portraits: not a file", "Img: …") and showed the system call
// ("Stat ./photo.jpg: no such file or directory").
func TestSetFileErrorsKeepTheNameAsTyped(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "portraits"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "img"), []byte("not a picture at all"), 0o600); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		"./photo.jpg":      "No such file: ./photo.jpg",
		"portraits":        "Not a file (a folder, a device or a pipe): portraits",
		"img":              "Cannot use img: not a picture",
		"img/quad.png":     "Cannot read img/quad.png: not a directory",
		"portraits/x.jpeg": "No such file: portraits/x.jpeg",
	} {
		code, _, stderr := photodesk(t, cmdOpts{dir: dir}, "set", "--me", "--file", file)
		if code != ExitFailure || !strings.Contains(stderr, "photodesk set: "+want) {
			t.Errorf("--file %s: exit %d, stderr %q; want %q", file, code, stderr, want)
		}
		if strings.Contains(strings.ToLower(stderr), "stat ") || strings.Contains(stderr, "open "+file) {
			t.Errorf("--file %s: stderr %q shows the system call", file, stderr)
		}
	}
}
