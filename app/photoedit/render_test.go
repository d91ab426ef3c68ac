package photoedit

import (
	"image"
	"image/color"
	"testing"
)

// bands is a w x h picture of equal vertical stripes, one per colour.
func bands(w, h int, cols ...color.NRGBA) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, cols[x*len(cols)/w])
		}
	}
	return img
}

func load(t *testing.T, img image.Image) *Source {
	t.Helper()
	src, err := Load(pngBytes(t, img))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestRenderCentredCropOfWidePicture(t *testing.T) {
	// Red, green, blue thirds of 300x100: the centred square is the green.
	src := load(t, bands(300, 100, red, green, blue))
	for _, side := range PreviewSides {
		img := Render(src, Edit{}, side)
		if img.Bounds() != image.Rect(0, 0, side, side) {
			t.Fatalf("side %d: bounds %v", side, img.Bounds())
		}
		for _, p := range []image.Point{{1, 1}, {side - 2, 1}, {side / 2, side / 2}, {1, side - 2}, {side - 2, side - 2}} {
			if c := img.At(p.X, p.Y); !near(c, green, 2) {
				t.Fatalf("side %d: %v at %v, want green", side, c, p)
			}
		}
	}
}

func TestRenderRotates(t *testing.T) {
	src := load(t, upright(120, 120))
	tests := []struct {
		turns int
		want  [4]color.NRGBA
	}{
		{0, [4]color.NRGBA{red, green, blue, yellow}},
		{1, [4]color.NRGBA{blue, red, yellow, green}},
		{2, [4]color.NRGBA{yellow, blue, green, red}},
		{3, [4]color.NRGBA{green, yellow, red, blue}},
		{-1, [4]color.NRGBA{green, yellow, red, blue}},
	}
	for _, tt := range tests {
		for _, side := range PreviewSides {
			cornerColours(t, Render(src, Edit{Rotate: tt.turns}, side), tt.want)
		}
	}
}

func TestSourceRotated(t *testing.T) {
	src := load(t, upright(96, 64))
	want := map[int][4]color.NRGBA{
		0: {red, green, blue, yellow},
		1: {blue, red, yellow, green},
		2: {yellow, blue, green, red},
		3: {green, yellow, red, blue},
	}
	for turns := -1; turns <= 4; turns++ {
		img := src.Rotated(turns)
		if img.Bounds() != src.RotatedBounds(turns) {
			t.Errorf("turns %d: bounds %v, RotatedBounds %v", turns, img.Bounds(), src.RotatedBounds(turns))
		}
		cornerColours(t, img, want[normTurns(turns)])
	}
}

func TestRenderCropInTurnedSpace(t *testing.T) {
	// 200x100, red left half and green right half. The crop is the first
	// square of the turned picture: which half that is depends on the turn.
	src := load(t, bands(200, 100, red, green))
	tests := []struct {
		turns       int
		first, last color.NRGBA // the top-left square, and the bottom-right one
	}{
		{0, red, green},
		{1, red, green}, // a quarter clockwise puts the left side on top
		{2, green, red},
		{3, green, red},
	}
	for _, tt := range tests {
		b := src.RotatedBounds(tt.turns)
		firstSq := image.Rect(0, 0, 100, 100)
		lastSq := image.Rectangle{Min: b.Max.Sub(image.Pt(100, 100)), Max: b.Max}
		for _, c := range []struct {
			crop image.Rectangle
			want color.NRGBA
		}{{firstSq, tt.first}, {lastSq, tt.last}} {
			img := Render(src, Edit{Rotate: tt.turns, Crop: c.crop}, 48)
			for _, p := range []image.Point{{2, 2}, {45, 2}, {2, 45}, {45, 45}} {
				if got := img.At(p.X, p.Y); !near(got, c.want, 2) {
					t.Errorf("turns %d crop %v: %v at %v, want %v", tt.turns, c.crop, got, p, c.want)
				}
			}
		}
	}
}

func TestRenderLargePhoto(t *testing.T) {
	t.Parallel() // among the slowest under -race; two cores run two at once
	// The box-filter step must keep the picture where it was.
	src := sourceOf(upright(1600, 1200)) // big enough that the preview sides take the box-filter step
	for _, side := range []int{48, 96, 240, UploadSide} {
		cornerColours(t, Render(src, Edit{}, side), [4]color.NRGBA{red, green, blue, yellow})
	}
}

func TestRenderNoSide(t *testing.T) {
	src := load(t, upright(64, 64))
	for _, side := range []int{0, -5} {
		if b := Render(src, Edit{}, side).Bounds(); !b.Empty() {
			t.Errorf("side %d: bounds %v", side, b)
		}
	}
}

func TestPreviews(t *testing.T) {
	src := sourceOf(upright(1000, 700))
	got := Previews(src, Edit{Rotate: 2})
	if len(got) != len(PreviewSides) {
		t.Fatalf("%d previews", len(got))
	}
	for i, side := range PreviewSides {
		if got[i].Bounds() != image.Rect(0, 0, side, side) {
			t.Errorf("preview %d: bounds %v", i, got[i].Bounds())
		}
		cornerColours(t, got[i], [4]color.NRGBA{yellow, blue, green, red})
	}
}

func TestBoxShrinkAverages(t *testing.T) {
	// 4x2 of alternating black and white columns averages to mid grey at
	// 2x1, and uneven blocks (5 to 2) still cover every pixel.
	src := image.NewRGBA(image.Rect(0, 0, 5, 2))
	for y := range 2 {
		for x := range 5 {
			v := uint8(255 * (x % 2))
			src.SetRGBA(x, y, color.RGBA{v, v, v, 255})
		}
	}
	got := boxShrink(src, image.Rect(0, 0, 4, 2), 2, 1)
	for x := range 2 {
		if c := got.RGBAAt(x, 0); c.R != 128 || c.A != 255 {
			t.Errorf("pixel %d = %v, want grey 128", x, c)
		}
	}
	got = boxShrink(src, src.Rect, 2, 1)
	// Blocks are columns 0–1 (one white of two) and 2–4 (one white of three).
	if a, b := got.RGBAAt(0, 0).R, got.RGBAAt(1, 0).R; a != 128 || b != 85 {
		t.Errorf("uneven blocks: %d, %d; want 128, 85", a, b)
	}
}
