package photoedit

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"testing"

	"golang.org/x/image/bmp"
)

// The four corner colours of a quadrants picture: far apart, so JPEG
// artefacts never turn one into another.
var (
	red    = color.NRGBA{R: 255, A: 255}
	green  = color.NRGBA{G: 255, A: 255}
	blue   = color.NRGBA{B: 255, A: 255}
	yellow = color.NRGBA{R: 255, G: 255, A: 255}
)

// quadrants is a w x h picture whose top-left quarter is a, top-right b,
// bottom-left c and bottom-right d: any turn or mirror moves them. Rows are
// copied rather than set pixel by pixel, since -race makes each Set slow.
func quadrants(w, h int, a, b, c, d color.NRGBA) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		left, right := a, b
		if y*2/h == 1 {
			left, right = c, d
		}
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := range w {
			col := left
			if x*2/w == 1 {
				col = right
			}
			copy(row[4*x:], []byte{col.R, col.G, col.B, col.A})
		}
	}
	return img
}

// upright is the reference picture of the orientation tests: red, green,
// blue and yellow from the top left, wider than tall.
func upright(w, h int) *image.NRGBA { return quadrants(w, h, red, green, blue, yellow) }

// noise is a w x h picture of random opaque pixels, the hardest thing to
// compress.
func noise(w, h int) *image.NRGBA {
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		v := r.Uint32()
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(v), uint8(v>>8), uint8(v>>16), 255
	}
	return img
}

// sourceOf is the Source that Load would make of img, without encoding and
// decoding it: the pixel pipeline tests need big pictures, and a PNG round
// trip of those dominates their time under -race. Load's own tests cover
// decoding.
func sourceOf(img image.Image) *Source {
	b := img.Bounds()
	return &Source{img: flatten(img, b.Dx(), b.Dy()), format: "png", orientation: 1}
}

