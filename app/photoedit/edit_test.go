package photoedit

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"
)

func TestCenteredSquare(t *testing.T) {
	tests := []struct {
		size image.Point
		want image.Rectangle
	}{
		{image.Pt(200, 100), image.Rect(50, 0, 150, 100)},
		{image.Pt(100, 200), image.Rect(0, 50, 100, 150)},
		{image.Pt(101, 50), image.Rect(25, 0, 75, 50)},
		{image.Pt(64, 64), image.Rect(0, 0, 64, 64)},
		{image.Pt(0, 0), image.Rect(0, 0, 0, 0)},
	}
	for _, tt := range tests {
		if got := CenteredSquare(tt.size); got != tt.want {
			t.Errorf("CenteredSquare(%v) = %v, want %v", tt.size, got, tt.want)
		}
	}
}

func TestClampSquare(t *testing.T) {
	pic := image.Rect(0, 0, 400, 300)
	tests := []struct {
		name string
		r    image.Rectangle
		want image.Rectangle
	}{
		{"inside stays", image.Rect(10, 20, 110, 120), image.Rect(10, 20, 110, 120)},
		{"wide becomes square about its centre", image.Rect(100, 100, 200, 150), image.Rect(125, 100, 175, 150)},
		{"dragged past the right edge stops there", image.Rect(350, 0, 450, 100), image.Rect(300, 0, 400, 100)},
		{"dragged past the top left stops there", image.Rect(-30, -40, 70, 60), image.Rect(0, 0, 100, 100)},
		{"zoomed below the minimum grows to it", image.Rect(200, 150, 210, 160), image.Rect(181, 131, 229, 179)},
		{"zoomed past the picture shrinks to it", image.Rect(-100, -100, 500, 500), image.Rect(50, 0, 350, 300)},
		{"upside-down corners are put right", image.Rect(110, 120, 10, 20), image.Rect(10, 20, 110, 120)},
		{"empty picture", image.Rect(0, 0, 10, 10), image.Rect(0, 0, 10, 10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bounds := pic
			if tt.name == "empty picture" {
				bounds = image.Rect(0, 0, 10, 10) // below MinSide: the picture's side wins
			}
			if got := ClampSquare(tt.r, bounds); got != tt.want {
				t.Errorf("ClampSquare(%v) = %v, want %v", tt.r, got, tt.want)
			}
		})
	}
	if got := ClampSquare(image.Rect(0, 0, 50, 50), image.Rectangle{}); got != (image.Rectangle{}) {
		t.Errorf("no picture: %v", got)
	}
}

func TestClampSquareAlwaysValid(t *testing.T) {
	// Whatever a drag or zoom produces, the result is a square of at
	// least MinSide inside the picture.
	r := rand.New(rand.NewPCG(7, 7))
	for range 5000 {
		bounds := image.Rect(0, 0, MinSide+r.IntN(800), MinSide+r.IntN(800))
		frame := image.Rect(r.IntN(2000)-1000, r.IntN(2000)-1000, r.IntN(2000)-1000, r.IntN(2000)-1000)
		got := ClampSquare(frame, bounds)
		if got.Dx() != got.Dy() || got.Dx() < MinSide || !got.In(bounds) {
			t.Fatalf("ClampSquare(%v, %v) = %v", frame, bounds, got)
		}
	}
}

func TestZoom(t *testing.T) {
	frame := image.Rect(100, 100, 300, 300)
	tests := []struct {
		name   string
		factor float64
		center image.Point
		want   image.Rectangle
	}{
		{"in about the centre", 2, image.Pt(200, 200), image.Rect(150, 150, 250, 250)},
		{"out about the centre", 0.5, image.Pt(200, 200), image.Rect(0, 0, 400, 400)},
		{"in about the top-left corner keeps it", 2, image.Pt(100, 100), image.Rect(100, 100, 200, 200)},
		{"in about a point off centre keeps it in place", 4, image.Pt(260, 140), image.Rect(220, 130, 270, 180)},
		{"zero factor", 0, image.Pt(200, 200), frame},
		{"negative factor", -2, image.Pt(200, 200), frame},
		{"NaN", math.NaN(), image.Pt(200, 200), frame},
		{"infinite", math.Inf(1), image.Pt(200, 200), frame},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Zoom(frame, tt.factor, tt.center); got != tt.want {
				t.Errorf("Zoom = %v, want %v", got, tt.want)
			}
		})
	}
	// A wild factor still gives something ClampSquare can bring back.
	bounds := image.Rect(0, 0, 400, 300)
	for _, f := range []float64{1e-300, 1e300} {
		if got := ClampSquare(Zoom(frame, f, image.Pt(200, 200)), bounds); got.Dx() != got.Dy() || !got.In(bounds) {
			t.Errorf("factor %g: %v", f, got)
		}
	}
}

func TestEditSquare(t *testing.T) {
	src := &Source{img: image.NewRGBA(image.Rect(0, 0, 300, 200))}
	tests := []struct {
		name string
		e    Edit
		want image.Rectangle
	}{
		{"zero value is centred", Edit{}, image.Rect(50, 0, 250, 200)},
		{"turned a quarter, centred in the tall picture", Edit{Rotate: 1}, image.Rect(0, 50, 200, 250)},
		{"negative turns count backwards", Edit{Rotate: -1}, image.Rect(0, 50, 200, 250)},
		{"five turns are one", Edit{Rotate: 5}, image.Rect(0, 50, 200, 250)},
		{"a crop is clamped", Edit{Crop: image.Rect(250, 150, 350, 250)}, image.Rect(200, 100, 300, 200)},
		{"a crop is clamped in turned space", Edit{Rotate: 1, Crop: image.Rect(150, 250, 250, 350)}, image.Rect(100, 200, 200, 300)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.Square(src); got != tt.want {
				t.Errorf("Square = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRotateClockwiseKeepsSelection(t *testing.T) {
	// Turning in the editor turns the frame along: the kept part of the
	// photo is the same, only turned.
	src, err := Load(pngBytes(t, noise(300, 200)))
	if err != nil {
		t.Fatal(err)
	}
	e := Edit{Crop: image.Rect(20, 30, 120, 130)}
	for turn := range 4 {
		next := e.RotateClockwise(src)
		if next.Rotate != (turn+1)%4 {
			t.Fatalf("Rotate = %d", next.Rotate)
		}
		before := render(src, e, 100)
		after := render(src, next, 100)
		if want := orient(before, 6); !equalPix(after, want) {
			t.Fatalf("turn %d: the selection changed (crop %v -> %v)", turn, e.Crop, next.Crop)
		}
		e = next
	}
	if e.Crop != image.Rect(20, 30, 120, 130) {
		t.Errorf("four turns moved the crop to %v", e.Crop)
	}
	if got := (Edit{}).RotateClockwise(src); got != (Edit{Rotate: 1}) {
		t.Errorf("an empty crop stays empty (centred): %+v", got)
	}
}

func equalPix(a, b *image.RGBA) bool {
	return a.Rect == b.Rect && string(a.Pix) == string(b.Pix)
}
