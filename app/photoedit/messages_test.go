package photoedit

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// Item 3 of the tester's report: pictures that cannot be used are refused
// for what they are, not as damaged or as not a picture, and an animated
// GIF is known to be one.
func TestRefusalsSayWhatThePictureIs(t *testing.T) {
	// An animated WebP's first chunk: VP8X with the animation flag, a
	// 100x100 canvas; then the ANIM chunk.
	vp8x := []byte("VP8X\x0a\x00\x00\x00\x02\x00\x00\x00\x63\x00\x00\x63\x00\x00")
	anim := []byte("ANIM\x06\x00\x00\x00\xff\xff\xff\xff\x00\x00")
	animWebP := binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(4+len(vp8x)+len(anim)))
	animWebP = append(append(append(animWebP, "WEBP"...), vp8x...), anim...)

	// A 100x100 8-bit BMP whose header says RLE8, as Paint and some
	// scanners save.
	rle := make([]byte, 54+1024)
	copy(rle, "BM")
	binary.LittleEndian.PutUint32(rle[2:], uint32(len(rle)))
	binary.LittleEndian.PutUint32(rle[10:], 54+1024)
	binary.LittleEndian.PutUint32(rle[14:], 40)
	binary.LittleEndian.PutUint32(rle[18:], 100)
	binary.LittleEndian.PutUint32(rle[22:], 100)
	binary.LittleEndian.PutUint16(rle[26:], 1)
	binary.LittleEndian.PutUint16(rle[28:], 8)
	binary.LittleEndian.PutUint32(rle[30:], 1) // BI_RLE8

	tests := []struct {
		name     string
		data     []byte
		want     error
		mentions []string
		not      []string
	}{
		{"animated webp", animWebP, ErrUnsupportedFormat, []string{"animated WebP", "PNG or JPEG"}, []string{"damaged", "invalid format"}},
		{"rle bmp", rle, ErrUnsupportedFormat, []string{"BMP", "RLE8 compression", "PNG or JPEG"}, []string{"not a picture"}},
		// An empty file named .jpg was told "not a picture (choose a JPEG,
		// PNG, GIF, BMP or WebP file)": it is one, in name, whose copy or
		// download did not finish.
		{"empty file", []byte{}, ErrNotAnImage, []string{"empty (0 bytes)", "copy or download may not have finished"}, []string{"choose a JPEG"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			for _, m := range tt.mentions {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("%q does not mention %q", err, m)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(err.Error(), n) {
					t.Errorf("%q says %q", err, n)
				}
			}
		})
	}

	animated, err := Load(gifBytes(t, gifFrames(64, 64, red, blue)))
	if err != nil || !animated.Animated() {
		t.Errorf("two-frame GIF: animated %v, err %v", err == nil && animated.Animated(), err)
	}
	still, err := Load(gifBytes(t, gifFrames(64, 64, red)))
	if err != nil || still.Animated() {
		t.Errorf("one-frame GIF: animated %v, err %v", err == nil && still.Animated(), err)
	}
}