func jpegBytes(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pngBytes(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gifBytes(t testing.TB, g *gif.GIF) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// gifFrames is an animated GIF whose frames are each filled with one colour.
func gifFrames(w, h int, cols ...color.Color) *gif.GIF {
	g := &gif.GIF{}
	for _, c := range cols {
		frame := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{c})
		g.Image = append(g.Image, frame)
		g.Delay = append(g.Delay, 10)
	}
	return g
}

func bmpBytes(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := bmp.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// webpBytes is a lossless WebP (VP8L) of w x h pixels, each either a or b
// as isB says. x/image has no WebP encoder, so this writes the bitstream
// by hand, using the format's simplest form: no transforms, no colour
// cache, and "simple" prefix codes with one symbol (zero bits per pixel)
// for red, blue and alpha and two symbols (one bit) for green. So a and b
// must have the same red, blue and alpha and differ in green.
func webpBytes(w, h int, a, b color.NRGBA, isB func(x, y int) bool) []byte {
	var bw bitWriter
	bw.write(0x2f, 8) // VP8L signature
	bw.write(uint32(w-1), 14)
	bw.write(uint32(h-1), 14)
	bw.write(0, 1) // alpha hint
	bw.write(0, 3) // version
	bw.write(0, 1) // no transform
	bw.write(0, 1) // no colour cache
	bw.write(0, 1) // no meta prefix codes
	// Green: simple code, two 8-bit symbols; the first gets bit 0.
	bw.write(1, 1)
	bw.write(1, 1)
	bw.write(1, 1)
	bw.write(uint32(a.G), 8)
	bw.write(uint32(b.G), 8)
	for _, v := range []uint8{a.R, a.B, a.A} { // red, blue, alpha: one 8-bit symbol
		bw.write(1, 1)
		bw.write(0, 1)
		bw.write(1, 1)
		bw.write(uint32(v), 8)
	}
	bw.write(1, 1) // distance: one 1-bit symbol, never used
	bw.write(0, 1)
	bw.write(0, 1)
	bw.write(0, 1)
	for y := range h {
		for x := range w {
			if isB(x, y) {
				bw.write(1, 1)
			} else {
				bw.write(0, 1)
			}
		}
	}
	data := bw.bytes()
	chunk := binary.LittleEndian.AppendUint32([]byte("VP8L"), uint32(len(data)))
	chunk = append(chunk, data...)
	if len(data)%2 == 1 {
		chunk = append(chunk, 0) // RIFF chunks are padded to even sizes
	}
	out := binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(4+len(chunk)))
	out = append(out, "WEBP"...)
	return append(out, chunk...)
}

// bitWriter packs bits least significant first, as VP8L reads them.
type bitWriter struct {
	buf   []byte
	acc   uint64
	nBits uint
}

func (bw *bitWriter) write(v uint32, n uint) {
	bw.acc |= uint64(v) << bw.nBits
	bw.nBits += n
	for bw.nBits >= 8 {
		bw.buf = append(bw.buf, byte(bw.acc))
		bw.acc >>= 8
		bw.nBits -= 8
	}
}

func (bw *bitWriter) bytes() []byte {
	if bw.nBits > 0 {
		return append(bw.buf, byte(bw.acc))
	}
	return bw.buf
}

// byteOrder is what binary.LittleEndian and binary.BigEndian both are:
// readers and appenders in one.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// tiffWithOrientation is the TIFF structure inside an EXIF block with one
// IFD0 entry: tag 0x0112 of type typ (3 SHORT, 4 LONG) holding o.
func tiffWithOrientation(order byteOrder, typ uint16, o uint32) []byte {
	var b []byte
	if order == binary.BigEndian {
		b = []byte("MM")
	} else {
		b = []byte("II")
	}
	b = order.AppendUint16(b, 42)
	b = order.AppendUint32(b, 8) // IFD0 right after the header
	b = order.AppendUint16(b, 2) // two entries: another tag first, as cameras write
	b = order.AppendUint16(b, 0x010f)
	b = order.AppendUint16(b, 2) // ASCII
	b = order.AppendUint32(b, 4)
	b = append(b, "Cam\x00"...)
	b = order.AppendUint16(b, 0x0112)
	b = order.AppendUint16(b, typ)
	b = order.AppendUint32(b, 1)
	if typ == 3 {
		b = order.AppendUint16(b, uint16(o))
		b = order.AppendUint16(b, 0) // the value field is 4 bytes, left-justified
	} else {
		b = order.AppendUint32(b, o)
	}
	return order.AppendUint32(b, 0) // no IFD1
}

// withSegment inserts a JPEG marker segment right after the SOI marker, as
// cameras place APP1.
func withSegment(jpg []byte, marker byte, payload []byte) []byte {
	seg := []byte{0xff, marker}
	seg = binary.BigEndian.AppendUint16(seg, uint16(2+len(payload)))
	seg = append(seg, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// withOrientation is jpg with an APP1 Exif segment saying o.
func withOrientation(jpg []byte, order byteOrder, o int) []byte {
	return withSegment(jpg, 0xe1, append([]byte("Exif\x00\x00"), tiffWithOrientation(order, 3, uint32(o))...))
}

// pngClaiming is a valid 1x1 PNG whose header claims w x h pixels, with a
// correct checksum so the header reads: a decompression bomb's shape.
func pngClaiming(t testing.TB, w, h uint32) []byte {
	t.Helper()
	b := pngBytes(t, image.NewNRGBA(image.Rect(0, 0, 1, 1)))
	// IHDR's data starts after the 8-byte signature and 8-byte chunk header.
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// near reports whether c is within tol of want in every channel, for
// colours that went through JPEG or a resampling filter.
func near(c color.Color, want color.NRGBA, tol int) bool {
	got := color.NRGBAModel.Convert(c).(color.NRGBA)
	d := func(a, b uint8) bool { return abs(int(a)-int(b)) <= tol }
	return d(got.R, want.R) && d(got.G, want.G) && d(got.B, want.B) && d(got.A, want.A)
}

func abs(v int) int { return max(v, -v) }

// cornerColours checks the colour a quarter of the way in from each corner
// of img against the four wanted, top-left, top-right, bottom-left,
// bottom-right.
func cornerColours(t *testing.T, img image.Image, want [4]color.NRGBA) {
	t.Helper()
	b := img.Bounds()
	qx, qy := b.Dx()/4, b.Dy()/4
	points := [4]image.Point{
		{b.Min.X + qx, b.Min.Y + qy},
		{b.Max.X - 1 - qx, b.Min.Y + qy},
		{b.Min.X + qx, b.Max.Y - 1 - qy},
		{b.Max.X - 1 - qx, b.Max.Y - 1 - qy},
	}
	names := [4]string{"top-left", "top-right", "bottom-left", "bottom-right"}
	for i, p := range points {
		if !near(img.At(p.X, p.Y), want[i], 40) {
			t.Errorf("%s at %v is %v, want %v", names[i], p, img.At(p.X, p.Y), want[i])
		}
	}
}

// The two TIFF byte orders, typed so the helpers above can both read and
// append with them.
var (
	bigEndian    byteOrder = binary.BigEndian
	littleEndian byteOrder = binary.LittleEndian
)
