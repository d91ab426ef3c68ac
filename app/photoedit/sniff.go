package photoedit

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"slices"

	"golang.org/x/image/bmp"
	"golang.org/x/image/webp"
)

// codec is one readable format. Decoders are called directly rather than
// through image.Decode, so what Load accepts does not depend on which
// formats other packages happen to register.
type codec struct {
	name         string
	decodeConfig func(io.Reader) (image.Config, error)
	decode       func(io.Reader) (image.Image, error)
}

// The magic bytes are checked here, not guessed from a file name or a
// Content-Type, so a PNG saved as .jpg still opens and a renamed document
// is still refused.
var (
	jpegCodec = codec{"jpeg", jpeg.DecodeConfig, jpeg.Decode}
	pngCodec  = codec{"png", png.DecodeConfig, png.Decode}
	gifCodec  = codec{"gif", gif.DecodeConfig, gif.Decode} // gif.Decode keeps the first frame
	bmpCodec  = codec{"bmp", bmp.DecodeConfig, bmp.Decode}
	webpCodec = codec{"webp", webp.DecodeConfig, webp.Decode}
)

// sniff picks the codec for data by its magic bytes. Formats that are
// pictures but cannot be read get ErrUnsupportedFormat with their name, so
// the person learns what to do instead of being told it is not a picture.
func sniff(data []byte) (codec, error) {
	if len(data) == 0 {
		// Usually a picture in name whose copy or download did not
		// finish: "choose a JPEG" misled when it was called .jpg.
		return codec{}, errEmptyFile
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}):
		return jpegCodec, nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return pngCodec, nil
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return gifCodec, nil
	case bytes.HasPrefix(data, []byte("BM")) && len(data) >= 26:
		return bmpCodec, nil
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		if animatedWebP(data) {
			// x/image/webp reads still pictures only, and says "invalid
			// format" of an animation, which is not damaged.
			return codec{}, fmt.Errorf("an animated WebP: %w; save one frame as PNG or JPEG and choose that file", ErrUnsupportedFormat)
		}
		return webpCodec, nil
	}
	if name := unsupportedName(data); name != "" {
		return codec{}, unsupported(name)
	}
	return codec{}, ErrNotAnImage
}

// unsupported is the error for a picture format that has no maintained
// pure-Go decoder this app can take on. For HEIC, the iPhone's format, the
// Go decoders wrap libheif through cgo or WebAssembly, and the one native
// HEVC port (gen2brain/h265, first released in 2026) is too young to trust
// with files from strangers and cannot be fetched by this build. iPhones
// usually hand out JPEGs when sharing, so the advice costs one step.
func unsupported(name string) error {
	return fmt.Errorf("%s: %w; save it as JPEG first and choose that file", name, ErrUnsupportedFormat)
}

// unsupportedName names picture formats people commonly have but that are
// not read here, or returns "".
func unsupportedName(data []byte) string {
	switch {
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		return isoBrandName(data)
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "TIFF"
	case bytes.HasPrefix(data, []byte{0xff, 0x0a}), bytes.HasPrefix(data, []byte("\x00\x00\x00\x0cJXL \r\n\x87\n")):
		return "JPEG XL"
	case bytes.Contains(data[:min(len(data), 1024)], []byte("<svg")):
		return "SVG"
	}
	return ""
}

// isoBrandName reads the brands of an ISO base media file's ftyp box: the
// same box starts HEIC, AVIF and MP4 files, and only the brands tell a
// photo from a video.
func isoBrandName(data []byte) string {
	end := int(min(max(uint64(binary.BigEndian.Uint32(data)), 12), uint64(len(data))))
	var brands []string
	for i := 8; i+4 <= end; i += 4 {
		if i == 12 { // minor version, not a brand
			continue
		}
		brands = append(brands, string(data[i:i+4]))
	}
	has := func(names ...string) bool {
		return slices.ContainsFunc(brands, func(b string) bool { return slices.Contains(names, b) })
	}
	switch {
	case has("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"):
		return "HEIC"
	case has("avif", "avis"):
		return "AVIF"
	case has("mif1", "msf1"):
		return "HEIF"
	}
	return ""
}

// animatedWebP reports a WebP whose VP8X header, the extended format's
// first chunk, has the animation flag set.
func animatedWebP(data []byte) bool {
	const animationBit = 1 << 1
	return len(data) >= 21 && string(data[12:16]) == "VP8X" && data[20]&animationBit != 0
}

// bmpUnsupported is the error for a BMP that x/image/bmp refuses as a kind
// it does not read — most often compressed (RLE, as some Windows tools
// save) — with that compression named, so the person is not told the file
// is not a picture. It is nil when the header is not a BMP's at all (its
// info header's length and plane count are not ones BMPs have).
func bmpUnsupported(data []byte) error {
	if len(data) < 34 {
		return nil
	}
	infoLen, planes := binary.LittleEndian.Uint32(data[14:18]), binary.LittleEndian.Uint16(data[26:28])
	if !slices.Contains([]uint32{40, 52, 56, 108, 124}, infoLen) || planes != 1 {
		return nil
	}
	what := "a BMP of a kind that cannot be read here"
	names := map[uint32]string{1: "RLE8", 2: "RLE4", 3: "bit-field", 4: "JPEG", 5: "PNG", 6: "bit-field"}
	if name, ok := names[binary.LittleEndian.Uint32(data[30:34])]; ok {
		what = "a BMP with " + name + " compression, which cannot be read here"
	}
	return fmt.Errorf("%s: %w; save it as PNG or JPEG and choose that file", what, ErrUnsupportedFormat)
}

// countGIFFrames counts a GIF's frames up to limit by walking its blocks,
// without decoding any: gif.Decode keeps the first frame only, and
// gif.DecodeAll would decode every frame of an animation to count them.
// A malformed file counts the frames found before the fault.
func countGIFFrames(data []byte, limit int) int {
	if len(data) < 13 {
		return 0
	}
	i := 13 // header and logical screen descriptor
	if data[10]&0x80 != 0 {
		i += 3 << (data[10]&7 + 1) // global colour table
	}
	// subBlocks skips data sub-blocks from j, returning where they end.
	subBlocks := func(j int) int {
		for j < len(data) && data[j] != 0 {
			j += 1 + int(data[j])
		}
		return j + 1
	}
	frames := 0
	for i < len(data) && frames < limit {
		switch data[i] {
		case 0x21: // extension: label, then sub-blocks
			i = subBlocks(i + 2)
		case 0x2c: // image descriptor, optional local colour table, LZW size, data
			if i+10 > len(data) {
				return frames
			}
			frames++
			packed := data[i+9]
			i += 10
			if packed&0x80 != 0 {
				i += 3 << (packed&7 + 1)
			}
			i = subBlocks(i + 1)
		default: // the trailer, or something that is not a block
			return frames
		}
	}
	return frames
}
