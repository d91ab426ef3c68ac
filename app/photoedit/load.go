package photoedit

import (
	"bytes"
	"fmt"
	"image"
	"strings"

	"golang.org/x/image/draw"
)

// Source is a picture that passed Load's checks, turned upright. It is
// never modified after Load, so previews can render it on one goroutine
// while the editor reads it on another.
type Source struct {
	img         *image.RGBA
	format      string
	orientation int
	animated    bool
}

// Image is the upright picture, opaque, with its origin at (0, 0).
func (s *Source) Image() image.Image { return s.img }

// Size is the upright picture's width and height in pixels.
func (s *Source) Size() image.Point { return s.img.Rect.Size() }

// Format is the format the bytes were in: "jpeg", "png", "gif", "bmp" or
// "webp".
func (s *Source) Format() string { return s.format }

// Orientation is the EXIF orientation (1–8) found in the file, already
// applied to Image; 1 when the file had none.
func (s *Source) Orientation() int { return s.orientation }

// Animated reports an animated GIF, of which only the first frame is
// used: a profile photo is still. Say so to the person, who may have
// meant another frame.
func (s *Source) Animated() bool { return s.animated }

// RotatedBounds is the picture's rectangle after the given clockwise
// quarter turns: the space that Edit.Crop is measured in.
func (s *Source) RotatedBounds(turns int) image.Rectangle {
	size := s.Size()
	if normTurns(turns)%2 == 1 {
		size.X, size.Y = size.Y, size.X
	}
	return image.Rectangle{Max: size}
}

// Rotated is the upright picture turned clockwise by the given quarter
// turns: what an editor shows behind the crop frame, in the coordinates of
// Edit.Crop. No turn returns Image itself; otherwise each call makes a new
// copy in one pass over the photo (about 0.2 s for 12 MP), so keep it until
// the next turn. Treat it as read-only: Render and Prepare share its pixels.
func (s *Source) Rotated(turns int) image.Image { return orient(s.img, quarterTurns(turns)) }

// Load checks and decodes a picture in the only safe order: sniff the magic
// bytes, read the header's dimensions, refuse absurd or too small ones,
// and only then decode. The result is upright (EXIF orientation applied)
// and flattened onto white, because the upload is a JPEG, which has no
// transparency, and the editor should show what will be uploaded. data is
// only read, never kept or changed.
func Load(data []byte) (*Source, error) {
	img, in, c, err := decode(data)
	if err != nil {
		return nil, err
	}
	w, h := in.Width, in.Height
	o := 1
	if c.name == "jpeg" {
		o = jpegOrientation(data)
	}
	animated := c.name == "gif" && countGIFFrames(data, 2) > 1
	return &Source{img: flattenUpright(img, w, h, o), format: c.name, orientation: o, animated: animated}, nil
}

// Check reports what Load would refuse in data — not a picture, too
// large, damaged — without making the upright copy Load keeps: an
// import's scan asks it of files whose ending proves nothing, and a
// 64 MP copy made only to be thrown away is 256 MB.
func Check(data []byte) error {
	_, _, _, err := decode(data)
	return err
}

// decode is data's picture, after Inspect's checks, with its codec.
func decode(data []byte) (image.Image, Info, codec, error) {
	in, err := Inspect(data)
	if err != nil {
		return nil, Info{}, codec{}, err
	}
	c, _ := sniff(data) // Inspect sniffed it already
	img, err := c.decode(bytes.NewReader(data))
	if err != nil {
		if strings.HasPrefix(err.Error(), c.name+": ") { // the decoders' errors name their format already
			return nil, Info{}, codec{}, fmt.Errorf("%w: %w", ErrDamaged, err)
		}
		return nil, Info{}, codec{}, fmt.Errorf("%w: %s: %w", ErrDamaged, c.name, err)
	}
	return img, in, c, nil
}

// flattenUpright is orient(flatten(img, w, h), o) without the full-size
// copy in between: at MaxPixels an RGBA copy is 256 MB, and the decoded
// picture is still alive while it is made, so flattening and turning in
// two steps held three full-size pictures at once. Here the decoded rows
// are flattened a strip at a time into a small buffer and copied straight
// to where the turn puts them.
func flattenUpright(img image.Image, w, h, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return flatten(img, w, h)
	}
	dw, dh := w, h
	if o >= 5 { // the four orientations that swap width and height
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	// The destination of source pixel (x, y) is
	// (px*x + qx*y + rx, py*x + qy*y + ry): the inverse of orient's map.
	var px, qx, rx, py, qy, ry int
	switch o {
	case 2:
		px, rx, qy = -1, w-1, 1
	case 3:
		px, rx, qy, ry = -1, w-1, -1, h-1
	case 4:
		px, qy, ry = 1, -1, h-1
	case 5:
		qx, py = 1, 1
	case 6:
		qx, rx, py = -1, h-1, 1
	case 7:
		qx, rx, py, ry = -1, h-1, -1, w-1
	case 8:
		qx, py, ry = 1, -1, w-1
	}
	stepX := 4*px + dst.Stride*py
	stepY := 4*qx + dst.Stride*qy
	const stripRows = 64
	strip := image.NewRGBA(image.Rect(0, 0, w, min(stripRows, h)))
	for y0 := 0; y0 < h; y0 += stripRows {
		rows := min(stripRows, h-y0)
		r := image.Rect(0, y0, w, y0+rows)
		view := strip.SubImage(image.Rect(0, 0, w, rows)).(*image.RGBA)
		draw.Draw(view, view.Rect, image.White, image.Point{}, draw.Src)
		// The canvas is the header's w x h, as in flatten; a decoder's
		// bounds outside it are clipped by the intersection.
		draw.Draw(view, r.Intersect(img.Bounds()).Sub(r.Min), img, r.Intersect(img.Bounds()).Min, draw.Over)
		for y := range rows {
			di := 4*rx + dst.Stride*ry + (y0+y)*stepY
			row := strip.Pix[y*strip.Stride : y*strip.Stride+4*w]
			for x := 0; x < len(row); x += 4 {
				copy(dst.Pix[di:di+4], row[x:x+4])
				di += stepX
			}
		}
	}
	return dst
}

// flatten draws img onto a white w x h canvas. The canvas takes its size
// from the header that was checked, not from the decoded image, so it stays
// within MaxPixels whatever a decoder returned; it also puts a GIF's first
// frame where it belongs on the GIF's screen.
func flatten(img image.Image, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Rect, image.White, image.Point{}, draw.Src)
	draw.Draw(dst, img.Bounds(), img, img.Bounds().Min, draw.Over)
	return dst
}
